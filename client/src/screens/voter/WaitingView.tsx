import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { errorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { codeProblem } from './messages.ts';
import { PhoneResults } from './PhoneResults.tsx';
import { ProposeSection } from './ProposeSection.tsx';
import { isKiosk, useVoterStore } from './store.ts';
import './waiting.css';

export function WaitingView() {
  const proposing = useVoterStore((s) => s.submissions?.open ?? false);
  const { t } = useI18n();
  if (proposing) {
    // Between rounds, proposing is the main thing to do: the wait is one line.
    return (
      <>
        <p className="v-wait-strip" role="status">
          <span className="v-wait-dot" aria-hidden="true" />
          {t('phone.wait.strip')}
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
        <h1 id="wait-title">{t('phone.wait.title')}</h1>
        <p>{t('phone.wait.text')}</p>
      </section>
      <ProposeSection variant="after" />
    </>
  );
}

export function ClosedView() {
  const { proposals, myBallot, question } = useVoterStore(
    useShallow((s) => ({ proposals: s.current?.proposals ?? [], myBallot: s.myBallot, question: s.current?.round.question ?? '' })),
  );
  const lang = useVoterStore((s) => s.assembly?.language);
  const published = useVoterStore((s) => Boolean(s.current?.results));
  const { t } = useI18n();
  const title = (id: string) => proposals.find((p) => p.id === id)?.title ?? t('phone.closed.aProposal');
  return (
    <>
      <section className="v-waiting" aria-labelledby="closed-title">
        <h1 id="closed-title">{t('phone.closed.title')}</h1>
        {question ? (
          <p className="v-closed-question" lang={lang}>
            {question}
          </p>
        ) : null}
        {myBallot ? (
          <div className="v-receipt">
            <p className="v-counted-line">{t('phone.closed.counted')}</p>
            {myBallot.plus.length + myBallot.minus.length === 0 ? (
              <p>{t('phone.closed.abstained')}</p>
            ) : (
              <ul className="v-receipt-list">
                {myBallot.plus.map((id) => (
                  <li key={id}>
                    <span className="tag plus" role="img" aria-label={t('common.plusVote')}>
                      +
                    </span>{' '}
                    <span lang={lang}>{title(id)}</span>
                  </li>
                ))}
                {myBallot.minus.map((id) => (
                  <li key={id}>
                    <span className="tag minus" role="img" aria-label={t('common.minusVote')}>
                      −
                    </span>{' '}
                    <span lang={lang}>{title(id)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          <p>{t('phone.closed.didNotVote')}</p>
        )}
        <p>{t(published ? 'phone.closed.nextPublished' : 'phone.closed.next')}</p>
      </section>
      <PhoneResults />
      <ProposeSection variant="after" />
    </>
  );
}

export function JoinProblem() {
  const error = useVoterStore((s) => s.joinError);
  const { t } = useI18n();
  if (error?.code.startsWith('CODE_')) return <CodeEntry />;
  return (
    <section className="v-waiting">
      <h1>{t(error?.code === 'NOT_FOUND' ? 'phone.join.notFound' : 'phone.join.cannot')}</h1>
      <p role="alert">{error?.code === 'NOT_FOUND' ? t('phone.join.notFoundText') : errorText(error)}</p>
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
  const { t } = useI18n();
  const problem = codeProblem(error.code, error.tried ?? null, error.revokedSession ?? false, error.lostAnswer ?? false, isKiosk);
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
        <label htmlFor="code">{t(!isError ? 'phone.code.label' : error.revokedSession ? 'phone.code.labelNewCard' : 'phone.code.labelAnother')}</label>
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
          {t('phone.code.hint')}
        </p>
        {empty ? (
          <p id="code-empty" className="v-form-error" role="alert">
            {t('phone.code.empty')}
          </p>
        ) : null}
        <button type="submit" className="btn primary big" disabled={busy}>
          {t(busy ? 'phone.code.checking' : 'phone.code.join')}
        </button>
      </form>
    </section>
  );
}
