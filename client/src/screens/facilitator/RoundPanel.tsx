import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Countdown } from '../../components/Countdown.tsx';
import { rulesSummary } from '../../components/roundText.ts';
import { command, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';
import type { Reply } from '../../lib/reply.ts';
import { CloseConfirm } from './CloseConfirm.tsx';

/** The current round: its rules, live turnout, and open/close/extend. */
export function RoundPanel() {
  const round = useFacilitatorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const turnout = useFacilitatorStore(useShallow((s) => (s.snapshot && s.snapshot.roundId === round?.id ? s.snapshot.turnout : null)));
  // People joined and online, sent also before any round opens.
  const people = useFacilitatorStore(useShallow((s) => s.turnout));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Closing ends the vote for everyone and cannot be undone: it takes a second, explicit click.
  const [confirming, setConfirming] = useState(false);

  if (!round) {
    return (
      <section className="card" aria-labelledby="round-title">
        <h2 id="round-title">Current vote</h2>
        <p className="muted">No vote has been opened yet. Add proposals, then set up a round below.</p>
        <p className="turnout-big" aria-live="polite">
          <strong data-testid="fac-joined">{people?.joined ?? 0}</strong> {people?.joined === 1 ? 'person has' : 'people have'} joined
          {people ? <span className="muted small"> · {people.online} online now</span> : null}
        </p>
      </section>
    );
  }
  const run = async (p: Promise<Reply<unknown>>) => {
    setBusy(true);
    const r = await p;
    setBusy(false);
    setError(r.ok ? null : r.error.message);
  };
  const open = round.status === 'open';
  return (
    <section className="card current-round" aria-labelledby="round-title">
      <div className="card-head">
        <h2 id="round-title">
          Vote {round.seq}
          {round.question ? `: ${round.question}` : ''}
        </h2>
        <span className={`badge status-${round.status}`}>{open ? 'Voting open' : round.status === 'closed' ? 'Closed' : 'Draft'}</span>
      </div>
      <p className="rules-line">{rulesSummary(round)}</p>
      <p className="muted small">
        {round.visibility === 'hidden' ? 'Results hidden until the vote closes' : 'Results shown live'}
        {round.lockBallots ? ' · ballots cannot be changed once cast' : ' · voters may change their ballot while open'}
        {round.budget !== null ? ` · budget ${round.budget.toLocaleString()}` : ''}
      </p>
      <div className="turnout-row" aria-live="polite">
        <p className="turnout-big">
          <strong data-testid="fac-voted">{turnout?.voted ?? 0}</strong> of <strong>{turnout?.joined ?? people?.joined ?? 0}</strong> joined have voted
        </p>
        <p className="muted">{turnout ? `${turnout.online} online now` : people ? `${people.online} online now` : ''}</p>
      </div>
      {open ? <Countdown deadline={round.deadline} label="Closes by itself in" /> : null}
      {open ? (
        <div className="row">
          <button type="button" className="btn danger" disabled={busy} aria-expanded={confirming} onClick={() => setConfirming(true)}>
            Close voting…
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void run(command('round:extend', { roundId: round.id, seconds: 60 }))}>
            +1 min
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void run(command('round:extend', { roundId: round.id, seconds: 300 }))}>
            +5 min
          </button>
        </div>
      ) : null}
      {open && confirming ? (
        <CloseConfirm
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
