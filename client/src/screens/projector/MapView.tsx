import { useI18n } from '../../i18n/useI18n.ts';
import { ConsensusMap } from './ConsensusMap.tsx';
import { PageLabel } from './PageLabel.tsx';
import { pageRanges, usePage } from './paging.ts';
import { RoundHeader } from './RoundHeader.tsx';
import { useMapThresholds, usePinnedPage, useResults, useRules, useTitles } from './selectors.ts';
import { useProjectorStore } from './store.ts';

/** Key rows per page beside the map at 1080p (every text ≥ 32 px). */
const KEY_ROWS = 12;

/**
 * The consensus map alone, for a side screen (a screen's own mode 'map'):
 * the map large, every proposal plotted, and beside it the key from the
 * map's numbers to the titles, paged like the other lists.
 */
export function MapView() {
  const results = useResults();
  const titles = useTitles();
  const rules = useRules();
  const configured = useMapThresholds();
  const open = useProjectorStore((s) => s.snapshot?.status === 'open');
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, rich } = useI18n();
  const n = results?.options.length ?? 0;
  const ranges = pageRanges(n, KEY_ROWS);
  const page = usePage(ranges.length, usePinnedPage());
  if (!results) return null;
  const [start, end] = ranges[page] ?? [0, n];
  const shown = results.options.slice(start, end);
  return (
    <main className="pj pj-mapview">
      <RoundHeader label={t(open ? 'projector.liveResults' : 'projector.results')} />
      <div className="pj-mapview-body">
        <section className="pj-mapview-map" aria-label={t('projector.mapLabel')}>
          <ConsensusMap options={results.options} rules={rules} onPage={new Set(shown.map((o) => o.id))} ballots={results.ballots} configured={configured} />
        </section>
        <section className="pj-mapview-key" aria-label={t('projector.mapKey')}>
          <PageLabel page={page} pages={ranges.length} first={start + 1} last={end} total={n} />
          <ol className="pj-mapview-list">
            {shown.map((o, j) => (
              <li key={o.id} data-id={o.id} className={o.status === 'winner' ? 'winner' : ''}>
                <span className="pj-mapview-num">{start + j + 1}</span>
                <span className="pj-mapview-title" lang={titles[o.id] ? lang : undefined}>
                  {titles[o.id] ?? t('results.deleted')}
                </span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <footer className="pj-footer">
        <span>{rich('projector.basedOn', { n: results.ballots, early: String(open && results.ballots > 0 && results.ballots < 20), ballots: (c) => <strong data-testid="pj-ballots">{c}</strong> })}</span>
      </footer>
    </main>
  );
}
