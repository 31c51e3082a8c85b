import { plural } from '../../lib/format.ts';
import { BudgetView } from './BudgetView.tsx';
import { ConsensusMap } from './ConsensusMap.tsx';
import { COMPACT_ROWS, DivergingBars, FULL_ROWS } from './DivergingBars.tsx';
import { pageRanges, usePage } from './paging.ts';
import { PageLabel } from './PageLabel.tsx';
import { RoundHeader } from './RoundHeader.tsx';
import { useResults, useRules, useTitles } from './selectors.ts';
import { useProjectorStore } from './store.ts';

/**
 * Live results: diverging bars sorted by net score beside the
 * consensus/polarisation map. Every proposal is shown: up to 9 in two-line
 * rows, more in compact rows on pages that advance by themselves ("page 2
 * of 3"); the map plots all of them.
 */
export function LiveView() {
  const results = useResults();
  const titles = useTitles();
  const rules = useRules();
  const open = useProjectorStore((s) => s.snapshot?.status === 'open');
  const n = results?.options.length ?? 0;
  const compact = n > FULL_ROWS;
  const ranges = pageRanges(n, compact ? COMPACT_ROWS : FULL_ROWS);
  const page = usePage(ranges.length);
  if (!results) return null;
  // Budget rounds: the allocation down the ranking is what the room waits for.
  if (results.budget) return <BudgetView results={results} titles={titles} final={false} />;
  const [start, end] = ranges[page] ?? [0, n];
  const shown = results.options.slice(start, end);
  return (
    <main className="pj pj-live">
      <RoundHeader label={open ? 'live results' : 'results'} />
      <div className="pj-live-body">
        <section className="pj-bars-panel" aria-label="Plus and minus votes per proposal, sorted by net score">
          <PageLabel page={page} pages={ranges.length} first={start + 1} last={end} total={n} />
          <DivergingBars page={shown} first={start} all={results.options} titles={titles} compact={compact} />
        </section>
        <section className="pj-map-panel" aria-label="Support and opposition map">
          <ConsensusMap options={results.options} rules={rules} onPage={new Set(shown.map((o) => o.id))} ballots={results.ballots} />
        </section>
      </div>
      <footer className="pj-footer">
        <span>
          Based on <strong data-testid="pj-ballots">{plural(results.ballots, 'ballot')}</strong>
          {open && results.ballots > 0 && results.ballots < 20 ? ' — early counts, they can still swing' : ''}
        </span>
        <span>
          <span className="key plus" aria-hidden="true" /> plus · <span className="key minus" aria-hidden="true" /> minus · % of voters
        </span>
      </footer>
    </main>
  );
}
