import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../i18n/useI18n.ts';
import { useCssHeight } from '../../lib/useCssHeight.ts';
import { ballotProblem, sameBallot } from './ballotLogic.ts';
import { useVoterStore } from './store.ts';

type Status = { tone: 'ok' | 'warn' | 'error' | 'info'; text: string };

/**
 * Sticky bottom bar: the one send button and the ballot's status, announced
 * politely. Sending moves the focus to the status (the button turns
 * disabled once counted), so a screen reader reads the outcome.
 */
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
  const { t } = useI18n();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  useCssHeight(barRef, '--footer-h');
  const problem = ballotProblem(s.draft, s.round.rules);
  const counted = s.myBallot !== null && sameBallot(s.myBallot, s.draft) && !s.pending;
  const locked = s.round.lockBallots && s.myBallot !== null;
  const empty = s.draft.plus.length + s.draft.minus.length === 0;

  let status: Status;
  if (locked) status = { tone: 'ok', text: t('phone.status.countedLocked') };
  else if (s.pending && s.sending) status = { tone: 'info', text: t('phone.status.sending') };
  else if (s.pending) status = { tone: 'warn', text: t(s.connection === 'online' ? 'phone.status.retrying' : 'phone.status.willResend') };
  else if (s.sendError) status = { tone: 'error', text: t('phone.status.notCounted', { reason: s.sendError }) };
  else if (problem) status = { tone: 'error', text: problem };
  else if (counted) status = { tone: 'ok', text: t(empty ? 'phone.status.countedAbstained' : 'phone.status.counted') };
  else if (s.myBallot) status = { tone: 'warn', text: t('phone.status.changesNotSent') };
  else status = { tone: 'info', text: t(s.round.lockBallots ? 'phone.status.notSentLocked' : 'phone.status.notSent') };

  const label = t(
    counted || locked ? 'phone.send.counted' : s.sending ? 'phone.send.sending' : s.myBallot ? 'phone.send.changes' : empty ? 'phone.send.empty' : 'phone.send.ballot',
  );
  const disabled = counted || locked || s.sending || problem !== null;
  const send = () => {
    s.submit();
    statusRef.current?.focus();
  };

  return (
    <div className="v-submit" ref={barRef}>
      <p
        ref={statusRef}
        tabIndex={-1}
        className={`v-status ${status.tone}`}
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="ballot-status"
      >
        {status.text}
      </p>
      <button type="button" className={`btn primary big v-send${counted || locked ? ' counted' : ''}`} disabled={disabled} onClick={send}>
        {label}
      </button>
    </div>
  );
}
