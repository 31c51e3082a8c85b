import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/FormError.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { command, useFacilitatorStore } from './store.ts';

/** The assembly's title with "Rename": the new title reaches the projector and every phone at once. */
export function AssemblyTitle() {
  const title = useFacilitatorStore((s) => s.assembly?.title ?? '');
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const next = (draft ?? '').trim();
    if (!next) return setError(t('console.rename.empty'));
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
        <h1 lang={lang}>{title}</h1>
        <button type="button" className="btn small" onClick={() => setDraft(title)}>
          {t('console.rename')}
        </button>
      </div>
    );
  }
  return (
    <form className="fac-rename" onSubmit={save} noValidate>
      <label htmlFor="rename-title" className="sr-only">
        {t('console.rename.label')}
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
        {t('console.rename.save')}
      </button>
      <button type="button" className="btn small" onClick={() => (setDraft(null), setError(null))}>
        {t('console.cancel')}
      </button>
      <FormError message={error} />
    </form>
  );
}
