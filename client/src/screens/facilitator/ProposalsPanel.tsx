import { useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LIMITS } from '../../../../shared/protocol/schemas.ts';
import type { ProposalView } from '../../../../shared/protocol/views.ts';
import { api } from '../../lib/api.ts';
import { parseAmount } from '../../../../shared/domain/index.ts';
import { command, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';
import './proposals.css';
import { t as translate } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/useI18n.ts';


/** Cost-field text: grouped digits in the page's language, no currency symbol (parseAmount reads it back). */
const plainAmount = (n: number) => new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 0 }).format(n);

/** The assembly's language and money formatting, for the panels here. */
function useAssemblyFormat() {
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const currency = useFacilitatorStore((s) => s.assembly?.settings.currency ?? null);
  const i = useI18n();
  return { ...i, lang, amount: (n: number) => i.money(n, currency) };
}

/** Parses a cost field: empty = no cost; thousands separators allowed (shared/domain parseAmount). */
export function parseCost(text: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const n = parseAmount(text);
  if (n === null) return { ok: true, value: null };
  if (!Number.isInteger(n) || n < 0 || n > LIMITS.costMax) return { ok: false, message: translate('console.proposals.costWhole') };
  return { ok: true, value: n };
}

export function ProposalsPanel() {
  const proposals = useFacilitatorStore(useShallow((s) => (s.assembly?.proposals ?? []).filter((p) => p.status === 'approved')));
  const waiting = useFacilitatorStore((s) => (s.assembly?.proposals ?? []).filter((p) => p.status === 'pending').length);
  const [costMode, setCostMode] = useState(false);
  const costed = proposals.filter((p) => p.cost !== null);
  const total = costed.reduce((sum, p) => sum + (p.cost ?? 0), 0);
  const { t, amount } = useAssemblyFormat();
  return (
    <section className="card" aria-labelledby="proposals-title">
      <div className="card-head">
        <h2 id="proposals-title">
          {t('console.proposals.title')} <span className="muted">({proposals.length})</span>
        </h2>
        {proposals.length > 0 ? (
          <button type="button" className="btn small" aria-pressed={costMode} onClick={() => setCostMode((m) => !m)}>
            {t(costMode ? 'console.proposals.costsDone' : 'console.proposals.editCosts')}
          </button>
        ) : null}
      </div>
      {waiting > 0 ? <p className="tie-note">{t('console.proposals.waiting', { n: waiting })}</p> : null}
      {costMode ? (
        <p className="hint" role="status">
          {costed.length > 0
            ? t('console.proposals.costHelpTotal', { n: costed.length, of: proposals.length, total: amount(total) })
            : t('console.proposals.costHelp', { n: costed.length, of: proposals.length })}
        </p>
      ) : (
        <>
          <AddProposal />
          <ImportCsv />
        </>
      )}
      {proposals.length === 0 ? (
        <p className="muted">{t('console.proposals.none')}</p>
      ) : (
        <ol className="proposal-list">
          {proposals.map((p, i) => (
            <ProposalRow key={p.id} proposal={p} index={i} count={proposals.length} costMode={costMode} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** One proposal's cost, saved when it changes (Enter, Tab or leaving the field). */
function CostInput({ proposal }: { proposal: ProposalView }) {
  const { t } = useAssemblyFormat();
  const shown = proposal.cost === null ? '' : plainAmount(proposal.cost);
  const [text, setText] = useState(shown);
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const [last, setLast] = useState(shown);
  if (shown !== last) {
    // Saved here or elsewhere: show the server's value.
    setLast(shown);
    setText(shown);
  }
  const id = `cost-${proposal.id}`;
  const commit = async () => {
    const value = parseAmount(text);
    if (value !== null && (!Number.isInteger(value) || value > LIMITS.costMax)) return setState({ ok: false, text: t('console.proposals.wholeAmount') });
    if (value === proposal.cost) {
      setText(shown);
      return;
    }
    const r = await command('proposal:update', { proposalId: proposal.id, patch: { cost: value } });
    setState(r.ok ? { ok: true, text: '' } : { ok: false, text: r.error.message });
  };
  return (
    <div className="cost-edit">
      <label htmlFor={id} className="sr-only">
        {t('console.proposals.costOf', { title: proposal.title })}
      </label>
      <input
        id={id}
        className="cost-input"
        inputMode="numeric"
        value={text}
        placeholder={t('console.proposals.noCost')}
        onChange={(e) => {
          setText(e.target.value);
          setState(null);
        }}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit();
          }
        }}
        aria-invalid={state && !state.ok ? true : undefined}
        aria-describedby={state ? `${id}-state` : undefined}
      />
      {state ? (
        <span id={`${id}-state`} className={state.ok ? 'form-ok small' : 'form-error small'} role={state.ok ? 'status' : 'alert'}>
          {state.ok ? t('console.proposals.saved') : state.text}
        </span>
      ) : null}
    </div>
  );
}

function AddProposal() {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [cost, setCost] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const { t, lang } = useAssemblyFormat();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const c = parseCost(cost);
    if (!c.ok) return setError(c.message);
    if (!title.trim()) return setError(t('console.proposals.needsTitle'));
    setBusy(true);
    const r = await command('proposal:create', { title: title.trim(), ...(description.trim() ? { description: description.trim() } : {}), ...(c.value !== null ? { cost: c.value } : {}) });
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

function ImportCsv() {
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

function ProposalRow({ proposal, index, count, costMode }: { proposal: ProposalView; index: number; count: number; costMode: boolean }) {
  const ids = useFacilitatorStore(useShallow((s) => (s.assembly?.proposals ?? []).filter((p) => p.status === 'approved').map((p) => p.id)));
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { t, lang, amount } = useAssemblyFormat();

  const move = async (delta: number) => {
    const next = [...ids];
    const j = index + delta;
    if (j < 0 || j >= next.length) return;
    [next[index], next[j]] = [next[j]!, next[index]!];
    const r = await command('proposal:reorder', { proposalIds: next });
    setError(r.ok ? null : r.error.message);
  };
  const remove = async () => {
    const r = await command('proposal:delete', { proposalId: proposal.id });
    setConfirming(false);
    setError(r.ok ? null : r.error.message);
  };

  if (editing) return <EditProposal proposal={proposal} done={() => setEditing(false)} />;
  if (costMode) {
    return (
      <li className="proposal-row costing">
        <div className="proposal-text">
          <span className="proposal-title" lang={lang}>
            {proposal.title}
          </span>
        </div>
        <CostInput proposal={proposal} />
      </li>
    );
  }
  return (
    <li className="proposal-row">
      <div className="proposal-text">
        <span className="proposal-title" lang={lang}>
          {proposal.title}
        </span>
        {proposal.cost !== null ? <span className="muted small"> · {t('console.proposals.cost', { amount: amount(proposal.cost) })}</span> : null}
        {proposal.description ? (
          <p className="muted small clamp2" lang={lang}>
            {proposal.description}
          </p>
        ) : null}
        <FormError message={error} />
      </div>
      <div className="row-actions">
        <button type="button" className="btn icon" onClick={() => void move(-1)} disabled={index === 0} aria-label={t('console.proposals.up', { title: proposal.title })}>
          ↑
        </button>
        <button type="button" className="btn icon" onClick={() => void move(1)} disabled={index === count - 1} aria-label={t('console.proposals.down', { title: proposal.title })}>
          ↓
        </button>
        <button type="button" className="btn small" onClick={() => setEditing(true)} aria-label={t('console.proposals.editLabel', { title: proposal.title })}>
          {t('console.rounds.edit')}
        </button>
        {confirming ? (
          <>
            <button type="button" className="btn small danger" onClick={() => void remove()} aria-label={t('console.proposals.confirmDelete', { title: proposal.title })}>
              {t('console.proposals.deleteQ')}
            </button>
            <button type="button" className="btn small" onClick={() => setConfirming(false)}>
              {t('console.proposals.keep')}
            </button>
          </>
        ) : (
          <button type="button" className="btn small" onClick={() => setConfirming(true)} aria-label={t('console.proposals.deleteLabel', { title: proposal.title })}>
            {t('console.proposals.delete')}
          </button>
        )}
      </div>
    </li>
  );
}

function EditProposal({ proposal, done }: { proposal: ProposalView; done: () => void }) {
  const [title, setTitle] = useState(proposal.title);
  const [description, setDescription] = useState(proposal.description);
  const [cost, setCost] = useState(proposal.cost === null ? '' : String(proposal.cost));
  const [error, setError] = useState<string | null>(null);
  const { t, lang } = useAssemblyFormat();
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const c = parseCost(cost);
    if (!c.ok) return setError(c.message);
    if (!title.trim()) return setError(t('console.proposals.needsTitle'));
    const r = await command('proposal:update', { proposalId: proposal.id, patch: { title: title.trim(), description: description.trim(), cost: c.value } });
    if (!r.ok) return setError(r.error.message);
    done();
  };
  const base = `edit-${proposal.id}`;
  return (
    <li className="proposal-row editing">
      <form className="add-proposal" onSubmit={onSubmit} noValidate aria-label={t('console.proposals.editLabel', { title: proposal.title })}>
        <div className="field grow">
          <label htmlFor={`${base}-title`}>{t('console.proposals.titleField')}</label>
          <input id={`${base}-title`} lang={lang} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.titleMax} />
        </div>
        <div className="field cost">
          <label htmlFor={`${base}-cost`}>{t('results.cost')}</label>
          <input id={`${base}-cost`} value={cost} onChange={(e) => setCost(e.target.value)} inputMode="numeric" />
        </div>
        <div className="field full">
          <label htmlFor={`${base}-desc`}>{t('console.proposals.desc')}</label>
          <textarea id={`${base}-desc`} lang={lang} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={LIMITS.descriptionMax} />
        </div>
        <div className="row full">
          <button type="submit" className="btn primary">
            {t('console.save')}
          </button>
          <button type="button" className="btn" onClick={done}>
            {t('console.cancel')}
          </button>
          <FormError message={error} />
        </div>
      </form>
    </li>
  );
}
