import { useEffect, useState } from 'react';
import type { Report, ReportRound, SegmentBreakdown } from '../../../../shared/protocol/views.ts';
import { downloadExport } from '../../lib/api.ts';
import { amount, percent, signed } from '../../lib/format.ts';
import { keys, load } from '../../lib/storage.ts';
import './report.css';

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; report: Report };

/** Reads the facilitator token from the fragment (a shared report link) or from this browser's console session. */
function facilitatorToken(assemblyId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return fromHash ?? load<string>(keys.facilitatorToken(assemblyId));
}

/**
 * The final report (NHS Citizen: what goes to the board): every round with
 * its rules, turnout and results, the winners referred onward. Printable to
 * PDF from the browser; CSV and JSON downloads beside it.
 */
export function ReportScreen({ assemblyId }: { assemblyId: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [exportError, setExportError] = useState<string | null>(null);
  const token = facilitatorToken(assemblyId);

  useEffect(() => {
    if (!token) {
      setState({ status: 'error', message: 'This report is for the facilitator: open it from the facilitator console.' });
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
    if (state.status === 'ready') document.title = `Report: ${state.report.assembly.title}`;
  }, [state]);

  if (state.status === 'loading') return <main className="report"><p>Loading the report…</p></main>;
  if (state.status === 'error') return <main className="report"><h1>Report</h1><p className="error" role="alert">{state.message}</p></main>;

  const { report } = state;
  const title = (id: string) => report.titles[id] ?? id;
  const download = async (fmt: 'csv' | 'json') => {
    setExportError(await downloadExport(`/api/assemblies/${encodeURIComponent(assemblyId)}/report.${fmt}`, token!, `report-${assemblyId}.${fmt}`));
  };

  return (
    <main className="report">
      <h1>{report.assembly.title}</h1>
      <p className="meta">
        Final report · D21 (Janeček method) voting · generated {new Date(report.generatedAt).toLocaleString()}
      </p>
      <div className="actions">
        <button type="button" onClick={() => window.print()}>Print or save as PDF</button>
        <button type="button" className="secondary" onClick={() => void download('csv')}>Download CSV</button>
        <button type="button" className="secondary" onClick={() => void download('json')}>Download JSON</button>
      </div>
      {exportError && <p className="error" role="alert">{exportError}</p>}

      {report.referred ? (
        <section className="referred" aria-labelledby="referred-h">
          <h2 id="referred-h" style={{ border: 0, margin: 0 }}>Referred onward</h2>
          <p className="note">The {report.referred.proposalIds.length === 1 ? 'winner' : 'winners'} of the last closed round{report.rounds.find((r) => r.round.id === report.referred!.roundId)?.results?.budget ? ' (funded within the budget)' : ''}.</p>
          <ol>
            {report.referred.proposalIds.map((id) => <li key={id}>{title(id)}</li>)}
          </ol>
          {report.referred.tiedAtCut.length > 0 && (
            <p><span className="badge tie">Tie</span> Still tied at the cut, for the facilitator to resolve: {report.referred.tiedAtCut.map(title).join('; ')}</p>
          )}
        </section>
      ) : (
        <p className="note">No round has closed yet.</p>
      )}

      <h2>Proposals</h2>
      <dl className="facts">
        <dt>In all</dt><dd>{report.proposals.total}</dd>
        <dt>Submitted by participants</dt><dd>{report.proposals.submittedByParticipants}</dd>
        <dt>Approved</dt><dd>{report.proposals.approved}</dd>
        <dt>Merged as duplicates</dt><dd>{report.proposals.merged}</dd>
        <dt>Rejected</dt><dd>{report.proposals.rejected}</dd>
        {report.proposals.pending > 0 && (<><dt>Never moderated</dt><dd>{report.proposals.pending}</dd></>)}
      </dl>

      {report.rounds.map((r) => (
        <RoundSection key={r.round.id} r={r} title={title} costs={report.costs} />
      ))}
      <p className="note">
        Ranks are by net score (plus − minus); equal scores share a rank. Percentages are shares of voters. Polarisation =
        4 · support · opposition; consensus = support · (1 − opposition). Groups of fewer than five voters are never shown.
      </p>
    </main>
  );
}

function RoundSection({ r, title, costs }: { r: ReportRound; title: (id: string) => string; costs: Record<string, number | null> }) {
  const { round, results, turnout } = r;
  const budget = results?.budget;
  const funded = new Map(budget?.lines.map((l) => [l.id, l.funded]) ?? []);
  return (
    <section className="round" aria-labelledby={`round-${round.id}`}>
      <h2 id={`round-${round.id}`}>
        Round {round.seq}{round.question ? `: ${round.question}` : ''}
      </h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{round.status === 'closed' ? `closed ${round.closedAt ? new Date(round.closedAt).toLocaleString() : ''}` : round.status}</dd>
        <dt>Rules</dt>
        <dd>
          {round.rules.options} proposals, {round.rules.winners} to select; {round.rules.plus} plus and {round.rules.minus} minus votes per voter
          {round.rules.minus > 0 ? (round.rules.ratio > 0 ? `; each minus needs ${round.rules.ratio} plus` : '; minus votes need no plus') : ''}
          {round.lockBallots ? '; ballots locked once cast' : '; ballots could be changed until close'}
          {round.visibility === 'hidden' ? '; results hidden until close' : ''}
        </dd>
        {round.budget !== null && (<><dt>Budget</dt><dd>{amount(round.budget)}</dd></>)}
        <dt>Turnout</dt>
        <dd>
          {turnout.voted} voted of {turnout.joined} joined{results ? ` (${results.abstentions} abstained)` : ''}
        </dd>
        {round.origin && (
          <>
            <dt>Shortlist</dt>
            <dd>
              Top {round.origin.k} of an earlier round
              {round.origin.tied.length > 0 &&
                (round.origin.tieBreak === 'include'
                  ? `; all ${round.origin.tied.length} tied at the cut were included`
                  : round.origin.tieBreak === 'draw'
                    ? `; the tie at the cut was settled by a draw (seed ${round.origin.seed})`
                    : '; the tie at the cut was settled by the facilitator')}
            </dd>
          </>
        )}
      </dl>
      {!results ? (
        <p className="note">Results are hidden until this round closes.</p>
      ) : (
        <table>
          <caption className="note" style={{ textAlign: 'left' }}>{results.ballots} ballots</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Proposal</th>
              <th scope="col">Plus</th>
              <th scope="col">Minus</th>
              <th scope="col">Net</th>
              <th scope="col">Support</th>
              <th scope="col">Opposition</th>
              <th scope="col">Consensus</th>
              <th scope="col">Polarisation</th>
              {budget && <th scope="col">Cost</th>}
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {results.options.map((o) => {
              const isFunded = funded.get(o.id);
              const cls = budget ? (isFunded ? 'winner' : 'unfunded') : o.status === 'winner' ? 'winner' : o.status === 'tied' ? 'tied' : '';
              return (
                <tr key={o.id} className={cls}>
                  <td>{o.rank}</td>
                  <td className="title">{title(o.id)}</td>
                  <td className="plus">{o.plus}</td>
                  <td className="minus">{o.minus}</td>
                  <td>{signed(o.net)}</td>
                  <td>{percent(o.support)}</td>
                  <td>{percent(o.opposition)}</td>
                  <td>{o.consensus.toFixed(2)}</td>
                  <td>{o.polarisation.toFixed(2)}</td>
                  {budget && <td>{amount(costs[o.id] ?? 0)}</td>}
                  <td>
                    {budget ? (
                      isFunded ? <span className="badge funded">Funded</span> : 'Not funded'
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
      )}
      {budget && (
        <p>
          Budget {amount(budget.budget)}: {amount(budget.spent)} allocated to {budget.funded.length} proposals, {amount(budget.left)} left.
          {budget.tied.length > 0 && <> <span className="badge tie">Tie</span> funding depended on the order within a tie: {budget.tied.map(title).join('; ')}.</>}
        </p>
      )}
      {r.breakdown.map((b) => (
        <Breakdown key={b.questionId} b={b} title={title} />
      ))}
    </section>
  );
}

function Breakdown({ b, title }: { b: SegmentBreakdown; title: (id: string) => string }) {
  const ids = b.groups.find((g) => g.options)?.options?.map((o) => o.id) ?? [];
  return (
    <>
      <h3>By {b.label.toLowerCase()}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left' }}>Proposal: net (support)</th>
            {b.groups.map((g) => (
              <th scope="col" key={g.optionId ?? 'none'}>
                {g.label}
                <br />
                {g.suppressed ? `<${b.minGroup} voters` : `${g.voters} voters`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr key={id}>
              <td className="title">{title(id)}</td>
              {b.groups.map((g) => {
                const o = g.options?.find((x) => x.id === id);
                return <td key={g.optionId ?? 'none'}>{g.suppressed ? 'not shown' : o ? `${signed(o.net)} (${percent(o.support)})` : '–'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
