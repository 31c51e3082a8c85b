import { useId, useState } from 'react';
import type { ProfileQuestion } from '../../../../shared/protocol/schemas.ts';
import { slugId } from '../../lib/ids.ts';
import { command, useFacilitatorStore } from './store.ts';
import './profile.css';
import { FormError } from '../../components/FormError.tsx';

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

const TEMPLATES: { label: string; options: string[] }[] = [
  { label: 'Age band', options: ['Under 30', '30–44', '45–59', '60 and over'] },
  { label: 'Neighbourhood', options: ['North', 'South', 'East', 'West', 'Centre'] },
  { label: 'How long have you lived here?', options: ['Under 5 years', '5–20 years', 'Over 20 years'] },
];

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
    if (!label) return { ok: false, message: `Question ${i + 1} needs a text.` };
    if (label.length > 100) return { ok: false, message: `Question ${i + 1} is too long (100 characters at most).` };
    const options = q.options.map((o) => ({ ...o, label: o.label.trim() })).filter((o) => o.label !== '');
    if (options.length < MIN_OPTIONS) return { ok: false, message: `“${label}” needs at least ${MIN_OPTIONS} answers.` };
    if (options.length > MAX_OPTIONS) return { ok: false, message: `“${label}” has more than ${MAX_OPTIONS} answers.` };
    const seen = new Set<string>();
    for (const o of options) {
      if (o.label.length > 60) return { ok: false, message: `The answer “${o.label.slice(0, 30)}…” is too long (60 characters at most).` };
      const k = o.label.toLowerCase();
      if (seen.has(k)) return { ok: false, message: `“${label}” lists the answer “${o.label}” twice.` };
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
  const templates = TEMPLATES.filter((t) => !usedTemplates.has(t.label.toLowerCase()));

  return (
    <section className="card profile" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        Profile questions <span className="muted">({saved.length} of {MAX_QUESTIONS})</span>
      </h2>
      <p className="hint">
        Asked once when a phone joins; anyone can skip them. Results can then be split by answer. A group of fewer than 5 voters is never shown on its own.
      </p>
      {draft.length === 0 ? <p className="muted">No questions: phones go straight to the vote.</p> : null}
      <ol className="profile-list">
        {draft.map((q, i) => (
          <li key={q.key} className="profile-q">
            <div className="field">
              <label htmlFor={`${id}-${q.key}`}>Question {i + 1}</label>
              <div className="row small-gap nowrap">
                <input id={`${id}-${q.key}`} value={q.label} maxLength={100} placeholder="e.g. Age band" onChange={(e) => patchQ(q.key, { label: e.target.value })} />
                <button type="button" className="btn small danger" onClick={() => edit(draft.filter((x) => x.key !== q.key))} aria-label={`Remove question ${i + 1}${q.label ? `: ${q.label}` : ''}`}>
                  Remove
                </button>
              </div>
            </div>
            <fieldset className="profile-options">
              <legend>
                Answers <span className="muted small">({MIN_OPTIONS}–{MAX_OPTIONS})</span>
              </legend>
              <ul>
                {q.options.map((o, j) => (
                  <li key={o.key} className="row small-gap nowrap">
                    <input
                      value={o.label}
                      maxLength={60}
                      aria-label={`Question ${i + 1}, answer ${j + 1}`}
                      placeholder={`Answer ${j + 1}`}
                      onChange={(e) => patchQ(q.key, { options: q.options.map((x) => (x.key === o.key ? { ...x, label: e.target.value } : x)) })}
                    />
                    <button
                      type="button"
                      className="btn icon small"
                      disabled={q.options.length <= MIN_OPTIONS}
                      onClick={() => patchQ(q.key, { options: q.options.filter((x) => x.key !== o.key) })}
                      aria-label={`Remove answer ${j + 1} of question ${i + 1}`}
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
                Add an answer
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="row">
        <button type="button" className="btn small" disabled={draft.length >= MAX_QUESTIONS} onClick={() => addQuestion()}>
          Add a question
        </button>
        {draft.length < MAX_QUESTIONS
          ? templates.map((t) => (
              <button key={t.label} type="button" className="btn small ghost" onClick={() => addQuestion(t.label, t.options)}>
                + {t.label}
              </button>
            ))
          : null}
      </div>
      {dirty ? (
        <div className="row profile-save">
          <button type="button" className="btn primary" disabled={busy} onClick={() => void save()}>
            Save questions
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
            Discard changes
          </button>
          <span className="muted small">Changing answers later can split answers already given.</span>
        </div>
      ) : null}
      <FormError message={error} />
    </section>
  );
}
