import type { BudgetAllocation, BudgetLine, RoundResults } from '../../../../shared/domain/index.ts';
import type { SealSummary } from '../../../../shared/protocol/views.ts';
import { SealDigest } from '../../components/SealDigest.tsx';
import { amount, plural, signed } from '../../lib/format.ts';
import { compactAmount } from '../../lib/format.ts';
import { RoundHeader } from './RoundHeader.tsx';
import './budget.css';
import { pageRanges, usePage } from './paging.ts';
import { PageLabel } from './PageLabel.tsx';

/** Rows per page at 1080p with every text ≥ 32 px. */
const MAX_ROWS = 7;
/** The budget line sits at this share of the track; the rest shows what overshoots it. */
const BUDGET_AT = 0.82;

/**
 * A participatory-budget round on the projector (NYC, Prague 10): the
 * ranking walked top-down, each funded proposal filling the budget where
 * the one above stopped, each one that no longer fits drawn past the budget
 * line and marked "doesn't fit", the money left after every line and at
 * the end.
 */
export function BudgetView({ results, titles, final, seal }: { results: RoundResults; titles: Record<string, string>; final: boolean; seal?: SealSummary | null }) {
  // Before the first ballot every net is 0: an allocation in ballot order would look like a result.
  const waiting = !final && results.ballots === 0;
  const real = results.budget!;
  const budget: BudgetAllocation = waiting ? { ...real, spent: 0, left: real.budget, funded: [], unfunded: [], tied: [], lines: real.lines.map((l) => ({ ...l, funded: false, remaining: real.budget })) } : real;
  const lines = budget.lines;
  const byId = new Map(results.options.map((o) => [o.id, o]));
  const ranges = pageRanges(lines.length, MAX_ROWS);
  const page = usePage(ranges.length);
  const [first, last] = ranges[page] ?? [0, lines.length];
  const slots = ranges.length > 1 ? ranges[0]![1] - ranges[0]![0] : lines.length;
  // Where each line's block starts: the spending of every funded line above it, on any page.
  let spentBefore = 0;
  const all = lines.map((l) => {
    const start = spentBefore;
    if (l.funded) spentBefore += l.cost;
    return { line: l, start };
  });
  const rows = all.slice(first, last);
  return (
    <main className={`pj ${final ? 'pj-final' : 'pj-live'} pj-budget`}>
      <RoundHeader label={final ? 'final results · budget' : 'live results · budget'} />
      <BudgetSummary budget={budget} final={final} results={results} />
      {waiting ? (
        <p className="pjb-waiting" role="status">
          Waiting for the first ballots: the budget is then filled down the ranking as votes arrive.
        </p>
      ) : null}
      {budget.tied.length > 0 ? (
        <p className="pj-tie-banner" role="note">
          ⚠ Same net score, funded differently: {budget.tied.map((id) => `“${titles[id] ?? id}”`).join(', ')}. Funding here follows the order inside a tie; the facilitator decides.
        </p>
      ) : null}
      <PageLabel page={page} pages={ranges.length} first={first + 1} last={last} total={lines.length} />
      <div className="pjb-row pjb-head" aria-hidden="true">
        <span>Rank</span>
        <span>Proposal</span>
        <span className="right">Net</span>
        <span className="right">Cost</span>
        <span className="pjb-head-track">
          <span>0</span>
          <span style={{ left: `${BUDGET_AT * 100}%` }}>budget {compactAmount(budget.budget)}</span>
        </span>
        <span className="right">Left after</span>
        <span />
      </div>
      <ol className="pjb-list" style={{ ['--rows' as string]: Math.max(slots, 6) }} aria-label="The ranking, funded from the top while the money lasts">
        {rows.map(({ line, start }) => {
          const o = byId.get(line.id);
          return (
            <li
              key={line.id}
              className={`pjb-row ${waiting ? 'pending' : line.funded ? 'funded' : 'skipped'}`}
              aria-label={`Rank ${o?.rank ?? ''}: ${titles[line.id] ?? ''}, cost ${amount(line.cost)}, ${line.funded ? 'funded' : 'does not fit'}, ${amount(line.remaining)} left`}
            >
              <span className="pj-rank big">{o?.rank ?? ''}</span>
              <span className="pjb-title">{titles[line.id] ?? '(deleted)'}</span>
              <span className="pjb-num">{o ? signed(o.net) : ''}</span>
              <span className="pjb-num pjb-cost">{amount(line.cost)}</span>
              {waiting ? <span className="pjb-track" aria-hidden="true" /> : <Track line={line} start={start} budget={budget.budget} />}
              <span className="pjb-num pjb-left">{waiting ? '' : amount(line.remaining)}</span>
              <span className="pjb-status">
                {waiting ? null : line.funded ? <span className="badge funded">✓ {final ? 'Funded' : 'Fits'}</span> : <span className="badge nofit">✗ Doesn’t fit</span>}
              </span>
            </li>
          );
        })}
      </ol>
      <footer className="pj-footer">
        <span>
          Based on <strong data-testid="pj-ballots">{plural(results.ballots, 'ballot')}</strong>
          {!final && results.ballots > 0 && results.ballots < 20 ? ' — early counts, they can still swing' : ''} · funded in ranking order, skipping what no longer fits
        </span>
        <span>
          Budget {amount(budget.budget)} · spent {amount(budget.spent)} · <strong>left {amount(budget.left)}</strong>
        </span>
        {final ? <SealDigest seal={seal} className="pj-seal" /> : null}
      </footer>
    </main>
  );
}

/** The whole budget as one bar: funded proposals in ranking order (numbered by rank), then the money left. */
function BudgetSummary({ budget, final, results }: { budget: BudgetAllocation; final: boolean; results: RoundResults }) {
  const rank = new Map(results.options.map((o) => [o.id, o.rank]));
  const total = Math.max(1, budget.budget);
  const funded = budget.lines.filter((l) => l.funded && l.cost > 0);
  return (
    <section className="pjb-summary" aria-label="Budget allocation">
      <div className="pjb-stats">
        <p>
          <span className="pjb-stat-label">Budget</span>
          <strong>{amount(budget.budget)}</strong>
        </p>
        <p className="spent">
          <span className="pjb-stat-label">{final ? 'Allocated' : 'Allocated so far'}</span>
          <strong>{amount(budget.spent)}</strong>
          <span className="pjb-stat-note">{plural(budget.funded.length, 'proposal')}</span>
        </p>
        <p className="left">
          <span className="pjb-stat-label">Money left</span>
          <strong data-testid="pj-budget-left">{amount(budget.left)}</strong>
        </p>
      </div>
      <div className="pjb-stack" role="img" aria-label={`${amount(budget.spent)} of ${amount(budget.budget)} allocated, ${amount(budget.left)} left`}>
        {funded.map((l, i) => {
          const w = (l.cost / total) * 100;
          return (
            <span key={l.id} className={`pjb-stack-seg${i % 2 ? ' alt' : ''}`} style={{ width: `${w}%` }}>
              {w >= 2.5 ? rank.get(l.id) : ''}
            </span>
          );
        })}
        {budget.left > 0 ? (
          <span className="pjb-stack-left" style={{ width: `${(budget.left / total) * 100}%` }}>
            {budget.left / total >= 0.12 ? `${compactAmount(budget.left)} left` : ''}
          </span>
        ) : null}
      </div>
    </section>
  );
}

/**
 * One line of the walk: the funded block starts where the spending above it
 * ended; a block that does not fit is drawn from the same place, over the
 * budget line, hatched.
 */
function Track({ line, start, budget }: { line: BudgetLine; start: number; budget: number }) {
  const scale = BUDGET_AT / Math.max(1, budget);
  const left = Math.min(1, start * scale);
  const width = Math.min(1 - left, line.cost * scale);
  const overflows = !line.funded && start * scale + line.cost * scale > 1;
  return (
    <span className="pjb-track" aria-hidden="true">
      <span className="pjb-spent" style={{ width: `${left * 100}%` }} />
      <span className={`pjb-block ${line.funded ? 'funded' : 'skipped'}${overflows ? ' overflows' : ''}`} style={{ left: `${left * 100}%`, width: `${Math.max(width * 100, 0.4)}%` }} />
      <span className="pjb-budget-line" style={{ left: `${BUDGET_AT * 100}%` }} />
    </span>
  );
}
