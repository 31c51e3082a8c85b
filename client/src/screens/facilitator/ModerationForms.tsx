/** The moderation queue's forms: edit a submission, reject it with a reason its author sees, merge duplicates. */
import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LIMITS, SUBMISSION_LIMITS } from '../../../../shared/protocol/schemas.ts';
import type { ProposalView } from '../../../../shared/protocol/views.ts';
import { t } from '../../i18n/i18n.ts';
import { command, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';
import { FormActions } from '../../components/FormActions.tsx';

/** Reasons offered when rejecting (the author reads the chosen one). */
const REASONS = ['console.mod.reason.duplicate', 'console.mod.reason.remit', 'console.mod.reason.notProposal', 'console.mod.reason.rules'] as const;

export function EditSubmission({ proposal, done }: { proposal: ProposalView; done: () => void }) {
  const [title, setTitle] = useState(proposal.title);
  const [description, setDescription] = useState(proposal.description);
  const [error, setError] = useState<string | null>(null);
  const base = `mod-edit-${proposal.id}`;
  const save = async (andApprove: boolean) => {
    if (!title.trim()) return setError(t('console.proposals.needsTitle'));
    const r = await command('proposal:update', { proposalId: proposal.id, patch: { title: title.trim(), description: description.trim() } });
    if (!r.ok) return setError(r.error.message);
    if (andApprove) {
      const a = await command('proposal:moderate', { proposalId: proposal.id, action: 'approve' });
      if (!a.ok) return setError(a.error.message);
    }
    done();
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };
  return (
    <form className="mod-form" onSubmit={onSubmit} noValidate aria-label={t('console.mod.editOne', { title: proposal.title })}>
      <div className="field">
        <label htmlFor={`${base}-title`}>{t('console.proposals.titleField')}</label>
        <input id={`${base}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.titleMax} />
      </div>
      <div className="field">
        <label htmlFor={`${base}-desc`}>{t('console.mod.text')}</label>
        <textarea id={`${base}-desc`} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={LIMITS.descriptionMax} />
      </div>
      <FormActions
        submit={t('console.save')}
        tone="plain"
        onCancel={done}
        before={
          <button type="button" className="btn small primary" onClick={() => void save(true)}>
            {t('console.mod.saveApprove')}
          </button>
        }
      />
      <FormError message={error} />
    </form>
  );
}

export function RejectForm({ proposal, done }: { proposal: ProposalView; done: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const base = `mod-rej-${proposal.id}`;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await command('proposal:moderate', { proposalId: proposal.id, action: 'reject', ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (!r.ok) return setError(r.error.message);
    done();
  };
  return (
    <form className="mod-form reject" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('console.mod.rejectOne', { title: proposal.title })}>
      <div className="field">
        <label htmlFor={`${base}-reason`}>{t('console.mod.reasonLabel')}</label>
        <input id={`${base}-reason`} list={`${base}-reasons`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={SUBMISSION_LIMITS.reasonMax} autoFocus />
        <datalist id={`${base}-reasons`}>
          {REASONS.map((id) => t(id)).map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </div>
      <FormActions submit={t('console.mod.reject')} tone="danger" onCancel={done} />
      <FormError message={error} />
    </form>
  );
}

/**
 * Merges the selected submissions: one becomes (or an approved proposal
 * already on the list is) the target, optionally retitled; the others point
 * to it and their authors are told where they went.
 */
export function MergeForm({ sourceIds, pending, onDone, onCancel }: { sourceIds: string[]; pending: ProposalView[]; onDone: (text: string) => void; onCancel: () => void }) {
  const approved = useFacilitatorStore(useShallow((s) => (s.assembly?.proposals ?? []).filter((p) => p.status === 'approved')));
  const picked = pending.filter((p) => sourceIds.includes(p.id));
  const candidates = picked.length >= 2 ? picked : [];
  const [chosenId, setTargetId] = useState(candidates[0]?.id ?? approved[0]?.id ?? '');
  // The selection can change under the open form: fall back to a target still on offer.
  const offered = [...candidates, ...approved];
  const targetId = offered.some((p) => p.id === chosenId) ? chosenId : (offered[0]?.id ?? '');
  const target = offered.find((p) => p.id === targetId) ?? null;
  const [typed, setTitle] = useState<string | null>(null);
  const title = typed ?? target?.title ?? '';
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const sources = sourceIds.filter((s) => s !== targetId);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!target) return setError(t('console.mod.chooseKeep'));
    if (sources.length === 0) return setError(t('console.mod.selectOther'));
    if (!title.trim()) return setError(t('console.mod.mergedNeedsTitle'));
    const r = await command('proposal:merge', { targetId, sourceIds: sources, ...(title.trim() !== target.title ? { title: title.trim() } : {}) });
    if (!r.ok) return setError(r.error.message);
    onDone(t('console.mod.mergedDone', { n: sources.length + (target.status === 'pending' ? 1 : 0), title: r.data.title }));
  };
  return (
    <form className="mod-merge" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('console.mod.mergeLabel')}>
      <div className="field">
        <label htmlFor={`${id}-target`}>{t('console.mod.keepAs')}</label>
        <select id={`${id}-target`} value={targetId} onChange={(e) => setTargetId(e.target.value)}>
          {candidates.length > 0 ? (
            <optgroup label={t('console.mod.optSelected')}>
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </optgroup>
          ) : null}
          {approved.length > 0 ? (
            <optgroup label={t('console.mod.optApproved')}>
              {approved.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('console.mod.mergedTitle')}</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={LIMITS.titleMax}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <p className="hint">
        {sources.length > 0
          ? t('console.mod.mergesInto', { titles: sources.map((s) => t('common.quoted', { text: picked.find((p) => p.id === s)?.title ?? s })).join(', ') })
          : t('console.mod.selectOther')}
      </p>
      <FormActions submit={t('console.mod.merge')} disabled={sources.length === 0 || !target} onCancel={onCancel} />
      <FormError message={error} />
    </form>
  );
}
