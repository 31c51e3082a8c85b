/** Adding proposals in the console: one by one, or many from a CSV file. */
import { useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../../shared/protocol/schemas.ts';
import { api } from '../../lib/api.ts';
import { command, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';
import { useI18n } from '../../i18n/useI18n.ts';

import { readProposalForm, useAssemblyFormat } from './proposalFields.ts';

/** Adds one proposal: title, description, optional cost. */
export function AddProposal() {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [cost, setCost] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const { t, lang } = useAssemblyFormat();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const form = readProposalForm(title, description, cost);
    if (!form.ok) return setError(form.message);
    const { value } = form;
    setBusy(true);
    const r = await command('proposal:create', { title: value.title, ...(value.description ? { description: value.description } : {}), ...(value.cost !== null ? { cost: value.cost } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setTitle('');
    setDescription('');
    setCost('');
    titleRef.current?.focus();
  };
  return (
    <form className="add-proposal" onSubmit={onSubmit} noValidate aria-label={t('console.proposals.addLabel')}>
      <div className="field grow">
        <label htmlFor="new-title">{t('console.proposals.titleField')}</label>
        <input id="new-title" lang={lang} ref={titleRef} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.titleMax} />
      </div>
      <div className="field cost">
        <label htmlFor="new-cost">{t('console.proposals.costOptional')}</label>
        <input id="new-cost" value={cost} onChange={(e) => setCost(e.target.value)} inputMode="numeric" />
      </div>
      <div className="field full">
        <label htmlFor="new-desc">{t('console.proposals.descOptional')}</label>
        <textarea id="new-desc" lang={lang} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={LIMITS.descriptionMax} />
      </div>
      <div className="row full">
        <button type="submit" className="btn primary" disabled={busy}>
          {t('console.proposals.add')}
        </button>
        <FormError message={error} />
      </div>
    </form>
  );
}

/** Imports proposals from a CSV file (title, description, cost). */
export function ImportCsv() {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const token = useFacilitatorStore((s) => s.token);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();
  const onFile = async (file: File | undefined) => {
    if (!file || !token) return;
    if (file.size > LIMITS.csvImportMaxBytes) return setMessage({ ok: false, text: t('console.proposals.fileTooLarge', { kb: LIMITS.csvImportMaxBytes / 1024 }) });
    setBusy(true);
    const text = await file.text();
    const r = await api.importProposals(assemblyId, token, text);
    setBusy(false);
    setMessage(r.ok ? { ok: true, text: t('console.proposals.imported', { n: r.data.length, file: file.name }) } : { ok: false, text: r.error.message });
  };
  return (
    <div className="import-csv">
      <label htmlFor="csv-file" className="btn">
        {t(busy ? 'console.proposals.importing' : 'console.proposals.import')}
      </label>
      <input
        id="csv-file"
        className="visually-hidden-file"
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(e) => {
          void onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <span className="muted small">{t('console.proposals.csvHelp')}</span>
      {message ? (
        <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
