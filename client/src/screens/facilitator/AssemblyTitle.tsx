import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { command, useFacilitatorStore } from './store.ts';

/** The assembly's title with "Rename": the new title reaches the projector and every phone at once. */
export function AssemblyTitle() {
  const title = useFacilitatorStore((s) => s.assembly?.title ?? '');
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const next = (draft ?? '').trim();
    if (!next) return setError('Give the assembly a title.');
    if (next === title) return setDraft(null);
    setBusy(true);
    const r = await command('assembly:update', { title: next });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setDraft(null);
  };
  if (draft === null) {
    return (
      <div className="fac-title-line">
        <h1>{title}</h1>
        <button type="button" className="btn small" onClick={() => setDraft(title)}>
          Rename
        </button>
      </div>
    );
  }
  return (
    <form className="fac-rename" onSubmit={save} noValidate>
      <label htmlFor="rename-title" className="sr-only">
        Assembly title
      </label>
      <input
        id="rename-title"
        value={draft}
        maxLength={200}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
        }}
        aria-invalid={error ? true : undefined}
      />
      <button type="submit" className="btn small primary" disabled={busy}>
        Save title
      </button>
      <button type="button" className="btn small" onClick={() => (setDraft(null), setError(null))}>
        Cancel
      </button>
      <FormError message={error} />
    </form>
  );
}
