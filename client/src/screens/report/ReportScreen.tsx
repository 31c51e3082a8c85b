import { useEffect, useState } from 'react';
import type { BudgetAllocation, RoundResults } from '../../../../shared/domain/index.ts';
import type { OpinionGroupsView, Report, ReportRound, RoundView, SegmentBreakdown } from '../../../../shared/protocol/views.ts';
import { downloadExport } from '../../lib/api.ts';
import { amount, percent, plural, signed } from '../../lib/format.ts';
import { keys, load } from '../../lib/storage.ts';
import './report.css';

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; report: Report };

/** Reads the facilitator token from the fragment (a shared report link) or from this browser's console session. */
function facilitatorToken(assemblyId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return fromHash ?? load<string>(keys.facilitatorToken(assemblyId));
}

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The final report (NHS Citizen: what goes to the board): every vote with
 * its rules, turnout and results, budget lines, results by group, and what
 * is referred onward. Printable to PDF from the browser (one vote per page
 * after the summary); CSV and JSON downloads beside it.
 */
export function ReportScreen({ assemblyId }: { assemblyId: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [exportError, setExportError] = useState<string | null>(null);
  const token = facilitatorToken(assemblyId);

  useEffect(() => {
    if (!token) {
      setState({ status: 'error', message: 'This report is for the facilitator: open it from the facilitator console (Final report).' });
      return;
    }
    let live = true;
    fetch(`/api/assemblies/${encodeURIComponent(assemblyId)}/report.json`, { headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.json() as Promise<{ ok: true; data: Report } | { ok: false; error: { message: string } }>)
      .then((body) => {
        if (!live) return;
        setState(body.ok ? { status: 'ready', report: body.data } : { status: 'error', message: body.error.message });
      })
      .catch(() => live && setState({ status: 'error', message: 'Could not reach the server.' }));
    return () => {
      live = false;
    };
  }, [assemblyId, token]);

  useEffect(() => {
    document.documentElement.classList.add('report-root');
    return () => document.documentElement.classList.remove('report-root');
  }, []);
  useEffect(() => {
    if (state.status === 'ready') document.title = `Report · ${state.report.assembly.title}`;
  }, [state]);

  if (state.status === 'loading')
    return (
      <main className="report">
        <p>Loading the report…</p>
      </main>
    );
  if (state.status === 'error')
    return (
      <main className="report">
        <h1>Report</h1>
        <p className="error" role="alert">
          {state.message}
        </p>
      </main>
    );

  const { report } = state;
  const title = (id: string) => report.titles[id] ?? id;
  const download = async (fmt: 'csv' | 'json') => {
    setExportError(await downloadExport(`/api/assemblies/${encodeURIComponent(assemblyId)}/report.${fmt}`, token!, `report-${assemblyId}.${fmt}`));
  };
  const seqOf = (roundId: string) => report.rounds.find((r) => r.round.id === roundId)?.round.seq ?? null;
  const referredRound = report.referred ? report.rounds.find((r) => r.round.id === report.referred!.roundId) : undefined;

  return (
    <main className={`report${report.rounds.length <= 1 ? ' single' : ''}`}>
      <header className="report-head">
        <p className="kicker">Final report</p>
        <h1>{report.assembly.title}</h1>
        <p className="meta">
          D21 (Janeček method) voting · {plural(report.rounds.length, 'vote')} · generated {when(report.generatedAt)}
        </p>
      </header>
      <div className="actions">
        <button type="button" onClick={() => window.print()}>
          Print or save as PDF
        </button>
        <button type="button" className="secondary" onClick={() => void download('csv')}>
          Download CSV
        </button>
        <button type="button" className="secondary" onClick={() => void download('json')}>
          Download JSON
        </button>
        {exportError ? (
          <p className="error" role="alert">
            {exportError}
          </p>
        ) : null}
      </div>

      {report.referred && referredRound ? (
        <Referred referred={report.referred} r={referredRound} title={title} costs={report.costs} />
      ) : (
        <p className="note">No vote has closed yet: nothing is referred onward.</p>
      )}

      {report.rounds.length > 0 ? (
        <section aria-labelledby="glance-h">
          <h2 id="glance-h">Votes at a glance</h2>
          <table className="glance">
            <thead>
              <tr>
                <th scope="col">Vote</th>
                <th scope="col">Question</th>
                <th scope="col">Turnout</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {report.rounds.map((r) => (
                <tr key={r.round.id}>
                  <td>{r.round.seq}</td>
                  <td className="title">
                    {r.round.question || '(no question)'}
                    {r.round.origin ? <span className="sub">Top {r.round.origin.k} of vote {seqOf(r.round.origin.fromRoundId) ?? '?'}</span> : null}
                  </td>
                  <td>
                    {r.turnout.voted} of {r.turnout.joined}
                  </td>
                  <td className="title">{outcome(r, title)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="proposals-h">
        <h2 id="proposals-h">Proposals</h2>
        <dl className="facts">
          <dt>In all</dt>
          <dd>{report.proposals.total}</dd>
          <dt>Submitted by participants</dt>
          <dd>{report.proposals.submittedByParticipants}</dd>
          <dt>Approved</dt>
          <dd>{report.proposals.approved}</dd>
          <dt>Merged as duplicates</dt>
          <dd>{report.proposals.merged}</dd>
          <dt>Rejected</dt>
          <dd>{report.proposals.rejected}</dd>
          {report.proposals.pending > 0 ? (
            <>
              <dt>Never moderated</dt>
              <dd>{report.proposals.pending}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {report.rounds.map((r) => (
        <RoundSection key={r.round.id} r={r} title={title} costs={report.costs} seqOf={seqOf} />
      ))}
      <footer className="method">
        <h2>How to read this report</h2>
        <p>
          Each voter had a number of plus votes and fewer minus votes (D21, the Janeček method). Ranks are by net score (plus − minus); equal scores share a
          rank, and a tie across the last seat is flagged, never broken silently. Percentages are shares of voters: support = plus ÷ ballots, opposition =
          minus ÷ ballots. Consensus = support × (1 − opposition); polarisation = 4 × support × opposition (1 when half the voters are for and half
          against). Budget votes fund proposals in ranking order, skipping any that no longer fits the money left. Results by group never show a group of
          fewer than five voters.
        </p>
      </footer>
    </main>
  );
}

function outcome(r: ReportRound, title: (id: string) => string): string {
  if (!r.results) return r.round.status === 'open' ? 'voting open, results hidden' : '—';
  const b = r.results.budget;
  if (b) return `${plural(b.funded.length, 'proposal')} funded, ${amount(b.left)} left`;
  const w = r.results.winners.map(title);
  const open = r.round.status === 'open' ? ' (voting still open)' : '';
  if (r.results.tiedAtCut.length > 0) return `${w.length ? `${w.join('; ')}; ` : ''}tie at the cut${open}`;
  return `${w.join('; ')}${open}`;
}

function Referred({ referred, r, title, costs }: { referred: NonNullable<Report['referred']>; r: ReportRound; title: (id: string) => string; costs: Record<string, number | null> }) {
  const budget = r.results?.budget;
  return (
    <section className="referred" aria-labelledby="referred-h">
      <h2 id="referred-h">{budget ? 'Funded' : 'Referred onward'}</h2>
      <p className="note">
        {budget
          ? `The proposals funded by vote ${r.round.seq}, the last closed vote, within a budget of ${amount(budget.budget)}.`
          : referred.proposalIds.length === 0
            ? `Vote ${r.round.seq}, the last closed vote, has no clear winner yet.`
            : `The ${referred.proposalIds.length === 1 ? 'winner' : `${referred.proposalIds.length} winners`} of vote ${r.round.seq}, the last closed vote.`}
      </p>
      {referred.proposalIds.length === 0 && !budget ? null : <ol>
        {referred.proposalIds.map((id) => (
          <li key={id}>
            {title(id)}
            {budget ? <span className="cost"> {amount(costs[id] ?? 0)}</span> : null}
          </li>
        ))}
      </ol>}
      {budget ? (
        <p className="money">
          Allocated {amount(budget.spent)} · <strong>left {amount(budget.left)}</strong>
          {budget.unfunded.length > 0 ? ` · not funded: ${budget.unfunded.map(title).join('; ')}` : ''}
        </p>
      ) : null}
      {referred.tiedAtCut.length > 0 ? (
        <p className="tie-line">
          <span className="badge tie">Tie</span>{' '}
          {budget ? 'Funding depended on the order inside a tie of net score: ' : 'Still tied at the cut, for the facilitator to resolve: '}
          {referred.tiedAtCut.map(title).join('; ')}
        </p>
      ) : null}
    </section>
  );
}

function originLine(round: RoundView, seqOf: (id: string) => number | null, title: (id: string) => string): string {
  const o = round.origin!;
  const base = `The top ${o.k} of vote ${seqOf(o.fromRoundId) ?? '?'}`;
  if (o.tied.length === 0 || o.tieBreak === null) return base;
  if (o.tieBreak === 'include') return `${base}; all ${o.tied.length} proposals tied at the cut were included`;
  if (o.tieBreak === 'draw') return `${base}; the tie at the cut (${o.tied.map(title).join('; ')}) was settled by a draw, seed ${o.seed}`;
  return `${base}; the tie at the cut (${o.tied.map(title).join('; ')}) was settled by the facilitator, who chose ${o.tieBreak.choose.map(title).join('; ')}`;
}

function rulesLine(round: RoundView): string {
  const { rules } = round;
  // A budget vote funds down the ranking: its number of seats means nothing to a reader.
  const parts = [round.budget !== null ? `${rules.options} proposals` : `${rules.options} proposals, ${plural(rules.winners, 'seat')}`, `${plural(rules.plus, 'plus vote')} and ${rules.minus === 0 ? 'no minus votes' : plural(rules.minus, 'minus vote')} per voter`];
  if (rules.minus > 0) parts.push(rules.ratio > 0 ? `each minus needs ${rules.ratio} plus` : 'minus votes need no plus');
  parts.push(round.lockBallots ? 'ballots locked once cast' : 'ballots could be changed until the close');
  if (round.visibility === 'hidden') parts.push('results hidden until the close');
  return parts.join('; ');
}

function RoundSection({ r, title, costs, seqOf }: { r: ReportRound; title: (id: string) => string; costs: Record<string, number | null>; seqOf: (id: string) => number | null }) {
  const { round, results, turnout } = r;
  const share = turnout.joined > 0 ? ` (${percent(turnout.voted / turnout.joined)})` : '';
  return (
    <section className="round" aria-labelledby={`round-${round.id}`}>
      <h2 id={`round-${round.id}`}>
        Vote {round.seq}
        {round.question ? `: ${round.question}` : ''}
      </h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          {round.status === 'closed'
            ? `closed${round.closedAt ? ` ${when(round.closedAt)}` : ''}${round.openedAt ? ` (opened ${when(round.openedAt)})` : ''}`
            : round.status === 'open'
              ? 'voting still open'
              : 'draft'}
        </dd>
        <dt>Rules</dt>
        <dd>{rulesLine(round)}</dd>
        {round.budget !== null ? (
          <>
            <dt>Budget</dt>
            <dd>{amount(round.budget)}</dd>
          </>
        ) : null}
        <dt>Turnout</dt>
        <dd>
          {turnout.voted} voted of {turnout.joined} joined{share}
          {results && results.abstentions > 0 ? `; ${plural(results.abstentions, 'empty ballot')} (abstentions)` : ''}
        </dd>
        {round.origin ? (
          <>
            <dt>Shortlist</dt>
            <dd>{originLine(round, seqOf, title)}</dd>
          </>
        ) : null}
      </dl>
      {!results ? (
        <p className="note">Results are hidden until this vote closes.</p>
      ) : (
        <>
          <ResultsTable results={results} title={title} plusOnly={round.rules.minus === 0} />
          {results.budget ? <BudgetLists budget={results.budget} title={title} costs={costs} /> : null}
          {results.tiedAtCut.length > 0 && !results.budget ? (
            <p className="tie-line">
              <span className="badge tie">Tie</span> {results.tiedAtCut.map(title).join('; ')} share a rank across the last seat.
            </p>
          ) : null}
          {r.opinionGroups && r.opinionGroups.groups.length > 0 ? <OpinionGroups og={r.opinionGroups} title={title} /> : null}
          {r.breakdown.map((b) => (
            <Breakdown key={b.questionId} b={b} order={results.options.map((o) => o.id)} title={title} />
          ))}
        </>
      )}
    </section>
  );
}

function ResultsTable({ results, title, plusOnly }: { results: RoundResults; title: (id: string) => string; plusOnly: boolean }) {
  const budget = results.budget;
  const lines = new Map(budget?.lines.map((l) => [l.id, l]) ?? []);
  return (
    <table className="results">
      <caption>
        {plural(results.ballots, 'ballot')} · plus and minus with the share of voters
      </caption>
      <thead>
        <tr>
          <th scope="col">Rank</th>
          <th scope="col">Proposal</th>
          <th scope="col">Plus</th>
          {plusOnly ? null : <th scope="col">Minus</th>}
          <th scope="col">Net</th>
          {plusOnly ? null : (
            <>
              <th scope="col">Consensus</th>
              <th scope="col">Polarisation</th>
            </>
          )}
          {budget ? (
            <>
              <th scope="col">Cost</th>
              <th scope="col">Left after</th>
            </>
          ) : null}
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {results.options.map((o) => {
          const line = lines.get(o.id);
          const cls = budget ? (line?.funded ? 'winner' : 'unfunded') : o.status === 'winner' ? 'winner' : o.status === 'tied' ? 'tied' : '';
          return (
            <tr key={o.id} className={cls}>
              <td>{o.rank}</td>
              <td className="title">{title(o.id)}</td>
              <td className={o.plus ? 'plus' : 'zero'}>
                {o.plus} <span className="pct">{percent(o.support)}</span>
              </td>
              {plusOnly ? null : (
                <td className={o.minus ? 'minus' : 'zero'}>
                  {o.minus} <span className="pct">{percent(o.opposition)}</span>
                </td>
              )}
              <td className="net">{signed(o.net)}</td>
              {plusOnly ? null : (
                <>
                  <td>{o.consensus.toFixed(2)}</td>
                  <td>{o.polarisation.toFixed(2)}</td>
                </>
              )}
              {budget ? (
                <>
                  <td>{line ? amount(line.cost) : '—'}</td>
                  <td>{line ? amount(line.remaining) : '—'}</td>
                </>
              ) : null}
              <td className="result">
                {budget ? (
                  line?.funded ? (
                    <span className="badge funded">Funded</span>
                  ) : (
                    'Doesn’t fit'
                  )
                ) : o.status === 'winner' ? (
                  <span className="badge win">Winner</span>
                ) : o.status === 'tied' ? (
                  <span className="badge tie">Tie at cut</span>
                ) : (
                  ''
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function BudgetLists({ budget, title, costs }: { budget: BudgetAllocation; title: (id: string) => string; costs: Record<string, number | null> }) {
  return (
    <div className="budget">
      <p className="money">
        Budget {amount(budget.budget)} · allocated {amount(budget.spent)} to {plural(budget.funded.length, 'proposal')} · <strong>left {amount(budget.left)}</strong>
      </p>
      <div className="budget-cols">
        <div>
          <h3>Funded</h3>
          <ul>
            {budget.funded.map((id) => (
              <li key={id}>
                {title(id)} <span className="cost">{amount(costs[id] ?? 0)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>Not funded (did not fit)</h3>
          {budget.unfunded.length === 0 ? <p className="note">None: every proposal fitted.</p> : null}
          <ul>
            {budget.unfunded.map((id) => (
              <li key={id}>
                {title(id)} <span className="cost">{amount(costs[id] ?? 0)}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {budget.tied.length > 0 ? (
        <p className="tie-line">
          <span className="badge tie">Tie</span> Funding depended on the order inside a tie of net score: {budget.tied.map(title).join('; ')}.
        </p>
      ) : null}
    </div>
  );
}

/** Voters grouped by how they voted (§3): the proposals every group backs come first. */
function OpinionGroups({ og, title }: { og: OpinionGroupsView; title: (id: string) => string }) {
  const letter = (i: number) => String.fromCharCode(65 + i);
  return (
    <div className="breakdown">
      <h3>By opinion group</h3>
      <p className="note">
        {og.voters} voters fall into {og.groups.length} groups by how they voted
        ({og.groups.map((g) => `group ${letter(g.index)}: ${g.size}`).join(', ')}). Proposals are ordered by group-informed
        consensus (Pol.is): the product over groups of (plus + 1)/(voters + 2), high only when every group supports it.
      </p>
      <table>
        <caption>Plus / minus per opinion group</caption>
        <thead>
          <tr>
            <th scope="col">Proposal</th>
            {og.groups.map((g) => (
              <th scope="col" key={g.index}>
                Group {letter(g.index)}
                <span className="sub">{plural(g.size, 'voter')}</span>
              </th>
            ))}
            <th scope="col">Consensus across groups</th>
          </tr>
        </thead>
        <tbody>
          {og.options.map((o) => (
            <tr key={o.id}>
              <td className="title">{title(o.id)}</td>
              {o.groups.map((g, i) => (
                <td key={i}>
                  +{g.plus} / −{g.minus}
                </td>
              ))}
              <td>{o.agreement.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Breakdown({ b, order, title }: { b: SegmentBreakdown; order: string[]; title: (id: string) => string }) {
  const shown = b.groups.filter((g) => !g.suppressed && g.options);
  const hidden = b.groups.filter((g) => g.suppressed);
  const name = (g: SegmentBreakdown['groups'][number]) => (g.optionId === null ? 'No answer' : g.label);
  return (
    <div className="breakdown">
      <h3>By {b.label.charAt(0).toLowerCase() + b.label.slice(1)}</h3>
      {shown.length === 0 ? (
        <p className="note">No group has {b.minGroup} or more voters: nothing is shown.</p>
      ) : (
        <table>
          <caption>Net score per group, with the group’s support</caption>
          <thead>
            <tr>
              <th scope="col">Proposal</th>
              {shown.map((g) => (
                <th scope="col" key={g.optionId ?? 'none'}>
                  {name(g)}
                  <span className="sub">{plural(g.voters ?? 0, 'voter')}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.map((id) => (
              <tr key={id}>
                <td className="title">{title(id)}</td>
                {shown.map((g) => {
                  const o = g.options?.find((x) => x.id === id);
                  return (
                    <td key={g.optionId ?? 'none'}>
                      {o ? (
                        <>
                          {signed(o.net)} <span className="pct">{percent(o.support)}</span>
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hidden.length > 0 ? (
        <p className="note">
          Not shown, to protect groups of fewer than {b.minGroup} voters: {hidden.map(name).join('; ')}.
        </p>
      ) : null}
    </div>
  );
}
