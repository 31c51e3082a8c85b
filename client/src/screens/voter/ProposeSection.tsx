import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SubmissionView } from '../../../../shared/protocol/views.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { newBallotId } from '../../lib/ids.ts';
import { PROPOSAL_LIMITS as SUBMISSION_LIMITS, proposalProblem, statusDetail, statusLabel, usedLine } from './messages.ts';
import { addSubmission, refreshState, useVoterStore, visitorStorage, voterCommand } from './store.ts';
import './propose.css';

const TITLE_MIN = SUBMISSION_LIMITS.titleMin;
const draftKey = (assemblyId: string) => `d21:propose:${assemblyId}`;

type Variant = 'main' | 'after' | 'ballot';

/**
 * The proposal phase on the phone (NHS Citizen: the public proposes): a form
 * while the facilitator takes proposals, and this phone's own proposals with
 * their moderation status, updated live. `main` is the content between
 * rounds; `after` sits under a closed round's receipt; `ballot` is folded
 * away under an open ballot, which comes first.
 */
export function ProposeSection({ variant }: { variant: Variant }) {
  const sub = useVoterStore(useShallow((s) => (s.submissions ? { open: s.submissions.open, max: s.submissions.maxPerParticipant, mine: s.submissions.mine } : null)));
  const { t } = useI18n();
  if (!sub || (!sub.open && sub.mine.length === 0)) return null;
  const used = sub.mine.length;
  const full = used >= sub.max;

  const body = (
    <>
      {sub.open && !full ? <ProposalForm used={used} max={sub.max} /> : null}
      {sub.open && full ? (
        <p className="v-propose-state">{t('phone.propose.usedAllThanks', { max: sub.max })}</p>
      ) : null}
      {!sub.open ? <p className="v-propose-state">{t('phone.propose.closedNow')}</p> : null}
      <MySubmissions mine={sub.mine} level={variant === 'main' ? 2 : 3} />
    </>
  );

  if (variant === 'ballot') {
    return (
      <details className="v-propose v-propose-folded">
        <summary>
          <span>{t(sub.open && !full ? 'phone.propose.title' : 'phone.propose.yours')}</span>
          <span className="v-summary-note">{usedLine(used, sub.max)}</span>
        </summary>
        {body}
      </details>
    );
  }
  const Heading = variant === 'main' ? 'h1' : 'h2';
  const showMine = () => {
    const el = document.getElementById('my-proposals');
    el?.scrollIntoView({ block: 'start' });
    el?.focus();
  };
  return (
    <section className={`v-propose v-propose-${variant}`} aria-labelledby="propose-title">
      <Heading id="propose-title" className="v-propose-title">
        {t(sub.open && !full ? 'phone.propose.title' : 'phone.propose.yours')}
      </Heading>
      {sub.open && !full ? <p className="v-propose-lead">{t('phone.propose.lead')}</p> : null}
      <p className="v-propose-tally">
        <strong>{usedLine(used, sub.max)}.</strong>
        {used > 0 ? (
          <>
            {' '}
            <button type="button" className="v-linkish" onClick={showMine}>
              {t('phone.propose.seeYours', { tally: tallyWords(sub.mine, t) })}
            </button>
          </>
        ) : null}
      </p>
      {body}
    </section>
  );
}

function ProposalForm({ used, max }: { used: number; max: number }) {
  const assemblyId = useVoterStore((s) => s.assemblyId);
  const uid = useId();
  const ids = { title: `${uid}-title`, text: `${uid}-text`, titleHint: `${uid}-th`, titleCount: `${uid}-tc`, textCount: `${uid}-xc`, error: `${uid}-err` };
  // The session's storage as it was when the form appeared: localStorage on a
  // phone, this visitor's own memory on a kiosk (never the next visitor's).
  const [storage] = useState(visitorStorage);
  const [title, setTitle] = useState(() => storage.load<{ title: string; text: string }>(draftKey(assemblyId))?.title ?? '');
  const [text, setText] = useState(() => storage.load<{ title: string; text: string }>(draftKey(assemblyId))?.text ?? '');
  const [error, setError] = useState<{ text: string; field: 'title' | null } | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const submission = useRef<{ key: string; id: string } | null>(null);
  const { t } = useI18n();

  // Typed text survives a reload or a dead battery until it is sent.
  useEffect(() => {
    if (title || text) storage.save(draftKey(assemblyId), { title, text });
    else storage.remove(draftKey(assemblyId));
  }, [storage, assemblyId, title, text]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const typed = title.trim();
    const d = text.trim();
    if (typed.length < TITLE_MIN) {
      setError({ text: t('phone.propose.titleTooShort', { min: TITLE_MIN }), field: 'title' });
      titleRef.current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    setDone(null);
    // One id per proposal text: a resend after a lost reply returns the same proposal.
    const key = `${typed}\u0000${d}`;
    if (submission.current?.key !== key) submission.current = { key, id: newBallotId() };
    const reply = await voterCommand('proposal:submit', { title: typed, ...(d ? { description: d } : {}), submissionId: submission.current.id });
    setSending(false);
    if (reply.ok) {
      setTitle('');
      setText('');
      storage.remove(draftKey(assemblyId));
      submission.current = null;
      setDone(t('phone.propose.sent', { title: reply.data.title }));
      addSubmission(reply.data);
      return;
    }
    const { code, message } = reply.error;
    setError({ text: proposalProblem(code, message, used, max), field: code === 'CONFLICT' || code === 'BAD_REQUEST' ? 'title' : null });
    // The settings or the list may have changed (closed, already arrived): fetch them.
    if (code === 'FORBIDDEN' || code === 'TIMEOUT' || code === 'CONFLICT' || code === 'RATE_LIMITED' || code === 'SUBMISSION_LIMIT') void refreshState();
  };

  return (
    <form className="v-propose-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="v-field">
        <div className="v-field-head">
          <label htmlFor={ids.title}>{t('phone.propose.titleLabel')}</label>
          <CharCount id={ids.titleCount} length={title.length} max={SUBMISSION_LIMITS.titleMax} />
        </div>
        <input
          id={ids.title}
          ref={titleRef}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            if (error?.field === 'title') setError(null);
            setDone(null);
          }}
          maxLength={SUBMISSION_LIMITS.titleMax}
          autoComplete="off"
          enterKeyHint="next"
          aria-invalid={error?.field === 'title' || undefined}
          aria-describedby={`${ids.titleHint} ${ids.titleCount}${error?.field === 'title' ? ` ${ids.error}` : ''}`}
        />
        <p id={ids.titleHint} className="v-field-hint">
          {t('phone.propose.titleHint')}
        </p>
      </div>
      <div className="v-field">
        <div className="v-field-head">
          <label htmlFor={ids.text}>
            {t('phone.propose.details')} <span className="v-optional">{t('common.optional')}</span>
          </label>
          <CharCount id={ids.textCount} length={text.length} max={SUBMISSION_LIMITS.descriptionMax} />
        </div>
        <textarea
          id={ids.text}
          value={text}
          rows={3}
          onChange={(e) => {
            setText(e.target.value);
            setDone(null);
          }}
          maxLength={SUBMISSION_LIMITS.descriptionMax}
          aria-describedby={ids.textCount}
        />
      </div>
      {error ? (
        <p id={ids.error} className="v-form-error" role="alert">
          {error.text}
        </p>
      ) : null}
      <p className="v-form-ok" role="status" aria-live="polite">
        {done}
      </p>
      <button type="submit" className="btn primary big v-propose-send" disabled={sending}>
        {t(sending ? 'phone.propose.sending' : 'phone.propose.send')}
      </button>
    </form>
  );
}

/** "12/120", read as "12 of 120 characters"; a screen reader hears when 20 or fewer are left. */
function CharCount({ id, length, max }: { id: string; length: number; max: number }) {
  const left = max - length;
  const bucket = left <= 0 ? 0 : left <= 20 ? 1 : 2;
  const last = useRef(bucket);
  const [news, setNews] = useState('');
  const { t } = useI18n();
  useEffect(() => {
    if (bucket < last.current) setNews(left <= 0 ? t('phone.chars.none', { max }) : t('phone.chars.left', { left }));
    last.current = bucket;
  }, [bucket, left, max, t]);
  return (
    <>
      <span id={id} className={`v-count${left <= 20 ? ' near' : ''}`}>
        <span aria-hidden="true">
          {length}/{max}
        </span>
        <span className="sr-only">
          {t('phone.chars.of', { length, max })}
        </span>
      </span>
      <span className="sr-only" aria-live="polite">
        {news}
      </span>
    </>
  );
}

/** "1 approved, 1 not accepted" (what happened to the phone's proposals so far). */
function tallyWords(mine: SubmissionView[], t: ReturnType<typeof useI18n>['t']): string {
  const n = (st: SubmissionView['status']) => mine.filter((m) => m.status === st).length;
  const parts = [
    [n('approved'), 'phone.propose.tally.approved'],
    [n('merged'), 'phone.propose.tally.merged'],
    [n('rejected'), 'phone.propose.tally.rejected'],
    [n('pending'), 'phone.propose.tally.pending'],
  ] as const;
  return parts
    .filter(([k]) => k > 0)
    .map(([count, id]) => t(id, { count }))
    .join(', ');
}

function MySubmissions({ mine, level }: { mine: SubmissionView[]; level: 2 | 3 }) {
  const { t } = useI18n();
  const lang = useVoterStore((s) => s.assembly?.language);
  if (mine.length === 0) return null;
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <div className="v-subs-block">
      <H className="v-subs-title" id="my-proposals" tabIndex={-1}>
        {t('phone.submissions.title')}
      </H>
      <ul className="v-subs" aria-label={t('phone.submissions.label')}>
        {[...mine].reverse().map((s) => (
          <li key={s.id} className={`v-sub status-${s.status}`} data-testid="my-proposal">
            <p className="v-sub-title" lang={lang}>
              {s.title}
            </p>
            <p className="v-sub-status">
              <span className={`v-sub-badge status-${s.status}`}>{statusLabel(s.status)}</span>
            </p>
            <p className="v-sub-detail">{statusDetail(s)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
