import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import QRCode from 'qrcode';
import type { IssuedCode } from '../../../../shared/protocol/views.ts';
import { shortUrl } from '../../lib/format.ts';
import './code-cards.css';
import { t } from '../../i18n/i18n.ts';
import { useFacilitatorStore } from './store.ts';

/** Cards per A4 page: 3 columns × 4 rows. */
export const CARDS_PER_PAGE = 12;

/** What a card's QR code holds: the phone page, with the code to redeem. */
export function cardUrl(publicUrl: string, assemblyId: string, code: string): string {
  return `${publicUrl}/a/${assemblyId}?code=${encodeURIComponent(code)}`;
}

/**
 * A QR code as inline SVG, built synchronously: crisp in print at any size,
 * and a sheet of hundreds of cards needs no image decoding. Dark modules in
 * one row are merged into one rectangle.
 */
export function QrSvg({ text, label, className }: { text: string; label: string; className?: string }) {
  const { d, size } = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const quiet = 2;
    let path = '';
    for (let r = 0; r < n; r++) {
      let c = 0;
      while (c < n) {
        if (!qr.modules.get(r, c)) {
          c++;
          continue;
        }
        let run = 1;
        while (c + run < n && qr.modules.get(r, c + run)) run++;
        path += `M${c + quiet} ${r + quiet}h${run}v1h-${run}z`;
        c += run;
      }
    }
    return { d: path, size: n + 2 * quiet };
  }, [text]);
  return (
    <svg className={className} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

/** One printed card: QR code, the code in large letters, the card number. */
export function CodeCard({ code, url, title, joinUrl }: { code: IssuedCode; url: string; title: string; joinUrl: string }) {
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  return (
    <article className="code-card" data-testid="code-card" data-url={url} aria-label={t('codes.print.card', { label: code.label })}>
      <header className="code-card-head">
        <span className="code-card-title" lang={lang}>
          {title}
        </span>
        <span className="code-card-no">{t('codes.print.card', { label: code.label })}</span>
      </header>
      <QrSvg className="code-card-qr" text={url} label={t('codes.print.qr', { label: code.label })} />
      <p className="code-card-code" data-testid="card-code">
        {code.code}
      </p>
      <p className="code-card-scan">{t('codes.print.scan')}</p>
      <p className="code-card-url">{t('codes.print.noCamera', { url: shortUrl(joinUrl) })}</p>
    </article>
  );
}

/**
 * The printable sheet: A4 pages of 3×4 cards with cut lines, shown over the
 * console with its own Print and Close buttons. When printing, only the
 * pages are printed (code-cards.css); the codes live in memory only.
 */
export function CodeSheet({
  codes,
  publicUrl,
  assemblyId,
  title,
  heading,
  onClose,
  onPrinted,
}: {
  codes: IssuedCode[];
  publicUrl: string;
  assemblyId: string;
  title: string;
  heading: string;
  onClose: () => void;
  onPrinted: () => void;
}) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const pages = useMemo(() => {
    const out: IssuedCode[][] = [];
    for (let i = 0; i < codes.length; i += CARDS_PER_PAGE) out.push(codes.slice(i, i + CARDS_PER_PAGE));
    return out;
  }, [codes]);
  const joinUrl = `${publicUrl}/a/${assemblyId}`;

  const closeLatest = useRef(onClose);
  closeLatest.current = onClose;
  const printedLatest = useRef(onPrinted);
  printedLatest.current = onPrinted;

  // A modal: focus inside on open, Escape closes, focus goes back to the opener.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const root = document.getElementById('root');
    document.body.classList.add('has-code-sheet');
    root?.setAttribute('inert', ''); // the console behind is out of reach until the sheet closes
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeLatest.current();
    };
    document.addEventListener('keydown', onKey);
    // Printed with the browser's own menu too: the codes have reached paper (or a PDF).
    const onPrint = () => printedLatest.current();
    window.addEventListener('beforeprint', onPrint);
    return () => {
      window.removeEventListener('beforeprint', onPrint);
      document.body.classList.remove('has-code-sheet');
      root?.removeAttribute('inert');
      document.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const print = () => {
    onPrinted();
    window.print();
  };

  return createPortal(
    <div className="code-sheet" role="dialog" aria-modal="true" aria-labelledby="code-sheet-title">
      <div className="code-sheet-bar">
        <div>
          <h2 id="code-sheet-title">{heading}</h2>
          <p>{t('codes.print.help', { per: CARDS_PER_PAGE, pages: pages.length })}</p>
        </div>
        <div className="code-sheet-actions">
          <button type="button" className="btn primary" onClick={print}>
            {t('codes.print.print')}
          </button>
          <button type="button" className="btn" ref={closeRef} onClick={onClose}>
            {t('codes.print.close')}
          </button>
        </div>
      </div>
      <div className="code-pages">
        {pages.map((page, i) => (
          <section key={i} className="code-page" aria-label={t('codes.print.page', { n: i + 1, of: pages.length })}>
            {page.map((c) => (
              <CodeCard key={c.id} code={c} url={cardUrl(publicUrl, assemblyId, c.code)} title={title} joinUrl={joinUrl} />
            ))}
          </section>
        ))}
      </div>
    </div>,
    document.body,
  );
}
