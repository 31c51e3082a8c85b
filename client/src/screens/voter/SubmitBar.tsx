import { useShallow } from 'zustand/react/shallow';
import { ballotProblem, sameBallot } from './ballotLogic.ts';
import { useVoterStore } from './store.ts';

type Status = { tone: 'ok' | 'warn' | 'error' | 'info'; text: string };

/** Sticky bottom bar: the one send button and the ballot's status, announced politely. */
export function SubmitBar() {
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
  const problem = ballotProblem(s.draft, s.round.rules);
  const counted = s.myBallot !== null && sameBallot(s.myBallot, s.draft) && !s.pending;
  const locked = s.round.lockBallots && s.myBallot !== null;
  const empty = s.draft.plus.length + s.draft.minus.length === 0;

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
  else status = { tone: 'info', text: s.round.lockBallots ? 'Not sent yet. Once sent, it cannot be changed.' : 'Not sent yet.' };

  const label = counted || locked ? 'Counted ✓' : s.sending ? 'Sending…' : s.myBallot ? 'Send changes' : empty ? 'Send empty ballot (abstain)' : 'Send ballot';
  const disabled = counted || locked || s.sending || problem !== null;

  return (
    <div className="v-submit">
      <p className={`v-status ${status.tone}`} role="status" aria-live="polite" aria-atomic="true" data-testid="ballot-status">
        {status.text}
      </p>
      <button type="button" className={`btn primary big v-send${counted || locked ? ' counted' : ''}`} disabled={disabled} onClick={s.submit}>
        {label}
      </button>
    </div>
  );
}
