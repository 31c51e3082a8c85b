import { useEffect, useState } from 'react';
import type { Report, ReportRound } from '../../../../shared/protocol/views.ts';
import { ResultsTable } from '../../components/ResultsTable.tsx';
import { ballotTerms, originText, rulesSummary } from '../../components/roundText.ts';
import { SealDigest } from '../../components/SealDigest.tsx';
import { downloadExport } from '../../lib/api.ts';
import { amount, percent, plural } from '../../lib/format.ts';
import { keys, load } from '../../lib/storage.ts';
import { Referred, outcome } from './Referred.tsx';
import { Breakdown, OpinionGroups } from './ReportGroups.tsx';
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
        <RoundSection key={r.round.id} r={r} title={title} titles={report.titles} seqOf={seqOf} />
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

function RoundSection({ r, title, titles, seqOf }: { r: ReportRound; title: (id: string) => string; titles: Record<string, string>; seqOf: (id: string) => number | null }) {
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
        <dd>{[rulesSummary(round), ...ballotTerms(round)].join('; ')}</dd>
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
            <dd>{originText(round.origin, seqOf(round.origin.fromRoundId), titles)}</dd>
          </>
        ) : null}
        {round.seal ? (
          <>
            <dt>Sealed</dt>
            <dd>
              <SealDigest seal={round.seal} />
            </dd>
          </>
        ) : null}
      </dl>
      {!results ? (
        <p className="note">Results are hidden until this vote closes.</p>
      ) : (
        <>
          <ResultsTable results={results} titles={titles} caption={`Vote ${round.seq}.`} plusOnly={round.rules.minus === 0} />
          {r.opinionGroups && r.opinionGroups.groups.length > 0 ? <OpinionGroups og={r.opinionGroups} title={title} /> : null}
          {r.breakdown.map((b) => (
            <Breakdown key={b.questionId} b={b} order={results.options.map((o) => o.id)} title={title} />
          ))}
        </>
      )}
    </section>
  );
}
