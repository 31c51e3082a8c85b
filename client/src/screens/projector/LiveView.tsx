import { plural } from '../../lib/format.ts';
import { BudgetView } from './BudgetView.tsx';
import { ConsensusMap } from './ConsensusMap.tsx';
import { DivergingBars, MAX_ROWS } from './DivergingBars.tsx';
import { RoundHeader } from './RoundHeader.tsx';
import { rowsToShow, useResults, useTitles } from './selectors.ts';
import { useProjectorStore } from './store.ts';

/** Live results: diverging bars sorted by net score beside the consensus/polarisation map. */
export function LiveView() {
  const results = useResults();
  const titles = useTitles();
  const open = useProjectorStore((s) => s.snapshot?.status === 'open');
  if (!results) return null;
  // Budget rounds: the allocation down the ranking is what the room waits for.
  if (results.budget) return <BudgetView results={results} titles={titles} final={false} />;
  return (
    <main className="pj pj-live">
      <RoundHeader label={open ? 'live results' : 'results'} />
      <div className="pj-live-body">
        <section className="pj-bars-panel" aria-label="Plus and minus votes per proposal, sorted by net score">
          <DivergingBars results={results} titles={titles} />
        </section>
        <section className="pj-map-panel" aria-label="Support and opposition map">
          <ConsensusMap options={results.options} shown={rowsToShow(results.options, MAX_ROWS).shown} ballots={results.ballots} />
        </section>
      </div>
      <footer className="pj-footer">
        <span>
          Based on <strong data-testid="pj-ballots">{plural(results.ballots, 'ballot')}</strong>
          {results.ballots > 0 && results.ballots < 20 ? ' — early counts, they can still swing' : ''}
        </span>
        <span>
          <span className="key plus" aria-hidden="true" /> plus votes · <span className="key minus" aria-hidden="true" /> minus votes · % = share of voters
        </span>
      </footer>
    </main>
  );
}
