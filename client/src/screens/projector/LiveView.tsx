import { useI18n } from '../../i18n/useI18n.ts';
import { BudgetView } from './BudgetView.tsx';
import { ConsensusMap } from './ConsensusMap.tsx';
import { COMPACT_ROWS, DivergingBars, FULL_ROWS } from './DivergingBars.tsx';
import { pageRanges, usePage } from './paging.ts';
import { PageLabel } from './PageLabel.tsx';
import { RoundHeader } from './RoundHeader.tsx';
import { useMapThresholds, usePinnedPage, useResults, useRules, useTitles } from './selectors.ts';
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
  const configured = useMapThresholds();
  const open = useProjectorStore((s) => s.snapshot?.status === 'open');
  const { t, rich } = useI18n();
  const n = results?.options.length ?? 0;
  const compact = n > FULL_ROWS;
  const ranges = pageRanges(n, compact ? COMPACT_ROWS : FULL_ROWS);
  const page = usePage(ranges.length, usePinnedPage());
  if (!results) return null;
  // Budget rounds: the allocation down the ranking is what the room waits for.
  if (results.budget) return <BudgetView results={results} titles={titles} final={false} />;
  const [start, end] = ranges[page] ?? [0, n];
  const shown = results.options.slice(start, end);
  return (
    <main className="pj pj-live">
      <RoundHeader label={t(open ? 'projector.liveResults' : 'projector.results')} />
      <div className="pj-live-body">
        <section className="pj-bars-panel" aria-label={t('projector.barsLabel')}>
          <PageLabel page={page} pages={ranges.length} first={start + 1} last={end} total={n} />
          <DivergingBars page={shown} first={start} all={results.options} titles={titles} compact={compact} />
        </section>
        <section className="pj-map-panel" aria-label={t('projector.mapLabel')}>
          <ConsensusMap options={results.options} rules={rules} onPage={new Set(shown.map((o) => o.id))} ballots={results.ballots} configured={configured} />
        </section>
      </div>
      <footer className="pj-footer">
        <span>
          {rich('projector.basedOn', { n: results.ballots, early: String(open && results.ballots > 0 && results.ballots < 20), ballots: (c) => <strong data-testid="pj-ballots">{c}</strong> })}
        </span>
        <span>
          <span className="key plus" aria-hidden="true" /> {t('projector.key.plus')} · <span className="key minus" aria-hidden="true" /> {t('projector.key.minus')} ·{' '}
          {t('projector.key.share')}
        </span>
      </footer>
    </main>
  );
}
