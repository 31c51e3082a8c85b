import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { typedBallot, typedLine } from '../../../../shared/domain/paperEntry.ts';
import type { PaperBallotView, PaperListView } from '../../../../shared/protocol/paperViews.ts';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import { FormError } from '../../components/FormError.tsx';
import { errorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { downloadExport } from '../../lib/api.ts';
import { StaffLinks } from './StaffLinks.tsx';
import { command, useFacilitatorStore } from './store.ts';
import './paper.css';

/**
 * Paper ballots beside phones (docs/practice.md "Paper ballots"): staff
 * links, the current round's counts (phone, paper, total), the mismatch
 * queue resolved against the paper, voids, and the audit log's exports.
 */
export function PaperPanel() {
  const round = useFacilitatorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const { t } = useI18n();
  return (
    <section className="card paper-panel" aria-labelledby="paper-title">
      <h2 id="paper-title">{t('console.paper.title')}</h2>
      <StaffLinks />
      {round && round.status !== 'draft' ? <PaperRound round={round} /> : <p className="muted small">{t('console.paper.noRound')}</p>}
    </section>
  );
}

function PaperRound({ round }: { round: RoundView }) {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const token = useFacilitatorStore((s) => s.token);
  const paperVersion = useFacilitatorStore((s) => s.paperVersion);
  const { t } = useI18n();
  const [list, setList] = useState<PaperListView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const r = await command('paper:list', { roundId: round.id });
    if (r.ok) setList(r.data);
  }, [round.id]);
  useEffect(() => void reload(), [reload, paperVersion, round.status]);
  if (!list) return null;
  const { phone, paper, total } = list.channels;
  const queue = list.ballots.filter((b) => b.status === 'mismatch' || b.status === 'held');
  const open = round.status === 'open';
  const download = async (fmt: 'csv' | 'json') =>
    setError(await downloadExport(`/api/assemblies/${encodeURIComponent(assemblyId)}/rounds/${round.id}/paper-audit.${fmt}`, token ?? '', `round-${round.seq}-paper-audit.${fmt}`));
  return (
    <div className="paper-round">
      <p className="paper-counts" data-testid="paper-counts">
        {t('console.paper.counts', { phone: phone.ballots, paper: paper.ballots, total: total.ballots })}
      </p>
      <p className="muted small" data-testid="paper-summary">
        {t('console.paper.summary', { ...list.summary })}
      </p>
      <h3>{t('console.paper.queue', { count: queue.length })}</h3>
      {queue.length === 0 ? <p className="muted small">{t('console.paper.queueEmpty')}</p> : null}
      <ul className="paper-queue">
        {queue.map((b) => (
          <Mismatch key={b.serial} round={round} ballot={b} open={open} />
        ))}
      </ul>
      {open ? <VoidForm round={round} /> : null}
      <p className="row">
        <button type="button" className="btn small" onClick={() => void download('csv')}>
          {t('console.paper.auditCsv')}
        </button>
        <button type="button" className="btn small" onClick={() => void download('json')}>
          {t('console.paper.auditJson')}
        </button>
      </p>
      <FormError message={error} />
    </div>
  );
}

/** One serial to check: a mismatch (each link's keying) or a held serial (why), the ballot as the paper shows it (prefilled with the first keying), count it or void it. */
function Mismatch({ round, ballot, open }: { round: RoundView; ballot: PaperBallotView; open: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const ids = (round.paper ?? []).map((p) => p.id);
  const [line, setLine] = useState(() => (ballot.keyings[0] ? typedLine(ballot.keyings[0], ids) : ''));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const resolve = async (e: FormEvent) => {
    e.preventDefault();
    const b = typedBallot(line, ids, round.rules);
    if (!b.ok) return setError(errorText({ code: b.code }));
    const r = await command('paper:resolve', { roundId: round.id, serial: ballot.serial, plus: [...b.value.plus], minus: [...b.value.minus] });
    setError(r.ok ? null : r.error.message);
  };
  const voidIt = async () => {
    if (!reason.trim()) return setError(t('console.paper.reasonNeeded'));
    const r = await command('paper:void', { roundId: round.id, serial: ballot.serial, reason: reason.trim() });
    setError(r.ok ? null : r.error.message);
  };
  return (
    <li className="paper-mismatch" data-testid={`mismatch-${ballot.serial}`}>
      <p>
        <strong>{t('console.paper.serial', { serial: ballot.serial })}</strong>
        {ballot.hold ? (
          <span className="paper-held" data-testid="paper-held">
            {' · '}
            {ballot.hold.kind === 'phone' ? t('console.paper.heldPhone') : t('console.paper.heldSerial', { serial: ballot.hold.serial })}
          </span>
        ) : null}
      </p>
      <ul className="small">
        {ballot.keyings.map((k) => (
          <li key={k.entryId}>
            {t('console.paper.keying', { name: k.staffName, line: typedLine(k, ids) || '∅' })}
            {k.card !== null ? ` · ${t('console.paper.card', { card: k.card })}` : ''}
          </li>
        ))}
      </ul>
      {open ? (
        <form className="row" onSubmit={(e) => void resolve(e)}>
          <label htmlFor={`${id}-line`}>{t('console.paper.asPaper')}</label>
          <input id={`${id}-line`} value={line} onChange={(e) => setLine(e.target.value)} autoComplete="off" data-testid="resolve-line" />
          <button type="submit" className="btn small primary">
            {t('console.paper.resolve')}
          </button>
          <label htmlFor={`${id}-reason`} className="sr-only">
            {t('console.paper.reason')}
          </label>
          <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('console.paper.reason')} maxLength={200} />
          <button type="button" className="btn small" onClick={() => void voidIt()}>
            {t('console.paper.void')}
          </button>
        </form>
      ) : null}
      <FormError message={error} />
    </li>
  );
}

/** Voids any keyed serial (a paper found invalid after it was keyed). */
function VoidForm({ round }: { round: RoundView }) {
  const { t } = useI18n();
  const id = useId();
  const [serial, setSerial] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError(t('console.paper.reasonNeeded'));
    const r = await command('paper:void', { roundId: round.id, serial: serial.trim(), reason: reason.trim() });
    setError(r.ok ? null : r.error.message);
    if (!r.ok) return;
    setSerial('');
    setReason('');
  };
  return (
    <form className="row paper-void" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-serial`}>{t('console.paper.voidSerial')}</label>
      <input id={`${id}-serial`} value={serial} onChange={(e) => setSerial(e.target.value)} maxLength={20} autoComplete="off" />
      <label htmlFor={`${id}-reason`} className="sr-only">
        {t('console.paper.reason')}
      </label>
      <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('console.paper.reason')} maxLength={200} />
      <button type="submit" className="btn small">
        {t('console.paper.void')}
      </button>
      <FormError message={error} />
    </form>
  );
}
