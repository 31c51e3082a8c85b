import { Countdown } from '../../components/Countdown.tsx';
import { useProjectorStore } from './store.ts';
import { JoinCorner } from './JoinCorner.tsx';

/** Turnout only: a round whose results are hidden until close, or "final" asked for before the close. */
export function HiddenView({ final }: { final: boolean }) {
  const round = useProjectorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const voted = useProjectorStore((s) => s.snapshot?.turnout.voted ?? 0);
  const joined = useProjectorStore((s) => s.snapshot?.turnout.joined ?? 0);
  const share = joined > 0 ? Math.min(1, voted / joined) : 0;
  return (
    <main className="pj pj-hidden">
      <div className="pj-hidden-corner">
        <JoinCorner />
      </div>
      <p className="pj-kicker">
        Vote {round?.seq} · {round?.status === 'open' ? 'voting open' : 'voting closed'}
      </p>
      <h1 className="pj-question center">{round?.question || 'Which proposals do you support?'}</h1>
      <p className="pj-turnout-huge" data-testid="pj-hidden-turnout" aria-live="polite">
        <strong>{voted}</strong> of {joined} have voted
      </p>
      <div className="pj-progress" role="img" aria-label={`${Math.round(share * 100)}% of those who joined have voted`}>
        <div className="pj-progress-fill" style={{ width: `${share * 100}%` }} />
      </div>
      {round?.status === 'open' ? <Countdown deadline={round.deadline} label="Voting closes in" className="pj-countdown big" /> : null}
      <p className="pj-big muted">{final || round?.visibility === 'hidden' ? 'Results will be shown when voting closes.' : 'Waiting for the first ballots…'}</p>
    </main>
  );
}
