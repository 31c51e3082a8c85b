import type { CoSupportView } from '../../../shared/protocol/views.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { overlapSentence, quoted } from '../lib/practiceText.ts';
import './practice.css';

/** Rows and columns shown at most; the CSV/JSON exports hold every pair. */
export const HEATMAP_MAX = 15;

/**
 * A cell's colours: white to dark green by share, and the text colour
 * (near-black or white) with the higher WCAG contrast on it, so every
 * cell stays readable (≥ 4.5:1).
 */
export function heatColours(share: number): { background: string; color: string } {
  const green = [20, 83, 45];
  const t = 0.06 + 0.94 * Math.min(1, Math.max(0, share));
  const rgb = green.map((c) => Math.round(255 - t * (255 - c)));
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * lin(rgb[0]!) + 0.7152 * lin(rgb[1]!) + 0.0722 * lin(rgb[2]!);
  const onWhite = 1.05 / (lum + 0.05);
  const onDark = (lum + 0.05) / 0.05;
  return { background: `rgb(${rgb.join(', ')})`, color: onWhite > onDark ? '#ffffff' : '#000000' };
}

/**
 * Co-support ("rich data", d21-method.md §5.8) as a heatmap: row A, column
 * B, the share of A's plus-voters who also gave B a plus (darker = more);
 * the title of each cell adds the share who gave B a minus. Rows backed by
 * fewer than `minVoters` are never shown. Below it, the largest overlaps in
 * words. For the console and the report.
 */
export function CoSupportHeatmap({ view, titles }: { view: CoSupportView; titles: Record<string, string> }) {
  const { t, percent } = useI18n();
  const name = (id: string) => titles[id] ?? id;
  // The proposals with the most backers, in ballot order.
  const top = new Set([...view.rows].sort((a, b) => b.backers - a.backers).slice(0, HEATMAP_MAX).map((r) => r.id));
  const rows = view.rows.filter((r) => top.has(r.id));
  const cols = view.optionIds.map((id, x) => ({ id, x })).filter((c) => top.has(c.id));
  if (!view.rows.some((r) => r.shown)) {
    return (
      <p className="muted" data-testid="cosupport-empty">
        {t('cosupport.empty', { min: view.minVoters, n: view.voters })}
      </p>
    );
  }
  return (
    <div data-testid="cosupport">
      <div className="cosupport-wrap" tabIndex={0} role="region" aria-label={t('cosupport.region')}>
        <table className="cosupport">
          <caption className="small">
            {t('cosupport.caption', { min: view.minVoters })}
            {view.rows.length > HEATMAP_MAX ? ` ${t('cosupport.captionTop', { max: HEATMAP_MAX })}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('cosupport.corner')}</th>
              {cols.map((c) => (
                <th key={c.id} scope="col" title={name(c.id)}>
                  {name(c.id)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row" title={t('cosupport.backers', { title: name(r.id), n: r.backers })}>
                  <span className="muted">{r.backers}</span> {name(r.id)}
                </th>
                {cols.map((c) => {
                  if (c.id === r.id) return <td key={c.id} aria-label={t('cosupport.same')}>·</td>;
                  if (!r.shown) return <td key={c.id} className="hidden-row" title={t('cosupport.hidden', { min: view.minVoters })}>–</td>;
                  const p = r.plus[c.x] ?? 0;
                  const m = r.minus[c.x] ?? 0;
                  return (
                    <td
                      key={c.id}
                      style={heatColours(p)}
                      title={t('cosupport.cell', { plus: percent(p), n: r.backers, a: quoted(name(r.id)), b: quoted(name(c.id)), minus: percent(m) })}
                    >
                      {percent(p)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.overlaps.length > 0 ? (
        <ul className="cosupport-words" data-testid="cosupport-words">
          {view.overlaps.map((o) => (
            <li key={`${o.a}-${o.b}`}>{overlapSentence(o.share, name(o.a), name(o.b))}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
