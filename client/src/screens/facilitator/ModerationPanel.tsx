import { useEffect, useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LIMITS, SUBMISSION_LIMITS } from '../../../../shared/protocol/schemas.ts';
import type { ProposalView } from '../../../../shared/protocol/views.ts';
import { plural } from '../../lib/format.ts';
import { command, useFacilitatorStore } from './store.ts';
import './proposals.css';
import { FormError } from '../../components/FormError.tsx';

const REASONS = ['A duplicate of another proposal', 'Outside the remit of this assembly', 'Not a proposal', 'Breaks the house rules'];

/**
 * The proposal phase (NHS Citizen): open or close submissions from phones,
 * set how many each person may send, and moderate what comes in: approve,
 * edit, reject with a reason the author sees, merge duplicates.
 */
export function ModerationPanel({ placement }: { placement: 'main' | 'side' }) {
  const proposals = useFacilitatorStore(useShallow((s) => s.assembly?.proposals ?? []));
  const open = useFacilitatorStore((s) => s.assembly?.settings.submissions.open ?? false);
  const pending = proposals.filter((p) => p.status === 'pending');
  // While phones propose (or proposals wait), the queue is the work at hand: it sits in the main column.
  const active = open || pending.length > 0;
  if ((placement === 'main') !== active) return null;
  const closed = proposals.filter((p) => p.status === 'rejected' || p.status === 'merged');
  const approvedFromPhones = proposals.filter((p) => p.submitted && p.status === 'approved').length;
  const rejected = closed.filter((p) => p.status === 'rejected').length;
  const merged = closed.length - rejected;
  const compact = placement === 'side';
  const history = approvedFromPhones + closed.length > 0;
  return (
    <section className={`card mod${compact ? ' compact' : ''}`} aria-labelledby="mod-title">
      <div className="card-head">
        <h2 id="mod-title">Proposals from phones</h2>
        {pending.length > 0 ? (
          <span className="badge mod-pending-badge" data-testid="mod-pending-count">
            {pending.length} to moderate
          </span>
        ) : null}
      </div>
      {compact && !history ? <p className="hint mod-lead">Let participants propose from their phones (NHS Citizen style); you approve each proposal before it can go on a ballot.</p> : null}
      <SubmissionsControl compact={compact} />
      {compact && !history ? null : (
      <p className="mod-counts" aria-label="Moderation counts">
        <span>
          <strong>{pending.length}</strong> waiting
        </span>
        <span>
          <strong>{approvedFromPhones}</strong> approved
        </span>
        <span>
          <strong>{rejected}</strong> rejected
        </span>
        <span>
          <strong>{merged}</strong> merged
        </span>
      </p>
      )}
      {pending.length === 0 ? (
        compact ? null : <p className="muted">Nothing waiting for moderation. New proposals from phones appear here as they arrive.</p>
      ) : (
        <ModerationQueue pending={pending} />
      )}
      {closed.length > 0 ? <ClosedList items={closed} all={proposals} /> : null}
    </section>
  );
}

function SubmissionsControl({ compact }: { compact: boolean }) {
  const settings = useFacilitatorStore((s) => s.assembly?.settings.submissions ?? { open: false, maxPerParticipant: 3 });
  const [max, setMax] = useState(String(settings.maxPerParticipant));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  useEffect(() => setMax(String(settings.maxPerParticipant)), [settings.maxPerParticipant]);

  const n = Number(max);
  const maxValid = Number.isInteger(n) && n >= 1 && n <= 20;
  const dirty = max !== String(settings.maxPerParticipant);
  const save = async (open: boolean) => {
    if (!maxValid) return setError('Between 1 and 20 proposals per person.');
    setBusy(true);
    const r = await command('assembly:update', { submissions: { open, maxPerParticipant: n } });
    setBusy(false);
    setError(r.ok ? null : r.error.message);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(settings.open);
  };
  return (
    <form className={`mod-control${settings.open ? ' is-open' : ''}`} onSubmit={onSubmit} noValidate aria-label="Submissions from phones">
      <p className="mod-state" role="status">
        <span className={`mod-dot${settings.open ? ' on' : ''}`} aria-hidden="true" />
        {settings.open ? 'Phones can send proposals now' : 'Submissions are closed'}
      </p>
      <button type="button" className={`btn${settings.open ? ' danger' : ' primary'}`} disabled={busy} onClick={() => void save(!settings.open)}>
        {settings.open ? 'Close submissions' : 'Open submissions'}
      </button>
      <div className="mod-max">
        <label htmlFor={`${id}-max`}>Per person, at most</label>
        <input id={`${id}-max`} className="narrow-input" type="number" min={1} max={20} value={max} onChange={(e) => setMax(e.target.value)} aria-describedby={`${id}-limits`} />
        {dirty ? (
          <button type="submit" className="btn small" disabled={busy || !maxValid}>
            Save
          </button>
        ) : null}
      </div>
      <p id={`${id}-limits`} className={`hint full${compact ? ' sr-only' : ''}`}>
        Phones send a title ({SUBMISSION_LIMITS.titleMax} characters at most) and a short text (up to {SUBMISSION_LIMITS.descriptionMax}). Nothing goes on a ballot before you approve it.
      </p>
      {error ? (
        <p className="form-error full" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function ModerationQueue({ pending }: { pending: ProposalView[] }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [merging, setMerging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Forget selections of proposals that left the queue.
  const sel = pending.filter((p) => selected.has(p.id)).map((p) => p.id);
  const toggle = (pid: string) => {
    const next = new Set(sel);
    if (next.has(pid)) next.delete(pid);
    else next.add(pid);
    setSelected(next);
    setDone(null);
  };
  const approveSelected = async () => {
    for (const pid of sel) {
      const r = await command('proposal:moderate', { proposalId: pid, action: 'approve' });
      if (!r.ok) return setError(r.error.message);
    }
    setError(null);
    setDone(`Approved ${plural(sel.length, 'proposal')}.`);
    setSelected(new Set());
  };
  const allSelected = sel.length === pending.length;
  return (
    <div className="mod-queue">
      <div className="mod-bulk" role="group" aria-label="Selected proposals">
        <label className="mod-all">
          <input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(pending.map((p) => p.id)))} /> Select all
        </label>
        <span className="muted small" aria-live="polite">
          {sel.length > 0 ? `${sel.length} selected` : 'Select duplicates to merge them'}
        </span>
        <button type="button" className="btn small" disabled={sel.length === 0} onClick={() => void approveSelected()}>
          Approve selected
        </button>
        <button type="button" className="btn small" disabled={sel.length === 0} aria-expanded={merging} onClick={() => setMerging((m) => !m)}>
          Merge selected…
        </button>
      </div>
      {merging && sel.length > 0 ? (
        <MergeForm
          sourceIds={sel}
          pending={pending}
          onDone={(text) => {
            setMerging(false);
            setSelected(new Set());
            setDone(text);
          }}
          onCancel={() => setMerging(false)}
        />
      ) : null}
      <FormError message={error} />
      {done ? (
        <p className="form-ok" role="status">
          {done}
        </p>
      ) : null}
      <ul className="mod-list" aria-label="Waiting for moderation">
        {pending.map((p) => (
          <QueueItem key={p.id} proposal={p} checked={sel.includes(p.id)} onToggle={() => toggle(p.id)} />
        ))}
      </ul>
    </div>
  );
}

function QueueItem({ proposal, checked, onToggle }: { proposal: ProposalView; checked: boolean; onToggle: () => void }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'reject'>('view');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `mod-${proposal.id}`;
  const approve = async () => {
    setBusy(true);
    const r = await command('proposal:moderate', { proposalId: proposal.id, action: 'approve' });
    setBusy(false);
    setError(r.ok ? null : r.error.message);
  };
  return (
    <li className={`mod-item${checked ? ' selected' : ''}`} data-testid="mod-item">
      <input id={`${base}-sel`} type="checkbox" checked={checked} onChange={onToggle} aria-label={`Select “${proposal.title}”`} />
      <div className="mod-body">
        {mode === 'edit' ? (
          <EditSubmission proposal={proposal} done={() => setMode('view')} />
        ) : (
          <>
            <p className="mod-title">{proposal.title}</p>
            {proposal.description ? <p className="mod-desc">{proposal.description}</p> : null}
            {!proposal.submitted ? <p className="hint">Reopened by the facilitator</p> : null}
          </>
        )}
        {mode === 'reject' ? <RejectForm proposal={proposal} done={() => setMode('view')} /> : null}
        <FormError message={error} />
      </div>
      {mode === 'view' ? (
        <div className="row-actions mod-actions">
          <button type="button" className="btn small approve" disabled={busy} onClick={() => void approve()} aria-label={`Approve “${proposal.title}”`}>
            ✓ Approve
          </button>
          <button type="button" className="btn small" onClick={() => setMode('edit')} aria-label={`Edit “${proposal.title}”`}>
            Edit
          </button>
          <button type="button" className="btn small danger" onClick={() => setMode('reject')} aria-label={`Reject “${proposal.title}”`}>
            Reject…
          </button>
        </div>
      ) : null}
    </li>
  );
}

function EditSubmission({ proposal, done }: { proposal: ProposalView; done: () => void }) {
  const [title, setTitle] = useState(proposal.title);
  const [description, setDescription] = useState(proposal.description);
  const [error, setError] = useState<string | null>(null);
  const base = `mod-edit-${proposal.id}`;
  const save = async (andApprove: boolean) => {
    if (!title.trim()) return setError('A proposal needs a title.');
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
    <form className="mod-form" onSubmit={onSubmit} noValidate aria-label={`Edit “${proposal.title}”`}>
      <div className="field">
        <label htmlFor={`${base}-title`}>Title</label>
        <input id={`${base}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.titleMax} />
      </div>
      <div className="field">
        <label htmlFor={`${base}-desc`}>Text</label>
        <textarea id={`${base}-desc`} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={LIMITS.descriptionMax} />
      </div>
      <div className="row">
        <button type="button" className="btn small primary" onClick={() => void save(true)}>
          Save and approve
        </button>
        <button type="submit" className="btn small">
          Save
        </button>
        <button type="button" className="btn small" onClick={done}>
          Cancel
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}

function RejectForm({ proposal, done }: { proposal: ProposalView; done: () => void }) {
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
    <form className="mod-form reject" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={`Reject “${proposal.title}”`}>
      <div className="field">
        <label htmlFor={`${base}-reason`}>Reason (the author sees it)</label>
        <input id={`${base}-reason`} list={`${base}-reasons`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={SUBMISSION_LIMITS.reasonMax} autoFocus />
        <datalist id={`${base}-reasons`}>
          {REASONS.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </div>
      <div className="row">
        <button type="submit" className="btn small danger">
          Reject
        </button>
        <button type="button" className="btn small" onClick={done}>
          Cancel
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}

/**
 * Merges the selected submissions: one becomes (or an approved proposal
 * already on the list is) the target, optionally retitled; the others point
 * to it and their authors are told where they went.
 */
function MergeForm({ sourceIds, pending, onDone, onCancel }: { sourceIds: string[]; pending: ProposalView[]; onDone: (text: string) => void; onCancel: () => void }) {
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
    if (!target) return setError('Choose the proposal to keep.');
    if (sources.length === 0) return setError('Select at least one other proposal to merge into it.');
    if (!title.trim()) return setError('The merged proposal needs a title.');
    const r = await command('proposal:merge', { targetId, sourceIds: sources, ...(title.trim() !== target.title ? { title: title.trim() } : {}) });
    if (!r.ok) return setError(r.error.message);
    onDone(`Merged ${plural(sources.length + (target.status === 'pending' ? 1 : 0), 'proposal')} into “${r.data.title}” (approved).`);
  };
  return (
    <form className="mod-merge" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Merge duplicates">
      <div className="field">
        <label htmlFor={`${id}-target`}>Keep as the one proposal</label>
        <select id={`${id}-target`} value={targetId} onChange={(e) => setTargetId(e.target.value)}>
          {candidates.length > 0 ? (
            <optgroup label="Selected">
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </optgroup>
          ) : null}
          {approved.length > 0 ? (
            <optgroup label="Already approved">
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
        <label htmlFor={`${id}-title`}>Title of the merged proposal</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={LIMITS.titleMax}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <p className="hint">
        {sources.length > 0
          ? `Merges ${sources.map((s) => `“${picked.find((p) => p.id === s)?.title ?? s}”`).join(', ')} into it. The authors are told.`
          : 'Select at least one other proposal to merge into it.'}
      </p>
      <div className="row">
        <button type="submit" className="btn small primary" disabled={sources.length === 0 || !target}>
          Merge
        </button>
        <button type="button" className="btn small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}

function ClosedList({ items, all }: { items: ProposalView[]; all: ProposalView[] }) {
  const [error, setError] = useState<string | null>(null);
  const titleOf = (pid: string | null) => all.find((p) => p.id === pid)?.title ?? 'another proposal';
  const reopen = async (p: ProposalView) => {
    const r = await command('proposal:moderate', { proposalId: p.id, action: 'reopen' });
    setError(r.ok ? null : r.error.message);
  };
  return (
    <details className="mod-closed">
      <summary>
        Rejected and merged ({items.length})
      </summary>
      <ul className="mod-closed-list">
        {items.map((p) => (
          <li key={p.id} className={`mod-closed-item ${p.status}`}>
            <div>
              <span className={`badge mod-${p.status}`}>{p.status === 'rejected' ? 'Rejected' : 'Merged'}</span> <span className="mod-closed-title">{p.title}</span>
              <p className="muted small">
                {p.status === 'merged' ? `into “${titleOf(p.mergedInto)}”` : p.reason ? `Reason: ${p.reason}` : 'No reason given'}
              </p>
            </div>
            <button type="button" className="btn small" onClick={() => void reopen(p)} aria-label={`Reopen “${p.title}”`} title="Back to the moderation queue">
              Reopen
            </button>
          </li>
        ))}
      </ul>
      <FormError message={error} />
    </details>
  );
}
