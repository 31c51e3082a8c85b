import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LIMITS } from '../../../../shared/protocol/schemas.ts';
import type { ProposalView } from '../../../../shared/protocol/views.ts';
import { parseAmount } from '../../../../shared/domain/index.ts';
import { command, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import './proposals.css';
import { AddProposal, ImportCsv } from './ProposalAdd.tsx';
import { plainAmount, readProposalForm, useAssemblyFormat } from './proposalFields.ts';

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
    const form = readProposalForm(title, description, cost);
    if (!form.ok) return setError(form.message);
    const r = await command('proposal:update', { proposalId: proposal.id, patch: form.value });
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
        <FormActions submit={t('console.save')} small={false} className="row full" onCancel={done}>
          <FormError message={error} />
        </FormActions>
      </form>
    </li>
  );
}
