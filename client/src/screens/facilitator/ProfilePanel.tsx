import { useId, useState } from 'react';
import type { ProfileQuestion } from '../../../../shared/protocol/schemas.ts';
import { slugId } from '../../lib/ids.ts';
import { command, useFacilitatorStore } from './store.ts';
import './profile.css';
import { FormError } from '../../components/FormError.tsx';
import { t } from '../../i18n/i18n.ts';

const MAX_QUESTIONS = 5;
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 12;

/** An option or question being edited: id is null until it is first saved. */
interface DraftOption {
  key: string;
  id: string | null;
  label: string;
}
interface DraftQuestion {
  key: string;
  id: string | null;
  label: string;
  options: DraftOption[];
}

/** Ready-made questions, in the console's language; each answer list is one catalog message, answers separated by "|". */
const templatesNow = (): { label: string; options: string[] }[] =>
  (['age', 'area', 'years'] as const).map((k) => ({ label: t(`console.profile.tpl.${k}`), options: t(`console.profile.tpl.${k}.options`).split('|') }));

let keySeq = 0;
const newKey = () => `k${++keySeq}`;

function toDraft(profile: readonly ProfileQuestion[]): DraftQuestion[] {
  return profile.map((q) => ({ key: newKey(), id: q.id, label: q.label, options: q.options.map((o) => ({ key: newKey(), id: o.id, label: o.label })) }));
}

/** Checks the draft and gives it stable ids: saved ones keep theirs (answers refer to them), new ones get one from their label. */
function toProfile(draft: readonly DraftQuestion[]): { ok: true; profile: ProfileQuestion[] } | { ok: false; message: string } {
  const qIds = new Set(draft.map((q) => q.id).filter((x): x is string => x !== null));
  const out: ProfileQuestion[] = [];
  for (const [i, q] of draft.entries()) {
    const label = q.label.trim();
    if (!label) return { ok: false, message: t('console.profile.err.noText', { n: i + 1 }) };
    if (label.length > 100) return { ok: false, message: t('console.profile.err.tooLong', { n: i + 1, max: 100 }) };
    const options = q.options.map((o) => ({ ...o, label: o.label.trim() })).filter((o) => o.label !== '');
    if (options.length < MIN_OPTIONS) return { ok: false, message: t('console.profile.err.fewAnswers', { label, min: MIN_OPTIONS }) };
    if (options.length > MAX_OPTIONS) return { ok: false, message: t('console.profile.err.manyAnswers', { label, max: MAX_OPTIONS }) };
    const seen = new Set<string>();
    for (const o of options) {
      if (o.label.length > 60) return { ok: false, message: t('console.profile.err.answerLong', { answer: o.label.slice(0, 30), max: 60 }) };
      const k = o.label.toLowerCase();
      if (seen.has(k)) return { ok: false, message: t('console.profile.err.twice', { label, answer: o.label }) };
      seen.add(k);
    }
    let qid = q.id;
    if (!qid) {
      qid = slugId(label, qIds, `q${i + 1}`);
      qIds.add(qid);
    }
    const oIds = new Set(options.map((o) => o.id).filter((x): x is string => x !== null));
    out.push({
      id: qid,
      label,
      options: options.map((o, j) => {
        if (o.id) return { id: o.id, label: o.label };
        const oid = slugId(o.label, oIds, `a${j + 1}`);
        oIds.add(oid);
        return { id: oid, label: o.label };
      }),
    });
  }
  return { ok: true, profile: out };
}

/**
 * Profile questions (Prague 10, Říčany): up to five, each with 2–12
 * answers, asked once when a phone joins, always skippable. Results can
 * then be split by answer; a group of fewer than five voters is never shown.
 */
export function ProfilePanel() {
  const profile = useFacilitatorStore((s) => s.assembly?.settings.profile ?? []);
  // A new editor whenever the saved questions change (here or in another console).
  return <ProfileEditor key={JSON.stringify(profile)} saved={profile} />;
}

function ProfileEditor({ saved }: { saved: ProfileQuestion[] }) {
  const [draft, setDraft] = useState<DraftQuestion[]>(() => toDraft(saved));
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const edit = (next: DraftQuestion[]) => {
    setDraft(next);
    setDirty(true);
    setError(null);
  };
  const patchQ = (key: string, patch: Partial<DraftQuestion>) => edit(draft.map((q) => (q.key === key ? { ...q, ...patch } : q)));
  const addQuestion = (label = '', options: string[] = ['', '']) =>
    edit([...draft, { key: newKey(), id: null, label, options: options.map((o) => ({ key: newKey(), id: null, label: o })) }]);

  const save = async () => {
    const checked = toProfile(draft);
    if (!checked.ok) return setError(checked.message);
    setBusy(true);
    const r = await command('assembly:update', { profile: checked.profile });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setDirty(false);
    setError(null);
  };
  const usedTemplates = new Set(draft.map((q) => q.label.trim().toLowerCase()));
  const templates = templatesNow().filter((x) => !usedTemplates.has(x.label.toLowerCase()));

  return (
    <section className="card profile" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {t('console.profile.title')} <span className="muted">({t('console.profile.count', { n: saved.length, max: MAX_QUESTIONS })})</span>
      </h2>
      <p className="hint">{t('console.profile.hint', { min: 5 })}</p>
      {draft.length === 0 ? <p className="muted">{t('console.profile.none')}</p> : null}
      <ol className="profile-list">
        {draft.map((q, i) => (
          <li key={q.key} className="profile-q">
            <div className="field">
              <label htmlFor={`${id}-${q.key}`}>{t('console.profile.question', { n: i + 1 })}</label>
              <div className="row small-gap nowrap">
                <input id={`${id}-${q.key}`} value={q.label} maxLength={100} placeholder={t('console.profile.placeholder')} onChange={(e) => patchQ(q.key, { label: e.target.value })} />
                <button type="button" className="btn small danger" onClick={() => edit(draft.filter((x) => x.key !== q.key))} aria-label={t('console.profile.removeQ', { n: i + 1, label: q.label })}>
                  {t('console.profile.remove')}
                </button>
              </div>
            </div>
            <fieldset className="profile-options">
              <legend>
                {t('console.profile.answers')} <span className="muted small">({MIN_OPTIONS}–{MAX_OPTIONS})</span>
              </legend>
              <ul>
                {q.options.map((o, j) => (
                  <li key={o.key} className="row small-gap nowrap">
                    <input
                      value={o.label}
                      maxLength={60}
                      aria-label={t('console.profile.answerOf', { q: i + 1, n: j + 1 })}
                      placeholder={t('console.profile.answer', { n: j + 1 })}
                      onChange={(e) => patchQ(q.key, { options: q.options.map((x) => (x.key === o.key ? { ...x, label: e.target.value } : x)) })}
                    />
                    <button
                      type="button"
                      className="btn icon small"
                      disabled={q.options.length <= MIN_OPTIONS}
                      onClick={() => patchQ(q.key, { options: q.options.filter((x) => x.key !== o.key) })}
                      aria-label={t('console.profile.removeA', { q: i + 1, n: j + 1 })}
                    >
                      ✕
                    </button>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="btn small"
                disabled={q.options.length >= MAX_OPTIONS}
                onClick={() => patchQ(q.key, { options: [...q.options, { key: newKey(), id: null, label: '' }] })}
              >
                {t('console.profile.addAnswer')}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="row">
        <button type="button" className="btn small" disabled={draft.length >= MAX_QUESTIONS} onClick={() => addQuestion()}>
          {t('console.profile.addQuestion')}
        </button>
        {draft.length < MAX_QUESTIONS
          ? templates.map((x) => (
              <button key={x.label} type="button" className="btn small ghost" onClick={() => addQuestion(x.label, x.options)}>
                + {x.label}
              </button>
            ))
          : null}
      </div>
      {dirty ? (
        <div className="row profile-save">
          <button type="button" className="btn primary" disabled={busy} onClick={() => void save()}>
            {t('console.profile.save')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(toDraft(saved));
              setDirty(false);
              setError(null);
            }}
          >
            {t('console.profile.discard')}
          </button>
          <span className="muted small">{t('console.profile.changeWarn')}</span>
        </div>
      ) : null}
      <FormError message={error} />
    </section>
  );
}
