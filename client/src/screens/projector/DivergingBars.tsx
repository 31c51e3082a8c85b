import { useRef } from 'react';
import type { OptionResult } from '../../../../shared/domain/index.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { useProjectorStore } from './store.ts';

/** Up to this many proposals get two-line rows (title over bars); more get compact one-line rows on pages. */
export const FULL_ROWS = 9;
/** Compact rows per page at 1080p (every text ≥ 32 px). */
export const COMPACT_ROWS = 13;

/**
 * One row per proposal of the page: minus votes grow left of the centre
 * line, plus votes right, on one scale for all pages. Rows sit in a grid
 * in rank order and never move over each other: when the order changes a
 * row appears at its new place and fades in (no row slides across
 * another), and bar lengths glide. A row that changed place is marked ▲/▼
 * until the next change. The number is the row's place in the list (the
 * map uses the same numbers); tied proposals share a net score.
 */
export function DivergingBars({
  page,
  first,
  all,
  titles,
  compact,
}: {
  page: readonly OptionResult[];
  /** Place in the list of the page's first row (0-based): the number shown, keyed to the map. */
  first: number;
  all: readonly OptionResult[];
  titles: Record<string, string>;
  compact: boolean;
}) {
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, percent, signed } = useI18n();
  const maxPlus = Math.max(1, ...all.map((o) => o.plus));
  const maxMinus = Math.max(0, ...all.map((o) => o.minus));
  // One vote has the same length on both sides; the minus side gets at least a quarter of the plus side.
  const left = Math.max(maxMinus, maxPlus * 0.25);
  const right = maxPlus;
  const previous = useRef(new Map<string, number>());
  const moves = new Map<string, 'up' | 'down'>();
  for (const o of page) {
    const before = previous.current.get(o.id);
    if (before !== undefined && before !== o.rank) moves.set(o.id, o.rank < before ? 'up' : 'down');
  }
  previous.current = new Map(all.map((o) => [o.id, o.rank]));
  const rows = compact ? COMPACT_ROWS : Math.max(page.length, 6);
  return (
    <div className={`pj-bars${compact ? ' compact' : ''}`} style={{ ['--rows' as string]: rows, ['--left' as string]: left, ['--right' as string]: right }}>
      <ol className="pj-bars-list">
        {page.map((o, i) => {
          const move = moves.get(o.id);
          return (
            <li
              key={`${o.id}:${o.rank}`}
              className={`pj-bar-row status-${o.status}${move ? ` moved ${move}` : ''}`}
              data-id={o.id}
              aria-label={t('projector.bars.row', { rank: o.rank, title: titles[o.id] ?? '', plus: o.plus, minus: o.minus, net: o.net })}
            >
              <div className="pj-bar-label">
                <span className="pj-rank" title={t('projector.bars.rank', { rank: o.rank })}>
                  {first + i + 1}
                </span>
                <span className="pj-bar-title" lang={titles[o.id] ? lang : undefined}>
                  {titles[o.id] ?? t('results.deleted')}
                </span>
                {move ? (
                  <span className={`pj-move ${move}`} aria-hidden="true">
                    {move === 'up' ? '▲' : '▼'}
                  </span>
                ) : null}
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
                    +{o.plus} {compact ? null : <span className="pj-pct">{percent(o.support)}</span>}
                  </span>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
