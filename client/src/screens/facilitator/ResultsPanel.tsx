import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RoundResults } from '../../../../shared/domain/index.ts';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import { ResultsTable } from '../../components/ResultsTable.tsx';
import { api, downloadExport } from '../../lib/api.ts';
import { paperTitles } from '../../lib/paperTitles.ts';
import { topKCut } from '../../../../shared/domain/index.ts';
import { originText } from '../../components/roundText.ts';
import { CoSupportSection } from './CoSupportSection.tsx';
import { DisagreeTable } from './DisagreeTable.tsx';
import { OpinionGroups } from './OpinionGroups.tsx';
import { OnlyYouSee, PublishControl } from './PublishControl.tsx';
import { SealPanel } from './SealPanel.tsx';
import { SegmentsView } from './SegmentsView.tsx';
import { command, useFacilitatorStore } from './store.ts';
import { ChannelSplit } from './ChannelSplit.tsx';
import './results.css';
import './screens.css';
import { FormError } from '../../components/FormError.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useI18n } from '../../i18n/useI18n.ts';


type Tab = 'ranking' | 'disagree' | 'together' | 'groups';
const TABS: { id: Tab; label: MessageId }[] = [
  { id: 'ranking', label: 'console.results.tab.ranking' },
  { id: 'disagree', label: 'console.display.disagree' },
  { id: 'together', label: 'console.results.tab.together' },
  { id: 'groups', label: 'console.results.tab.groups' },
];

interface ResultsBody {
  results: RoundResults;
  titles: Record<string, string>;
}

/** Results of the viewed round (the current one unless a past one was picked), exports, and "new round from top K". */
export function ResultsPanel() {
  const viewedId = useFacilitatorStore((s) => s.viewedRoundId ?? s.assembly?.currentRoundId ?? null);
  const round = useFacilitatorStore((s) => s.assembly?.rounds.find((r) => r.id === viewedId) ?? null);
  const snapshot = useFacilitatorStore((s) => (s.snapshot && s.snapshot.roundId === viewedId ? s.snapshot : null));
  const proposals = useFacilitatorStore(useShallow((s) => s.assembly?.proposals ?? []));
  const isCurrent = useFacilitatorStore((s) => s.assembly?.currentRoundId === viewedId);
  const viewRound = useFacilitatorStore((s) => s.viewRound);
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const token = useFacilitatorStore((s) => s.token);
  const [fetched, setFetched] = useState<{ roundId: string; body: ResultsBody } | { roundId: string; error: string } | null>(null);
  const [tab, setTab] = useState<Tab>('ranking');
  const rounds = useFacilitatorStore(useShallow((s) => s.assembly?.rounds ?? []));
  const tabsId = useId();
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const currency = useFacilitatorStore((s) => s.assembly?.settings.currency ?? null);
  const { t } = useI18n();

  // Past rounds (no snapshot): fetch their results once they are closed.
  const needFetch = round !== null && !snapshot && round.status === 'closed';
  useEffect(() => {
    if (!needFetch || !round) return;
    let live = true;
    void api.results<ResultsBody>(assemblyId, round.id, token ?? undefined).then((r) => {
      if (live) setFetched(r.ok ? { roundId: round.id, body: r.data } : { roundId: round.id, error: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [needFetch, round?.id, assemblyId, token]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!round || round.status === 'draft') return null;
  // As voters saw them: the round's frozen paper, whatever was edited since.
  const titles = paperTitles(proposals, round.paper);
  let results: RoundResults | null = null;
  let note: string | null = null;
  if (snapshot) {
    results = snapshot.results;
    if (!results) note = t('console.results.hidden', { voted: snapshot.turnout.voted, joined: snapshot.turnout.joined });
  } else if (fetched && fetched.roundId === round.id) {
    if ('body' in fetched) {
      results = fetched.body.results;
      Object.assign(titles, fetched.body.titles);
    } else note = fetched.error;
  } else note = t(round.status === 'open' ? 'console.results.waiting' : 'console.results.loading');

  const caption = t(round.status === 'open' ? 'console.results.captionLive' : 'console.results.captionFinal', { n: round.seq });
  const fromSeq = round.origin ? (rounds.find((r) => r.id === round.origin?.fromRoundId)?.seq ?? null) : null;
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((x) => x.id === tab);
    const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
    if (j === null) return;
    e.preventDefault();
    const next = TABS[(j + TABS.length) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`${tabsId}-tab-${next.id}`)?.focus();
  };
  return (
    <section className="card" aria-labelledby="results-title">
      <div className="card-head">
        <h2 id="results-title">{t('console.rounds.resultsOf', { n: round.seq })}</h2>
        {!isCurrent ? (
          <button type="button" className="btn small" onClick={() => viewRound(null)}>
            {t('console.results.back')}
          </button>
        ) : null}
      </div>
      {round.origin ? (
        <p className="origin-line" data-testid="results-origin">
          {t('console.results.shortlist', { origin: originText(round.origin, fromSeq, titles) })}
        </p>
      ) : null}
      <div className="tabs" role="tablist" aria-label={t('console.results.views')}>
        {TABS.map((x) => (
          <button
            key={x.id}
            id={`${tabsId}-tab-${x.id}`}
            type="button"
            role="tab"
            aria-selected={tab === x.id}
            aria-controls={`${tabsId}-panel`}
            tabIndex={tab === x.id ? 0 : -1}
            className={tab === x.id ? 'on' : ''}
            onClick={() => setTab(x.id)}
            onKeyDown={onTabKey}
          >
            {t(x.label)}
          </button>
        ))}
      </div>
      {results ? <OnlyYouSee round={round} /> : null}
      {results ? <ChannelSplit roundId={round.id} results={results} titles={titles} /> : null}
      <div id={`${tabsId}-panel`} role="tabpanel" aria-labelledby={`${tabsId}-tab-${tab}`} className="tab-panel">
        {tab === 'groups' ? (
          <SegmentsView round={round} results={results} titles={titles} />
        ) : !results ? (
          <p className="muted">{note}</p>
        ) : tab === 'together' ? (
          <CoSupportSection round={round} titles={titles} />
        ) : tab === 'disagree' ? (
          <>
            <DisagreeTable results={results} titles={titles} plusOnly={round.rules.minus === 0} />
            <OpinionGroups round={round} titles={titles} />
          </>
        ) : (
          <ResultsTable results={results} titles={titles} caption={caption} plusOnly={round.rules.minus === 0} currency={currency} lang={lang} />
        )}
      </div>
      {round.status === 'closed' ? <PublishControl round={round} /> : null}
      {round.status === 'closed' ? <Exports round={round} /> : null}
      {round.status === 'closed' ? <SealPanel round={round} /> : null}
      {round.status === 'closed' && results ? <TopK round={round} results={results} /> : null}
    </section>
  );
}

function Exports({ round }: { round: RoundView }) {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const token = useFacilitatorStore((s) => s.token) ?? '';
  const [error, setError] = useState<string | null>(null);
  const base = `/api/assemblies/${encodeURIComponent(assemblyId)}/rounds/${encodeURIComponent(round.id)}`;
  const get = async (path: string, name: string) => setError(await downloadExport(`${base}/${path}`, token, name));
  const { t } = useI18n();
  return (
    <div className="exports">
      <span className="small">{t('console.export.label')}</span>
      <button type="button" className="btn small" onClick={() => void get('results.csv', `vote-${round.seq}-results.csv`)}>
        {t('console.export.resultsCsv')}
      </button>
      <button type="button" className="btn small" onClick={() => void get('results', `vote-${round.seq}-results.json`)}>
        {t('console.export.resultsJson')}
      </button>
      <button type="button" className="btn small" onClick={() => void get('ballots.csv', `vote-${round.seq}-ballots.csv`)}>
        {t('console.export.ballotsCsv')}
      </button>
      <button type="button" className="btn small" onClick={() => void get('ballots.json', `vote-${round.seq}-ballots.json`)}>
        {t('console.export.ballotsJson')}
      </button>
      <button type="button" className="btn small" onClick={() => void get('co-support.csv', `vote-${round.seq}-co-support.csv`)}>
        {t('console.export.coSupportCsv')}
      </button>
      <button type="button" className="btn small" onClick={() => void get('co-support.json', `vote-${round.seq}-co-support.json`)}>
        {t('console.export.coSupportJson')}
      </button>
      <a className="btn small report-btn" href={`/a/${encodeURIComponent(assemblyId)}/report`} target="_blank" rel="noopener">
        {t('console.export.report')}
      </a>
      <FormError message={error} />
    </div>
  );
}

function TopK({ round, results }: { round: RoundView; results: RoundResults }) {
  const editRound = useFacilitatorStore((s) => s.editRound);
  const titles = useFacilitatorStore(useShallow((s) => Object.fromEntries((s.assembly?.proposals ?? []).map((p) => [p.id, p.title]))));
  const count = results.options.length;
  const [k, setK] = useState(String(Math.min(count, Math.max(2, round.rules.winners * 2))));
  const [tie, setTie] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const { t } = useI18n();
  const n = Number(k);
  const valid = Number.isInteger(n) && n >= 1 && n <= count;
  const cut = valid ? topKCut(results.options, n) : { sure: [], tied: [], slots: 0 };
  const start = async (tieBreak?: 'include' | 'draw' | { choose: string[] }) => {
    if (!valid) return;
    setBusy(true);
    const r = await command('round:advance', { fromRoundId: round.id, k: n, ...(tieBreak ? { tieBreak } : {}) });
    setBusy(false);
    if (!r.ok) {
      // A tie at the cut is never settled silently: the facilitator picks how.
      if (r.error.code === 'TIE_AT_CUT' && !tieBreak) {
        setTie(r.error.message);
        setChosen([]);
        setChoosing(false);
        setError(null);
      } else setError(r.error.message);
      return;
    }
    setTie(null);
    setChoosing(false);
    setError(null);
    editRound(r.data.id);
    document.querySelector('.setup-form')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  return (
    <div className="topk">
      <div className="row">
        <label htmlFor="topk">{t('console.topk.label')}</label>
        <input
          id="topk"
          type="number"
          min={1}
          max={count}
          value={k}
          onChange={(e) => {
            setK(e.target.value);
            setTie(null);
            setChoosing(false);
          }}
          className="narrow-input"
        />
        <span>{t('console.topk.of', { n: count })}</span>
        <button type="button" className="btn" disabled={!valid || busy} onClick={() => void start()}>
          {t('console.topk.prepare')}
        </button>
      </div>
      {tie ? (
        <div className="tie-note" role="alert">
          <p>{tie}</p>
          <div className="row">
            <button type="button" className="btn small" disabled={busy} onClick={() => void start('include')}>
              {t('console.topk.include')}
            </button>
            <button type="button" className="btn small" disabled={busy || cut.tied.length === 0} aria-expanded={choosing} onClick={() => setChoosing((c) => !c)}>
              {t('console.topk.choose')}
            </button>
            <button type="button" className="btn small" disabled={busy} onClick={() => void start('draw')}>
              {t('console.topk.draw')}
            </button>
          </div>
          {choosing ? (
            <fieldset className="tie-choose">
              <legend>
                {t('console.topk.chooseLegend', { slots: cut.slots, tied: cut.tied.length })}
              </legend>
              <ul>
                {cut.tied.map((id) => (
                  <li key={id}>
                    <label>
                      <input type="checkbox" checked={chosen.includes(id)} disabled={!chosen.includes(id) && chosen.length >= cut.slots} onChange={() => toggle(id)} />{' '}
                      <span lang={lang}>{titles[id] ?? id}</span>
                    </label>
                  </li>
                ))}
              </ul>
              <div className="row">
                <button type="button" className="btn small primary" disabled={busy || chosen.length !== cut.slots} onClick={() => void start({ choose: chosen })}>
                  {t('console.topk.advance')}
                </button>
                <span className="small" aria-live="polite">
                  {t('console.topk.chosen', { n: chosen.length, of: cut.slots })}
                </span>
              </div>
            </fieldset>
          ) : null}
        </div>
      ) : valid && cut.tied.length > 0 ? (
        <p className="hint">
          {t('console.topk.note', { n: cut.tied.length, place: n })}
        </p>
      ) : null}
      <FormError message={error} />
    </div>
  );
}
