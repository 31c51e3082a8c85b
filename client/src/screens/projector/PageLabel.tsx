import { useI18n } from '../../i18n/useI18n.ts';

/** "Page 2 of 3 · 14–26 of 60": which part of a long list the screen shows now (nothing when it all fits). */
export function PageLabel({ page, pages, first, last, total }: { page: number; pages: number; first: number; last: number; total: number }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <p className="pj-page" data-testid="pj-page" aria-live="off">
      <strong>{t('projector.page', { page: page + 1, pages })}</strong> · {t('projector.pageRange', { first, last, total })}
      <span className="pj-page-dots" aria-hidden="true">
        {Array.from({ length: pages }, (_, i) => (
          <span key={i} className={i === page ? 'on' : ''} />
        ))}
      </span>
    </p>
  );
}
