/** "Page 2 of 3 · 14–26 of 60": which part of a long list the screen shows now (nothing when it all fits). */
export function PageLabel({ page, pages, first, last, total }: { page: number; pages: number; first: number; last: number; total: number }) {
  if (pages <= 1) return null;
  return (
    <p className="pj-page" data-testid="pj-page" aria-live="off">
      <strong>
        Page {page + 1} of {pages}
      </strong>{' '}
      · {first}–{last} of {total}
      <span className="pj-page-dots" aria-hidden="true">
        {Array.from({ length: pages }, (_, i) => (
          <span key={i} className={i === page ? 'on' : ''} />
        ))}
      </span>
    </p>
  );
}
