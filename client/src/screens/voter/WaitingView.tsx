import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { codeProblem } from './messages.ts';
import { ProposeSection } from './ProposeSection.tsx';
import { useVoterStore } from './store.ts';
import './waiting.css';

export function WaitingView() {
  const proposing = useVoterStore((s) => s.submissions?.open ?? false);
  if (proposing) {
    // Between rounds, proposing is the main thing to do: the wait is one line.
    return (
      <>
        <p className="v-wait-strip" role="status">
          <span className="v-wait-dot" aria-hidden="true" />
          You are in. The ballot will appear here.
        </p>
        <ProposeSection variant="main" />
      </>
    );
  }
  return (
    <>
      <section className="v-waiting" aria-labelledby="wait-title">
        <div className="v-wait-icon" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
        <h1 id="wait-title">Waiting for the next vote</h1>
        <p>You are in. Keep this page open: the ballot appears here by itself when voting starts.</p>
      </section>
      <ProposeSection variant="after" />
    </>
  );
}

export function ClosedView() {
  const { proposals, myBallot, question } = useVoterStore(
    useShallow((s) => ({ proposals: s.current?.proposals ?? [], myBallot: s.myBallot, question: s.current?.round.question ?? '' })),
  );
  const title = (id: string) => proposals.find((p) => p.id === id)?.title ?? 'a proposal';
  return (
    <>
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
      <ProposeSection variant="after" />
    </>
  );
}

export function JoinProblem() {
  const error = useVoterStore((s) => s.joinError);
  if (error?.code.startsWith('CODE_')) return <CodeEntry />;
  return (
    <section className="v-waiting">
      <h1>{error?.code === 'NOT_FOUND' ? 'Assembly not found' : 'Cannot join'}</h1>
      <p role="alert">{error?.code === 'NOT_FOUND' ? 'This link does not lead to an assembly. Scan the QR code on the screen again.' : error?.message}</p>
    </section>
  );
}

/**
 * Access-code assemblies: what went wrong with the code, in words, and a
 * field for another one. A code from the card's link was already tried.
 */
function CodeEntry() {
  const error = useVoterStore((s) => s.joinError)!;
  const busy = useVoterStore((s) => s.codeBusy);
  const joinWithCode = useVoterStore((s) => s.joinWithCode);
  // A mistyped code is shown again to correct; a used or withdrawn one is not.
  const [code, setCode] = useState(error.code === 'CODE_INVALID' ? (error.tried ?? '') : '');
  const [empty, setEmpty] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const problem = codeProblem(error.code, error.tried ?? null, error.revokedSession ?? false, error.lostAnswer ?? false);
  const isError = error.code !== 'CODE_REQUIRED';

  // After a refusal, the field is ready for the next try.
  useEffect(() => {
    if (isError) input.current?.focus();
  }, [error, isError]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!code.trim()) {
      setEmpty(true);
      input.current?.focus();
      return;
    }
    setEmpty(false);
    joinWithCode(code);
  };
  return (
    <section className="v-code" aria-labelledby="code-title">
      <h1 id="code-title">{problem.title}</h1>
      <p className={isError ? 'v-code-problem' : 'v-code-lead'} id="code-problem" role={isError ? 'alert' : undefined}>
        {problem.text}
      </p>
      <form onSubmit={onSubmit} className="v-code-form" noValidate>
        <label htmlFor="code">{!isError ? 'Access code from your card' : error.revokedSession ? 'Code from your new card' : 'Another access code'}</label>
        <input
          id="code"
          ref={input}
          className="v-code-input"
          value={code}
          onChange={(e) => {
            setCode(e.target.value.toUpperCase());
            setEmpty(false);
          }}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="go"
          maxLength={24}
          placeholder="XXXX-XXXX"
          aria-invalid={empty || (isError && error.code === 'CODE_INVALID') || undefined}
          aria-describedby={`code-hint${empty ? ' code-empty' : ''}`}
        />
        <p id="code-hint" className="v-field-hint">
          8 letters and digits, as printed on the card. The dash is optional.
        </p>
        {empty ? (
          <p id="code-empty" className="v-form-error" role="alert">
            Type the code first.
          </p>
        ) : null}
        <button type="submit" className="btn primary big" disabled={busy}>
          {busy ? 'Checking…' : 'Join'}
        </button>
      </form>
    </section>
  );
}
