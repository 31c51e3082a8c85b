import { useI18n } from '../../i18n/useI18n.ts';
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
  const { t, rich } = useI18n();
  if (!results) return null;
  // Budget rounds: the allocation down the ranking is what the room waits for.
  if (results.budget) return <BudgetView results={results} titles={titles} final={false} />;
  return (
    <main className="pj pj-live">
      <RoundHeader label={t(open ? 'projector.liveResults' : 'projector.results')} />
      <div className="pj-live-body">
        <section className="pj-bars-panel" aria-label={t('projector.barsLabel')}>
          <DivergingBars results={results} titles={titles} />
        </section>
        <section className="pj-map-panel" aria-label={t('projector.mapLabel')}>
          <ConsensusMap options={results.options} shown={rowsToShow(results.options, MAX_ROWS).shown} ballots={results.ballots} />
        </section>
      </div>
      <footer className="pj-footer">
        <span>
          {rich('projector.basedOn', { n: results.ballots, early: String(results.ballots > 0 && results.ballots < 20), ballots: (c) => <strong data-testid="pj-ballots">{c}</strong> })}
        </span>
        <span>
          <span className="key plus" aria-hidden="true" /> {t('projector.key.plus')} · <span className="key minus" aria-hidden="true" /> {t('projector.key.minus')} ·{' '}
          {t('projector.key.share')}
        </span>
      </footer>
    </main>
  );
}
