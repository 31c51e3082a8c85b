import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RoundResults } from '../../../../shared/domain/index.ts';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import { ResultsTable } from '../../components/ResultsTable.tsx';
import { api, downloadExport } from '../../lib/api.ts';
import { paperTitles } from '../../lib/paperTitles.ts';
import { originText } from '../../components/roundText.ts';
import { CoSupportSection } from './CoSupportSection.tsx';
import { DisagreeTable } from './DisagreeTable.tsx';
import { OpinionGroups } from './OpinionGroups.tsx';
import { OnlyYouSee, PublishControl } from './PublishControl.tsx';
import { SealPanel } from './SealPanel.tsx';
import { SegmentsView } from './SegmentsView.tsx';
import { useFacilitatorStore } from './store.ts';
import { ChannelSplit } from './ChannelSplit.tsx';
import { TopK } from './TopK.tsx';
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
