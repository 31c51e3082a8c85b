import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ballotProblem, sameBallot } from './ballotLogic.ts';
import { useVoterStore } from './store.ts';

type Status = { tone: 'ok' | 'warn' | 'error' | 'info'; text: string };

/**
 * Sticky bottom bar: the one send button and the ballot's status, announced
 * politely. An empty ballot (an abstention, rule 6) is never the big
 * button's action: it is a smaller "Abstain…" that asks once more.
 */
export function SubmitBar({ long = false }: { long?: boolean }) {
  const s = useVoterStore(
    useShallow((st) => ({
      round: st.current!.round,
      draft: st.draft,
      myBallot: st.myBallot,
      pending: st.pending,
      sending: st.sending,
      sendError: st.sendError,
      connection: st.connection,
      submit: st.submit,
    })),
  );
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const problem = ballotProblem(s.draft, s.round.rules);
  const counted = s.myBallot !== null && sameBallot(s.myBallot, s.draft) && !s.pending;
  const locked = s.round.lockBallots && s.myBallot !== null;
  const empty = s.draft.plus.length + s.draft.minus.length === 0;
  const chosen = s.draft.plus.length + s.draft.minus.length;

  let status: Status;
  if (locked) status = { tone: 'ok', text: '✓ Your ballot is counted. Ballots in this round cannot be changed once cast.' };
  else if (s.pending && s.sending) status = { tone: 'info', text: 'Sending your ballot…' };
  else if (s.pending)
    status = {
      tone: 'warn',
      text:
        s.connection === 'online'
          ? 'Not confirmed yet. Trying again…'
          : 'Not confirmed yet. It will be sent again by itself when the connection is back.',
    };
  else if (s.sendError) status = { tone: 'error', text: `Not counted: ${s.sendError}` };
  else if (problem) status = { tone: 'error', text: problem };
  else if (counted) status = { tone: 'ok', text: empty ? '✓ Your ballot is counted (you abstained).' : '✓ Your ballot is counted.' };
  else if (s.myBallot) status = { tone: 'warn', text: 'Changes not sent. Your earlier ballot still counts.' };
  else if (empty) status = { tone: 'info', text: 'Tap “For” on the proposals you support.' };
  else status = { tone: 'info', text: s.round.lockBallots ? 'Not sent yet. Once sent, it cannot be changed.' : 'Not sent yet.' };

  const settled = counted || locked;
  const label = settled ? 'Counted ✓' : s.sending ? 'Sending…' : s.myBallot ? 'Send changes' : 'Send ballot';
  const disabled = settled || s.sending || problem !== null || empty;
  const abstain = empty && !settled && !s.sending && problem === null;

  return (
    <div className="v-submit">
      <p className={`v-status ${status.tone}`} role="status" aria-live="polite" aria-atomic="true" data-testid="ballot-status">
        {status.text}
      </p>
      {abstain && confirmEmpty ? (
        <div className="v-abstain-confirm" role="group" aria-labelledby="abstain-q">
          <p id="abstain-q">Send an empty ballot? You take part without supporting or opposing anything.</p>
          <div className="row">
            <button
              type="button"
              className="btn"
              onClick={() => {
                setConfirmEmpty(false);
                s.submit();
              }}
            >
              Yes, abstain
            </button>
            <button type="button" className="btn primary" onClick={() => setConfirmEmpty(false)} autoFocus>
              Back to the ballot
            </button>
          </div>
        </div>
      ) : (
        <div className="v-submit-row">
          <button type="button" className={`btn primary big v-send${settled ? ' counted' : ''}`} disabled={disabled} onClick={s.submit}>
            {label}
          </button>
          {abstain ? (
            <button type="button" className="btn small v-abstain" onClick={() => setConfirmEmpty(true)}>
              Abstain…
            </button>
          ) : long && chosen > 0 ? (
            <a className="v-mine-link" href="#my-choices">
              My choices ({chosen})
            </a>
          ) : null}
        </div>
      )}
    </div>
  );
}
