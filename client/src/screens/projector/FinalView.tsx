import { percent, plural, signed } from '../../lib/format.ts';
import { SealDigest } from '../../components/SealDigest.tsx';
import { useResults, useSeal, useTitles } from './selectors.ts';
import { pageRanges, usePage } from './paging.ts';
import { PageLabel } from './PageLabel.tsx';
import { RoundHeader } from './RoundHeader.tsx';
import { BudgetView } from './BudgetView.tsx';

/** Rows per page at 1080p with every text ≥ 32 px. */
const MAX_ROWS = 10;

/** Final results: ranked, winners highlighted, ties at the cut flagged (budget rounds: BudgetView). */
export function FinalView() {
  const results = useResults();
  const titles = useTitles();
  const ranges = pageRanges(results?.options.length ?? 0, results?.tiedAtCut.length ? MAX_ROWS - 2 : MAX_ROWS);
  const page = usePage(ranges.length);
  const seal = useSeal();
  if (!results) return null;
  if (results.budget) return <BudgetView results={results} titles={titles} final seal={seal} />;
  const [start, end] = ranges[page] ?? [0, results.options.length];
  const shown = results.options.slice(start, end);
  return (
    <main className="pj pj-final">
      <RoundHeader label="final results" />
      {results.tiedAtCut.length > 0 ? (
        <p className="pj-tie-banner" role="note">
          ⚠ Tie at the cut line: {results.tiedAtCut.length} proposals share rank {results.options.find((o) => o.status === 'tied')?.rank} across the last seat
          {results.tiedAtCut.length - 1 === 1 ? '' : 's'}. The facilitator decides: a re-vote among them or a recorded draw.
        </p>
      ) : null}
      <PageLabel page={page} pages={ranges.length} first={start + 1} last={end} total={results.options.length} />
      <div className="pj-final-row pj-final-head" aria-hidden="true">
        <span>Rank</span>
        <span>Proposal</span>
        <span className="right">Plus / minus</span>
        <span className="right">Net</span>
        <span className="right">Support</span>
        <span />
      </div>
      <ol className="pj-final-list" style={{ ['--rows' as string]: ranges.length > 1 ? (ranges[0]![1] - ranges[0]![0]) : Math.max(shown.length, 5) }}>
        {shown.map((o) => {
          return (
            <li key={o.id} className={`pj-final-row status-${o.status}`} data-id={o.id}>
              <span className="pj-rank big">{o.rank}</span>
              <span className="pj-final-title">
                {titles[o.id] ?? '(deleted)'}
              </span>
              <span className="pj-final-counts">
                <span className="plus-text">+{o.plus}</span> <span className="minus-text">−{o.minus}</span>
              </span>
              <span className="pj-final-net">{signed(o.net)}</span>
              <span className="pj-final-pct">{percent(o.support)}</span>
              <span className="pj-final-badge">
                {o.status === 'winner' ? (
                  <span className="badge winner">★ Winner</span>
                ) : o.status === 'tied' ? (
                  <span className="badge tied">Tie</span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
      <footer className="pj-footer">
        <span>
          Based on <strong>{plural(results.ballots, 'ballot')}</strong>
          {results.abstentions > 0 ? ` (${results.abstentions} empty)` : ''} · net = plus − minus · % = share of voters giving a plus
        </span>
        <SealDigest seal={seal} className="pj-seal" />
      </footer>
    </main>
  );
}
