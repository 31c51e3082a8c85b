import { useEffect, useRef, useState } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner.tsx';
import { startVoter, useVoterStore } from './store.ts';
import { BallotView } from './BallotView.tsx';
import { ClosedView, JoinProblem, WaitingView } from './WaitingView.tsx';
import { ProfileView } from './ProfileView.tsx';

export function VoterScreen({ assemblyId }: { assemblyId: string }) {
  useEffect(() => startVoter(assemblyId), [assemblyId]);
  const connection = useVoterStore((s) => s.connection);
  const joined = useVoterStore((s) => s.joined);
  const joinError = useVoterStore((s) => s.joinError);
  const title = useVoterStore((s) => s.assembly?.title ?? '');
  const status = useVoterStore((s) => s.current?.round.status ?? null);
  const profileAsk = useVoterStore((s) => s.profileAsk);
  const news = useVoterStore((s) => s.news);

  const question = useVoterStore((s) => s.current?.round.question ?? '');
  useEffect(() => {
    document.title = title ? `Vote · ${title}` : 'Vote';
  }, [title]);

  // Screen readers hear when voting opens or closes, wherever the focus is.
  const [announce, setAnnounce] = useState('');
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (!joined) return;
    const key = status ?? 'none';
    if (last.current !== null && last.current !== key) {
      setAnnounce(status === 'open' ? `Voting is open: ${question || 'choose your proposals'}.` : status === 'closed' ? 'Voting has closed.' : 'Waiting for the next vote.');
    }
    last.current = key;
  }, [joined, status, question]);

  let body;
  if (joinError && !joined) body = <JoinProblem />;
  else if (!joined) body = <p className="v-loading">Connecting to the assembly…</p>;
  // Profile questions come first at join; added later, they wait for the end of an open ballot.
  else if (profileAsk === 'join' || (profileAsk === 'later' && status !== 'open')) body = <ProfileView />;
  else if (status === 'open') body = <BallotView />;
  else if (status === 'closed') body = <ClosedView />;
  else body = <WaitingView />;

  return (
    <div className="phone">
      <header className="v-header">
        <span className="v-assembly">{title || 'D21 vote'}</span>
      </header>
      <ConnectionBanner
        state={joinError && !joined ? 'online' : connection}
        detail={joined ? 'Your choices are kept on this phone.' : ''}
      />
      <main className="v-main" id="main">
        {body}
      </main>
      <p className="sr-only" aria-live="assertive" aria-atomic="true">
        {announce}
      </p>
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid="voter-news">
        {news}
      </p>
    </div>
  );
}
