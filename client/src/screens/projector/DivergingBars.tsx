import type { RoundResults } from '../../../../shared/domain/index.ts';
import { rowsToShow } from './selectors.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { useProjectorStore } from './store.ts';


export const MAX_ROWS = 10;

/**
 * One row per proposal: minus votes grow left of the centre line, plus
 * votes right. Rows are placed by rank with CSS transitions, so bars and
 * rows glide as ballots arrive instead of jumping (keyed by proposal id).
 */
export function DivergingBars({ results, titles }: { results: RoundResults; titles: Record<string, string> }) {
  const { shown, more } = rowsToShow(results.options, MAX_ROWS);
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, percent, signed } = useI18n();
  const slots = shown.length + (more > 0 ? 1 : 0);
  // One vote has the same length on both sides; the minus side gets the room it needs, at least a quarter of the plus side.
  const maxPlus = Math.max(1, ...shown.map((o) => o.plus));
  const maxMinus = Math.max(0, ...shown.map((o) => o.minus));
  const left = Math.max(maxMinus, maxPlus * 0.25);
  const right = maxPlus;
  return (
    <div className="pj-bars" style={{ ['--rows' as string]: Math.max(slots, 6), ['--left' as string]: left, ['--right' as string]: right }}>
      <ol className="pj-bars-list">
        {shown.map((o, i) => (
          <li
            key={o.id}
            className={`pj-bar-row status-${o.status}`}
            style={{ transform: `translateY(calc(${i} * var(--row-h)))` }}
            aria-label={t('projector.bars.row', { rank: o.rank, title: titles[o.id] ?? '', plus: o.plus, minus: o.minus, net: signed(o.net) })}
          >
            <div className="pj-bar-label">
              <span className="pj-rank">{o.rank}</span>
              <span className="pj-bar-title" lang={titles[o.id] ? lang : undefined}>
                {titles[o.id] ?? t('results.deleted')}
              </span>
              <span className="pj-net">{signed(o.net)}</span>
            </div>
            <div className="pj-bar-track">
              <div className="pj-half left">
                <div className="pj-bar minus" style={{ width: `${(o.minus / left) * 100}%` }}>
                  <span className="pj-count minus-text">{o.minus > 0 ? `−${o.minus}` : ''}</span>
                </div>
              </div>
              <div className="pj-half right">
                <div className="pj-bar plus" style={{ width: `${(o.plus / right) * 100}%` }} />
                <span className="pj-count plus-text">
                  +{o.plus} <span className="pj-pct">{percent(o.support)}</span>
                </span>
              </div>
            </div>
          </li>
        ))}
        {more > 0 ? (
          <li className="pj-bar-row pj-more" style={{ transform: `translateY(calc(${shown.length} * var(--row-h)))` }}>
            {t('projector.moreProposals', { n: more })}
          </li>
        ) : null}
      </ol>
    </div>
  );
}
