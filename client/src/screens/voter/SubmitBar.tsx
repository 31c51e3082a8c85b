import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../i18n/useI18n.ts';
import { useCssHeight } from '../../lib/useCssHeight.ts';
import { ballotProblem, sameBallot } from './ballotLogic.ts';
import { useVoterStore } from './store.ts';

type Status = { tone: 'ok' | 'warn' | 'error' | 'info'; text: string };

/**
 * Sticky bottom bar: the one send button and the ballot's status, announced
 * politely. An empty ballot (an abstention, rule 6) is never the big
 * button's action: it is a smaller "Abstain…" that asks once more.
 * Sending moves the focus to the status (the button turns disabled once
 * counted), so a screen reader reads the outcome.
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
  const { t } = useI18n();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  useCssHeight(barRef, '--footer-h');
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const problem = ballotProblem(s.draft, s.round.rules);
  const counted = s.myBallot !== null && sameBallot(s.myBallot, s.draft) && !s.pending;
  const locked = s.round.lockBallots && s.myBallot !== null;
  const empty = s.draft.plus.length + s.draft.minus.length === 0;
  const chosen = s.draft.plus.length + s.draft.minus.length;

  let status: Status;
  if (locked) status = { tone: 'ok', text: t('phone.status.countedLocked') };
  else if (s.pending && s.sending) status = { tone: 'info', text: t('phone.status.sending') };
  else if (s.pending) status = { tone: 'warn', text: t(s.connection === 'online' ? 'phone.status.retrying' : 'phone.status.willResend') };
  else if (s.sendError) status = { tone: 'error', text: t('phone.status.notCounted', { reason: s.sendError }) };
  else if (problem) status = { tone: 'error', text: problem };
  else if (counted) status = { tone: 'ok', text: t(empty ? 'phone.status.countedAbstained' : 'phone.status.counted') };
  else if (s.myBallot) status = { tone: 'warn', text: t('phone.status.changesNotSent') };
  else if (empty) status = { tone: 'info', text: t('phone.status.tapFor') };
  else status = { tone: 'info', text: t(s.round.lockBallots ? 'phone.status.notSentLocked' : 'phone.status.notSent') };

  const settled = counted || locked;
  const label = t(settled ? 'phone.send.counted' : s.sending ? 'phone.send.sending' : s.myBallot ? 'phone.send.changes' : 'phone.send.ballot');
  const disabled = settled || s.sending || problem !== null || empty;
  const abstain = empty && !settled && !s.sending && problem === null;
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
      {abstain && confirmEmpty ? (
        <div className="v-abstain-confirm" role="group" aria-labelledby="abstain-q">
          <p id="abstain-q">{t('phone.abstain.q')}</p>
          <div className="row">
            <button
              type="button"
              className="btn"
              onClick={() => {
                setConfirmEmpty(false);
                send();
              }}
            >
              {t('phone.abstain.yes')}
            </button>
            <button type="button" className="btn primary" onClick={() => setConfirmEmpty(false)} autoFocus>
              {t('phone.abstain.back')}
            </button>
          </div>
        </div>
      ) : (
        <div className="v-submit-row">
          <button type="button" className={`btn primary big v-send${settled ? ' counted' : ''}`} disabled={disabled} onClick={send}>
            {label}
          </button>
          {abstain ? (
            <button type="button" className="btn small v-abstain" onClick={() => setConfirmEmpty(true)}>
              {t('phone.abstain')}
            </button>
          ) : long && chosen > 0 ? (
            <a className="v-mine-link" href="#my-choices">
              {t('phone.myChoices.link', { n: chosen })}
            </a>
          ) : null}
        </div>
      )}
    </div>
  );
}
