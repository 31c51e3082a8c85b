import { useEffect, useState } from 'react';
import type { Report, ReportRound } from '../../../../shared/protocol/views.ts';
import { ResultsTable } from '../../components/ResultsTable.tsx';
import { ballotTerms, originText, rulesSummary } from '../../components/roundText.ts';
import { SealDigest } from '../../components/SealDigest.tsx';
import { downloadExport } from '../../lib/api.ts';
import { useAssemblyLocale } from '../../i18n/choose.ts';
import { errorText } from '../../i18n/errors.ts';
import { t } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { reportFormat as rf, setReportAssembly } from './reportFormat.ts';
import { keys, load } from '../../lib/storage.ts';
import { Referred, outcome } from './Referred.tsx';
import { Breakdown, OpinionGroups } from './ReportGroups.tsx';
import { CoSupportHeatmap } from '../../components/CoSupportHeatmap.tsx';
import { paperNames, type PaperNames } from './paperNames.ts';
import './report.css';
import './report-print.css';

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; report: Report };

/** Reads the facilitator token from the fragment (a shared report link) or from this browser's console session. */
function facilitatorToken(assemblyId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return fromHash ?? load<string>(keys.facilitatorToken(assemblyId));
}


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
  // Re-renders the whole report when its language arrives or changes.
  useI18n();
  useAssemblyLocale('report', state.status === 'ready' ? state.report.assembly.language : undefined);
  if (state.status === 'ready') setReportAssembly(state.report.assembly);

  useEffect(() => {
    if (!token) {
      setState({ status: 'error', message: t('report.noToken') });
      return;
    }
    let live = true;
    fetch(`/api/assemblies/${encodeURIComponent(assemblyId)}/report.json`, { headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.json() as Promise<{ ok: true; data: Report } | { ok: false; error: { code: string; message: string } }>)
      .then((body) => {
        if (!live) return;
        setState(body.ok ? { status: 'ready', report: body.data } : { status: 'error', message: errorText(body.error) });
      })
      .catch(() => live && setState({ status: 'error', message: errorText({ code: 'NETWORK' }) }));
    return () => {
      live = false;
    };
  }, [assemblyId, token]);

  useEffect(() => {
    document.documentElement.classList.add('report-root');
    return () => document.documentElement.classList.remove('report-root');
  }, []);
  useEffect(() => {
    if (state.status === 'ready') document.title = t('report.pageTitle', { title: state.report.assembly.title });
  }, [state]);

  if (state.status === 'loading')
    return (
      <main className="report">
        <p>{t('report.loading')}</p>
      </main>
    );
  if (state.status === 'error')
    return (
      <main className="report">
        <h1>{t('report.heading')}</h1>
        <p className="error" role="alert">
          {state.message}
        </p>
      </main>
    );

  const { report } = state;
  const download = async (fmt: 'csv' | 'json') => {
    setExportError(await downloadExport(`/api/assemblies/${encodeURIComponent(assemblyId)}/report.${fmt}`, token!, `report-${assemblyId}.${fmt}`));
  };
  const seqOf = (roundId: string) => report.rounds.find((r) => r.round.id === roundId)?.round.seq ?? null;
  const referredRound = report.referred ? report.rounds.find((r) => r.round.id === report.referred!.roundId) : undefined;

  return (
    <main className={`report${report.rounds.length <= 1 ? ' single' : ''}`}>
      <header className="report-head">
        <p className="kicker">{t('report.kicker')}</p>
        <h1>{report.assembly.title}</h1>
        <p className="meta">
          {t('report.meta', { n: report.rounds.length, when: rf.when(report.generatedAt) })}
        </p>
      </header>
      <div className="actions">
        <button type="button" onClick={() => window.print()}>
          {t('report.print')}
        </button>
        <button type="button" className="secondary" onClick={() => void download('csv')}>
          {t('report.csv')}
        </button>
        <button type="button" className="secondary" onClick={() => void download('json')}>
          {t('report.json')}
        </button>
        {exportError ? (
          <p className="error" role="alert">
            {exportError}
          </p>
        ) : null}
      </div>

      {report.referred && referredRound ? (
        <Referred referred={report.referred} r={referredRound} title={paperNames(referredRound.round, report).title} costs={paperNames(referredRound.round, report).costs} />
      ) : (
        <p className="note">{t('report.noneClosed')}</p>
      )}

      {report.rounds.length > 0 ? (
        <section aria-labelledby="glance-h">
          <h2 id="glance-h">{t('report.glance')}</h2>
          <table className="glance">
            <thead>
              <tr>
                <th scope="col">{t('report.col.vote')}</th>
                <th scope="col">{t('report.col.question')}</th>
                <th scope="col">{t('report.col.turnout')}</th>
                <th scope="col">{t('results.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rounds.map((r) => (
                <tr key={r.round.id}>
                  <td>{r.round.seq}</td>
                  <td className="title">
                    {r.round.question ? <span lang={rf.lang()}>{r.round.question}</span> : t('report.noQuestion')}
                    {r.round.origin ? <span className="sub">{t('origin.from', { k: r.round.origin.k, seq: seqOf(r.round.origin.fromRoundId) ?? '?' })}</span> : null}
                  </td>
                  <td>{t('report.votedOf', { voted: r.turnout.voted, joined: r.turnout.joined })}</td>
                  <td className="title">{outcome(r, paperNames(r.round, report).title)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="proposals-h">
        <h2 id="proposals-h">{t('console.proposals.title')}</h2>
        <dl className="facts">
          <dt>{t('report.p.total')}</dt>
          <dd>{report.proposals.total}</dd>
          <dt>{t('report.p.submitted')}</dt>
          <dd>{report.proposals.submittedByParticipants}</dd>
          <dt>{t('report.p.approved')}</dt>
          <dd>{report.proposals.approved}</dd>
          <dt>{t('report.p.merged')}</dt>
          <dd>{report.proposals.merged}</dd>
          <dt>{t('report.p.rejected')}</dt>
          <dd>{report.proposals.rejected}</dd>
          {report.proposals.pending > 0 ? (
            <>
              <dt>{t('report.p.pending')}</dt>
              <dd>{report.proposals.pending}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {report.rounds.map((r) => (
        <RoundSection key={r.round.id} r={r} names={paperNames(r.round, report)} seqOf={seqOf} />
      ))}
      <footer className="method">
        <h2>{t('report.howTo')}</h2>
        <p>{t('report.method', { min: 5 })}</p>
      </footer>
    </main>
  );
}

/** One round: its facts, seal and results, named as on its own ballot paper. */
function RoundSection({ r, names, seqOf }: { r: ReportRound; names: PaperNames; seqOf: (id: string) => number | null }) {
  const { round, results, turnout } = r;
  const { title, titles } = names;
  const share = turnout.joined > 0 ? ` (${rf.percent(turnout.voted / turnout.joined)})` : '';
  return (
    <section className="round" aria-labelledby={`round-${round.id}`}>
      <h2 id={`round-${round.id}`}>
        {t('console.round.title', { n: round.seq })}
        {round.question ? (
          <>
            : <span lang={rf.lang()}>{round.question}</span>
          </>
        ) : null}
      </h2>
      <dl className="facts">
        <dt>{t('codes.status')}</dt>
        <dd>
          {round.status === 'closed'
            ? [round.closedAt ? t('report.closedAt', { when: rf.when(round.closedAt) }) : t('report.closed'), round.openedAt ? t('report.openedAt', { when: rf.when(round.openedAt) }) : ''].filter(Boolean).join(' ')
            : round.status === 'open'
              ? t('report.stillOpen')
              : t('report.draft')}
        </dd>
        <dt>{t('report.rules')}</dt>
        <dd>{[rulesSummary(round), ...ballotTerms(round)].join('; ')}</dd>
        {round.budget !== null ? (
          <>
            <dt>{t('results.budget')}</dt>
            <dd>{rf.amount(round.budget)}</dd>
          </>
        ) : null}
        <dt>{t('report.col.turnout')}</dt>
        <dd>
          {t('report.turnout', { voted: turnout.voted, joined: turnout.joined })}
          {share}
          {results && results.abstentions > 0 ? `; ${t('report.abstentions', { n: results.abstentions })}` : ''}
        </dd>
        {r.channels ? (
          <>
            <dt>{t('report.channels')}</dt>
            <dd data-testid="report-channels">{t('report.channelCounts', { phone: r.channels.phone.ballots, paper: r.channels.paper.ballots, total: r.channels.total.ballots })}</dd>
          </>
        ) : null}
        {round.origin ? (
          <>
            <dt>{t('report.shortlist')}</dt>
            <dd>{originText(round.origin, seqOf(round.origin.fromRoundId), titles)}</dd>
          </>
        ) : null}
        {round.seal ? (
          <>
            <dt>{t('seal.dt')}</dt>
            <dd>
              <SealDigest seal={round.seal} />
            </dd>
          </>
        ) : null}
      </dl>
      {!results ? (
        <p className="note">{t('report.hidden')}</p>
      ) : (
        <>
          <ResultsTable results={results} titles={titles} caption={t(round.status === 'open' ? 'console.results.captionLive' : 'console.results.captionFinal', { n: round.seq })} plusOnly={round.rules.minus === 0} currency={rf.currency()} lang={rf.lang()} />
          {r.opinionGroups && r.opinionGroups.groups.length > 0 ? <OpinionGroups og={r.opinionGroups} title={title} /> : null}
          {r.coSupport && r.coSupport.rows.some((row) => row.shown) ? (
            <section aria-label={t('report.coSupport')}>
              <h3>{t('report.coSupport')}</h3>
              <CoSupportHeatmap view={r.coSupport} titles={Object.fromEntries(r.coSupport.optionIds.map((id) => [id, title(id)]))} />
            </section>
          ) : null}
          {r.breakdown.map((b) => (
            <Breakdown key={b.questionId} b={b} order={results.options.map((o) => o.id)} title={title} />
          ))}
        </>
      )}
    </section>
  );
}
