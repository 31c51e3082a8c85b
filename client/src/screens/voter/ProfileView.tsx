import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t as translate } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { useVoterStore } from './store.ts';
import './profile.css';

/** The value of "Prefer not to say" in a radio group: sent as null. */
const NONE = '';

/**
 * The facilitator's profile questions (Prague 10, Říčany), asked once right
 * after joining and skippable as a whole. One radio group per question,
 * each with "Prefer not to say".
 */
export function ProfileView() {
  const questions = useVoterStore(useShallow((s) => s.profile?.questions ?? []));
  const answerProfile = useVoterStore((s) => s.answerProfile);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const lang = useVoterStore((s) => s.assembly?.language);
  const { t } = useI18n();

  // The screen comes before anything else: start a screen reader here.
  useEffect(() => heading.current?.focus(), []);

  const finish = (skipAll: boolean) => {
    const answers: Record<string, string | null> = {};
    for (const q of questions) {
      const v = skipAll ? undefined : chosen[q.id];
      answers[q.id] = v === undefined || v === NONE ? null : v;
    }
    answerProfile(answers);
    useVoterStore.setState({ news: translate(skipAll ? 'phone.profile.skipped' : 'phone.profile.saved') });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    finish(false);
  };
  const answeredCount = questions.filter((q) => chosen[q.id] !== undefined).length;

  return (
    <section className="v-profile" aria-labelledby="profile-title">
      <h1 id="profile-title" tabIndex={-1} ref={heading}>
        {t('phone.profile.title', { count: questions.length })}
      </h1>
      <p className="v-profile-why" id="profile-why">
        {t('phone.profile.why', { min: 5 })}
      </p>
      <form onSubmit={onSubmit} aria-describedby="profile-why">
        {questions.map((q) => (
          <fieldset key={q.id} className="v-choice">
            <legend lang={lang}>{q.label}</legend>
            {[...q.options, { id: NONE, label: t('phone.profile.preferNot') }].map((o) => (
              <label key={o.id || 'none'} className={`v-option${o.id === NONE ? ' v-option-none' : ''}`}>
                <input
                  type="radio"
                  name={`q-${q.id}`}
                  value={o.id}
                  checked={chosen[q.id] === o.id}
                  onChange={() => setChosen((c) => ({ ...c, [q.id]: o.id }))}
                />
                <span lang={o.id === NONE ? undefined : lang}>{o.label}</span>
              </label>
            ))}
          </fieldset>
        ))}
        <div className="v-profile-actions">
          <button type="submit" className="btn primary big">
            {t(answeredCount === 0 ? 'phone.profile.continueWithout' : 'phone.profile.continue')}
          </button>
          <button type="button" className="btn big v-skip" onClick={() => finish(true)}>
            {t('phone.profile.skip')}
          </button>
        </div>
        <p className="v-profile-note">{t('phone.profile.note', { min: 5 })}</p>
      </form>
    </section>
  );
}
