import { Countdown } from '../../components/Countdown.tsx';
import { useProjectorStore } from './store.ts';
import { JoinCorner } from './JoinCorner.tsx';

/** The band at the top of the results views: which vote, the clock, and turnout. */
export function RoundHeader({ label }: { label: string }) {
  const round = useProjectorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const voted = useProjectorStore((s) => s.snapshot?.turnout.voted ?? 0);
  const joined = useProjectorStore((s) => s.snapshot?.turnout.joined ?? 0);
  if (!round) return null;
  return (
    <header className="pj-header">
      <div className="pj-header-main">
        <p className="pj-kicker">
          Vote {round.seq} · {label}
        </p>
        <h1 className="pj-question">{round.question || 'Which proposals do you support?'}</h1>
      </div>
      <JoinCorner />
      <div className="pj-header-side">
        {round.status === 'open' ? <Countdown deadline={round.deadline} label="time left" className="pj-countdown" /> : <p className="pj-closed-pill">Voting closed</p>}
        <p className="pj-turnout" data-testid="pj-turnout">
          <strong>{voted}</strong> of {joined} voted
        </p>
      </div>
    </header>
  );
}
