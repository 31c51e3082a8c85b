import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Countdown } from '../../components/Countdown.tsx';
import { rulesSummary } from '../../components/roundText.ts';
import { command, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';
import type { Reply } from '../../lib/reply.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { CloseConfirm } from './CloseConfirm.tsx';

/** The current round: its rules, live turnout, and open/close/extend. */
export function RoundPanel() {
  const round = useFacilitatorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const turnout = useFacilitatorStore(useShallow((s) => (s.snapshot && s.snapshot.roundId === round?.id ? s.snapshot.turnout : null)));
  // People joined and online, sent also before any round opens.
  const people = useFacilitatorStore(useShallow((s) => s.turnout));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const currency = useFacilitatorStore((s) => s.assembly?.settings.currency ?? null);
  const { t, rich, money } = useI18n();
  // Closing ends the vote for everyone and cannot be undone: it takes a second, explicit click.
  const [confirming, setConfirming] = useState(false);

  if (!round) {
    return (
      <section className="card" aria-labelledby="round-title">
        <h2 id="round-title">{t('console.round.current')}</h2>
        <p className="muted">{t('console.round.none')}</p>
        <p className="turnout-big" aria-live="polite">
          {rich('projector.join.joined', { n: people?.joined ?? 0, count: (c) => <strong data-testid="fac-joined">{c}</strong> })}
          {people ? <span className="muted small"> · {t('console.round.online', { n: people.online })}</span> : null}
        </p>
      </section>
    );
  }
  const run = async (p: Promise<Reply<unknown>>) => {
    setBusy(true);
    const r = await p;
    setBusy(false);
    setError(r.ok ? null : (r.error.message ?? t('error.unknown')));
  };
  const open = round.status === 'open';
  return (
    <section className="card current-round" aria-labelledby="round-title">
      <div className="card-head">
        <h2 id="round-title">
          {t('console.round.title', { n: round.seq })}
          {round.question ? (
            <>
              : <span lang={lang}>{round.question}</span>
            </>
          ) : null}
        </h2>
        <span className={`badge status-${round.status}`}>{t(open ? 'console.status.open' : round.status === 'closed' ? 'console.status.closed' : 'console.status.draft')}</span>
      </div>
      <p className="rules-line">{rulesSummary(round)}</p>
      <p className="muted small">
        {t(round.visibility === 'hidden' ? 'console.round.hidden' : 'console.round.live')}
        {' · '}
        {t(round.lockBallots ? 'console.round.locked' : 'console.round.changeable')}
        {round.budget !== null ? ` · ${t('projector.budget.line', { amount: money(round.budget, currency) })}` : ''}
      </p>
      <div className="turnout-row" aria-live="polite">
        <p className="turnout-big">
          {rich('console.round.voted', { voted: turnout?.voted ?? 0, joined: turnout?.joined ?? people?.joined ?? 0, v: (c) => <strong data-testid="fac-voted">{c}</strong> })}
        </p>
        <p className="muted">{turnout ? t('console.round.online', { n: turnout.online }) : people ? t('console.round.online', { n: people.online }) : ''}</p>
      </div>
      {open ? <Countdown deadline={round.deadline} label={t('console.round.closesIn')} /> : null}
      {open ? (
        <div className="row">
          <button type="button" className="btn danger" disabled={busy} aria-expanded={confirming} onClick={() => setConfirming(true)}>
            {t('console.round.closeAsk')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void run(command('round:extend', { roundId: round.id, seconds: 60 }))}>
            {t('console.round.extend', { n: 1 })}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void run(command('round:extend', { roundId: round.id, seconds: 300 }))}>
            {t('console.round.extend', { n: 5 })}
          </button>
        </div>
      ) : null}
      {open && confirming ? (
        <CloseConfirm
          roundId={round.id}
          seq={round.seq}
          voted={turnout?.voted ?? 0}
          joined={turnout?.joined ?? people?.joined ?? 0}
          busy={busy}
          onClose={() => void run(command('round:close', { roundId: round.id })).then(() => setConfirming(false))}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      <FormError message={error} />
    </section>
  );
}
