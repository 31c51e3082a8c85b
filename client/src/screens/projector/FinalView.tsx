import { SealDigest } from '../../components/SealDigest.tsx';
import { usePinnedPage, useResults, useSeal, useTitles } from './selectors.ts';
import { pageRanges, usePage } from './paging.ts';
import { PageLabel } from './PageLabel.tsx';
import { RoundHeader } from './RoundHeader.tsx';
import { BudgetView } from './BudgetView.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { useProjectorStore } from './store.ts';


/** Rows per page at 1080p with every text ≥ 32 px. */
const MAX_ROWS = 10;

/** Final results: ranked, winners highlighted, ties at the cut flagged (budget rounds: BudgetView). */
export function FinalView() {
  const results = useResults();
  const titles = useTitles();
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, rich, percent, signed, number } = useI18n();
  const ranges = pageRanges(results?.options.length ?? 0, results?.tiedAtCut.length ? MAX_ROWS - 2 : MAX_ROWS);
  const page = usePage(ranges.length, usePinnedPage());
  const seal = useSeal();
  if (!results) return null;
  if (results.budget) return <BudgetView results={results} titles={titles} final seal={seal} />;
  const [start, end] = ranges[page] ?? [0, results.options.length];
  const shown = results.options.slice(start, end);
  return (
    <main className="pj pj-final">
      <RoundHeader label={t('projector.finalResults')} />
      {results.ballots > 0 && results.tiedAtCut.length > 0 ? (
        <p className="pj-tie-banner" role="note">
          ⚠ {t('projector.final.tie', { n: results.tiedAtCut.length, rank: results.options.find((o) => o.status === 'tied')?.rank ?? 0 })}
        </p>
      ) : null}
      <PageLabel page={page} pages={ranges.length} first={start + 1} last={end} total={results.options.length} />
      <div className="pj-final-row pj-final-head" aria-hidden="true">
        <span>{t('results.rank')}</span>
        <span>{t('results.proposal')}</span>
        <span className="right">{t('projector.final.plusMinus')}</span>
        <span className="right">{t('results.net')}</span>
        <span className="right">{t('projector.final.support')}</span>
        <span />
      </div>
      <ol className="pj-final-list" style={{ ['--rows' as string]: ranges.length > 1 ? (ranges[0]![1] - ranges[0]![0]) : Math.max(shown.length, 5) }}>
        {shown.map((o) => {
          return (
            <li key={o.id} className={`pj-final-row status-${o.status}`} data-id={o.id}>
              <span className="pj-rank big">{o.rank}</span>
              <span className="pj-final-title" lang={titles[o.id] ? lang : undefined}>
                {titles[o.id] ?? t('results.deleted')}
              </span>
              <span className="pj-final-counts">
                <span className="plus-text">+{number(o.plus)}</span> {/* No minus votes: a grey 0, not a red "−0". */}
                {o.minus > 0 ? <span className="minus-text">−{number(o.minus)}</span> : <span className="pj-zero">0</span>}
              </span>
              <span className="pj-final-net">{signed(o.net)}</span>
              <span className="pj-final-pct">{percent(o.support)}</span>
              <span className="pj-final-badge">
                {o.status === 'winner' ? (
                  <span className="badge winner">★ {t('results.winner')}</span>
                ) : o.status === 'tied' ? (
                  <span className="badge tied">{t('projector.final.tieBadge')}</span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
      <footer className="pj-footer">
        <span>
          {rich('projector.final.footer', { n: results.ballots, empty: results.abstentions })}
        </span>
        <SealDigest seal={seal} className="pj-seal" />
      </footer>
    </main>
  );
}
