import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useVoterStore } from './store.ts';

export function WaitingView() {
  return (
    <section className="v-waiting" aria-labelledby="wait-title">
      <div className="v-wait-icon" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <h1 id="wait-title">Waiting for the next vote</h1>
      <p>You are in. Keep this page open: the ballot appears here by itself when voting starts.</p>
    </section>
  );
}

export function ClosedView() {
  const { proposals, myBallot, question } = useVoterStore(
    useShallow((s) => ({ proposals: s.current?.proposals ?? [], myBallot: s.myBallot, question: s.current?.round.question ?? '' })),
  );
  const title = (id: string) => proposals.find((p) => p.id === id)?.title ?? 'a proposal';
  return (
    <section className="v-waiting" aria-labelledby="closed-title">
      <h1 id="closed-title">Voting has closed</h1>
      {question ? <p className="v-closed-question">{question}</p> : null}
      {myBallot ? (
        <div className="v-receipt">
          <p className="v-counted-line">✓ Your ballot was counted.</p>
          {myBallot.plus.length + myBallot.minus.length === 0 ? (
            <p>You abstained (empty ballot).</p>
          ) : (
            <ul className="v-receipt-list">
              {myBallot.plus.map((id) => (
                <li key={id}>
                  <span className="tag plus" aria-label="plus">+</span> {title(id)}
                </li>
              ))}
              {myBallot.minus.map((id) => (
                <li key={id}>
                  <span className="tag minus" aria-label="minus">−</span> {title(id)}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p>You did not vote in this round.</p>
      )}
      <p>Results are shown on the main screen. The next vote will appear here by itself.</p>
    </section>
  );
}

export function JoinProblem() {
  const error = useVoterStore((s) => s.joinError);
  const joinWithCode = useVoterStore((s) => s.joinWithCode);
  const [code, setCode] = useState('');
  const needsCode = error?.code.startsWith('CODE_') ?? false;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) joinWithCode(code);
  };
  if (needsCode) {
    return (
      <section className="v-waiting">
        <h1>Enter your access code</h1>
        <p role="alert">{error?.message}</p>
        <form onSubmit={onSubmit} className="v-code-form">
          <label htmlFor="code">Access code from your card</label>
          <input id="code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" autoCapitalize="characters" />
          <button type="submit" className="btn primary big">
            Join
          </button>
        </form>
      </section>
    );
  }
  return (
    <section className="v-waiting">
      <h1>{error?.code === 'NOT_FOUND' ? 'Assembly not found' : 'Cannot join'}</h1>
      <p role="alert">{error?.code === 'NOT_FOUND' ? 'This link does not lead to an assembly. Scan the QR code on the screen again.' : error?.message}</p>
    </section>
  );
}
