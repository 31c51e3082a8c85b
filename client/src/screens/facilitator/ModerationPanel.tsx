import { useEffect, useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SUBMISSION_LIMITS } from '../../../../shared/protocol/schemas.ts';
import type { ProposalView } from '../../../../shared/protocol/views.ts';
import { t } from '../../i18n/i18n.ts';
import { command, useFacilitatorStore } from './store.ts';
import './proposals.css';
import { FormError } from '../../components/FormError.tsx';
import { EditSubmission, MergeForm, RejectForm } from './ModerationForms.tsx';

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
        <h2 id="mod-title">{t('console.mod.title')}</h2>
        {pending.length > 0 ? (
          <span className="badge mod-pending-badge" data-testid="mod-pending-count">
            {t('console.mod.toModerate', { n: pending.length })}
          </span>
        ) : null}
      </div>
      {compact && !history ? <p className="hint mod-lead">{t('console.mod.lead')}</p> : null}
      <SubmissionsControl compact={compact} />
      {compact && !history ? null : (
      <p className="mod-counts" aria-label={t('console.mod.counts')}>
        <span>
          <strong>{pending.length}</strong> {t('console.mod.count.waiting', { n: pending.length })}
        </span>
        <span>
          <strong>{approvedFromPhones}</strong> {t('console.mod.count.approved', { n: approvedFromPhones })}
        </span>
        <span>
          <strong>{rejected}</strong> {t('console.mod.count.rejected', { n: rejected })}
        </span>
        <span>
          <strong>{merged}</strong> {t('console.mod.count.merged', { n: merged })}
        </span>
      </p>
      )}
      {pending.length === 0 ? (
        compact ? null : <p className="muted">{t('console.mod.nothing')}</p>
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
    if (!maxValid) return setError(t('console.mod.maxRange'));
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
    <form className={`mod-control${settings.open ? ' is-open' : ''}`} onSubmit={onSubmit} noValidate aria-label={t('console.mod.title')}>
      <p className="mod-state" role="status">
        <span className={`mod-dot${settings.open ? ' on' : ''}`} aria-hidden="true" />
        {t(settings.open ? 'console.mod.openNow' : 'console.mod.closedNow')}
      </p>
      <button type="button" className={`btn${settings.open ? ' danger' : ' primary'}`} disabled={busy} onClick={() => void save(!settings.open)}>
        {t(settings.open ? 'console.mod.close' : 'console.mod.open')}
      </button>
      <div className="mod-max">
        <label htmlFor={`${id}-max`}>{t('console.mod.perPerson')}</label>
        <input id={`${id}-max`} className="narrow-input" type="number" min={1} max={20} value={max} onChange={(e) => setMax(e.target.value)} aria-describedby={`${id}-limits`} />
        {dirty ? (
          <button type="submit" className="btn small" disabled={busy || !maxValid}>
            {t('console.save')}
          </button>
        ) : null}
      </div>
      <p id={`${id}-limits`} className={`hint full${compact ? ' sr-only' : ''}`}>
        {t('console.mod.limits', { title: SUBMISSION_LIMITS.titleMax, text: SUBMISSION_LIMITS.descriptionMax })}
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
    setDone(t('console.mod.approvedN', { n: sel.length }));
    setSelected(new Set());
  };
  const allSelected = sel.length === pending.length;
  return (
    <div className="mod-queue">
      <div className="mod-bulk" role="group" aria-label={t('console.mod.selected')}>
        <label className="mod-all">
          <input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(pending.map((p) => p.id)))} /> {t('console.mod.selectAll')}
        </label>
        <span className="muted small" aria-live="polite">
          {sel.length > 0 ? t('console.mod.nSelected', { n: sel.length }) : t('console.mod.selectHint')}
        </span>
        <button type="button" className="btn small" disabled={sel.length === 0} onClick={() => void approveSelected()}>
          {t('console.mod.approveSelected')}
        </button>
        <button type="button" className="btn small" disabled={sel.length === 0} aria-expanded={merging} onClick={() => setMerging((m) => !m)}>
          {t('console.mod.mergeSelected')}
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
      <ul className="mod-list" aria-label={t('submission.status.pending')}>
        {pending.map((p) => (
          <QueueItem key={p.id} proposal={p} checked={sel.includes(p.id)} onToggle={() => toggle(p.id)} />
        ))}
      </ul>
    </div>
  );
}

function QueueItem({ proposal, checked, onToggle }: { proposal: ProposalView; checked: boolean; onToggle: () => void }) {
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
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
      <input id={`${base}-sel`} type="checkbox" checked={checked} onChange={onToggle} aria-label={t('console.mod.selectOne', { title: proposal.title })} />
      <div className="mod-body">
        {mode === 'edit' ? (
          <EditSubmission proposal={proposal} done={() => setMode('view')} />
        ) : (
          <>
            <p className="mod-title" lang={lang}>
              {proposal.title}
            </p>
            {proposal.description ? (
              <p className="mod-desc" lang={lang}>
                {proposal.description}
              </p>
            ) : null}
            {!proposal.submitted ? <p className="hint">{t('console.mod.reopenedBy')}</p> : null}
          </>
        )}
        {mode === 'reject' ? <RejectForm proposal={proposal} done={() => setMode('view')} /> : null}
        <FormError message={error} />
      </div>
      {mode === 'view' ? (
        <div className="row-actions mod-actions">
          <button type="button" className="btn small approve" disabled={busy} onClick={() => void approve()} aria-label={t('console.mod.approveOne', { title: proposal.title })}>
            ✓ {t('console.mod.approve')}
          </button>
          <button type="button" className="btn small" onClick={() => setMode('edit')} aria-label={t('console.mod.editOne', { title: proposal.title })}>
            {t('console.rounds.edit')}
          </button>
          <button type="button" className="btn small danger" onClick={() => setMode('reject')} aria-label={t('console.mod.rejectOne', { title: proposal.title })}>
            {t('console.mod.rejectDots')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function ClosedList({ items, all }: { items: ProposalView[]; all: ProposalView[] }) {
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const [error, setError] = useState<string | null>(null);
  const titleOf = (pid: string | null) => all.find((p) => p.id === pid)?.title ?? t('console.mod.another');
  const reopen = async (p: ProposalView) => {
    const r = await command('proposal:moderate', { proposalId: p.id, action: 'reopen' });
    setError(r.ok ? null : r.error.message);
  };
  return (
    <details className="mod-closed">
      <summary>
        {t('console.mod.closedList', { n: items.length })}
      </summary>
      <ul className="mod-closed-list">
        {items.map((p) => (
          <li key={p.id} className={`mod-closed-item ${p.status}`}>
            <div>
              <span className={`badge mod-${p.status}`}>{t(p.status === 'rejected' ? 'console.mod.rejected' : 'submission.status.merged')}</span>{' '}
              <span className="mod-closed-title" lang={lang}>
                {p.title}
              </span>
              <p className="muted small">
                {p.status === 'merged' ? t('console.mod.into', { title: titleOf(p.mergedInto) }) : p.reason ? t('phone.submission.detail.reason', { reason: p.reason }) : t('console.mod.noReason')}
              </p>
            </div>
            <button type="button" className="btn small" onClick={() => void reopen(p)} aria-label={t('console.mod.reopenOne', { title: p.title })} title={t('console.mod.reopenTitle')}>
              {t('console.mod.reopen')}
            </button>
          </li>
        ))}
      </ul>
      <FormError message={error} />
    </details>
  );
}
