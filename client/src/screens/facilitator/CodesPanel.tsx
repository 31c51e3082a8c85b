import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { create } from 'zustand';
import type { JoinMode } from '../../../../shared/protocol/schemas.ts';
import type { CodeView, IssuedCode } from '../../../../shared/protocol/views.ts';
import { api } from '../../lib/api.ts';
import { plural } from '../../lib/format.ts';
import { CodeSheet } from './CodeCards.tsx';
import { command, useFacilitatorStore } from './store.ts';
import './codes.css';
import { FormError } from '../../components/FormError.tsx';

const MAX_PER_REQUEST = 2000;
const PAGE = 50;

/**
 * Codes issued in this console session. They exist nowhere else: the server
 * keeps only their hashes, and they are never written to localStorage.
 */
interface IssuedStore {
  assemblyId: string;
  /** The last batch generated, to print. */
  batch: IssuedCode[];
  /** Replacement cards issued one at a time, newest first. */
  replacements: { code: IssuedCode; forLabel: number }[];
  /** Codes issued but not sent to the printer yet (the page warns before closing). */
  unprinted: Set<string>;
  /** What the print sheet shows, if open. */
  sheet: { codes: IssuedCode[]; heading: string } | null;
}
const useIssued = create<IssuedStore>()(() => ({ assemblyId: '', batch: [], replacements: [], unprinted: new Set(), sheet: null }));

function forAssembly(assemblyId: string): void {
  if (useIssued.getState().assemblyId !== assemblyId) useIssued.setState({ assemblyId, batch: [], replacements: [], unprinted: new Set(), sheet: null });
}

const STATUS_TEXT: Record<CodeView['status'], string> = { unused: 'Not used yet', used: 'In use', revoked: 'Revoked' };

/**
 * Who can join, and the access cards of a codes assembly: generate them,
 * print them as QR cards, see which are in use, revoke a lost phone's card
 * and issue a replacement.
 */
export function CodesPanel() {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const joinMode = useFacilitatorStore((s) => s.assembly?.joinMode ?? 'open');
  const title = useFacilitatorStore((s) => s.assembly?.title ?? '');
  const [publicUrl, setPublicUrl] = useState(window.location.origin);
  const sheet = useIssued((s) => s.sheet);
  useEffect(() => forAssembly(assemblyId), [assemblyId]);

  useEffect(() => {
    void api.config().then((r) => r.ok && setPublicUrl(r.data.publicUrl.replace(/\/+$/, '')));
  }, []);

  // Closing the console with codes never printed loses them for good.
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (useIssued.getState().unprinted.size > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, []);

  const closeSheet = useCallback(() => useIssued.setState({ sheet: null }), []);
  const printed = useCallback(() => {
    const shown = useIssued.getState().sheet?.codes ?? [];
    const unprinted = new Set(useIssued.getState().unprinted);
    for (const c of shown) unprinted.delete(c.id);
    useIssued.setState({ unprinted });
  }, []);

  return (
    <section className="card codes-panel" aria-labelledby="codes-title">
      <h2 id="codes-title">Who can join</h2>
      <JoinModeSwitch joinMode={joinMode} />
      {joinMode === 'codes' ? <CodesWork /> : null}
      {sheet ? (
        <CodeSheet codes={sheet.codes} heading={sheet.heading} publicUrl={publicUrl} assemblyId={assemblyId} title={title} onClose={closeSheet} onPrinted={printed} />
      ) : null}
    </section>
  );
}

function JoinModeSwitch({ joinMode }: { joinMode: JoinMode }) {
  const [error, setError] = useState<string | null>(null);
  // The choice shows at once; it settles when the server's update arrives.
  const [pending, setPending] = useState<JoinMode | null>(null);
  useEffect(() => {
    if (pending === joinMode) setPending(null);
  }, [pending, joinMode]);
  const busy = pending !== null;
  const shown = pending ?? joinMode;
  const choose = async (mode: JoinMode) => {
    if (mode === joinMode || busy) return;
    setPending(mode);
    const r = await command('assembly:update', { joinMode: mode });
    if (!r.ok) setPending(null);
    setError(r.ok ? null : r.error.message);
  };
  return (
    <fieldset className="join-mode" aria-describedby="join-mode-note">
      <legend className="sr-only">Who can join</legend>
      <label className="join-mode-option">
        <input type="radio" name="join-mode" checked={shown === 'open'} onChange={() => void choose('open')} />
        <span>
          <strong>Anyone with the link</strong>
          <span className="hint">Quick, for sounding out a room. A person with two phones could vote twice.</span>
        </span>
      </label>
      <label className="join-mode-option">
        <input type="radio" name="join-mode" checked={shown === 'codes'} onChange={() => void choose('codes')} />
        <span>
          <strong>Access cards: one person, one card</strong>
          <span className="hint">Each printed card works on one phone only. For binding votes.</span>
        </span>
      </label>
      <p id="join-mode-note" className="hint">
        Phones already in stay in when this changes.
      </p>
      <FormError message={error} />
    </fieldset>
  );
}

function CodesWork() {
  const [codes, setCodes] = useState<CodeView[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const connection = useFacilitatorStore((s) => s.connection);
  const codesVersion = useFacilitatorStore((s) => s.codesVersion);

  const refresh = useCallback(async () => {
    const r = await command('codes:list', {});
    if (r.ok) {
      setCodes(r.data);
      setListError(null);
    } else if (r.error.code !== 'OFFLINE') setListError(r.error.message);
  }, []);

  // The server announces every card used, revoked or issued (codes:updated).
  useEffect(() => {
    if (connection === 'online') void refresh();
  }, [refresh, connection, codesVersion]);

  return (
    <div className="codes-work">
      <Generate onDone={refresh} />
      <Fresh />
      <CodesList codes={codes} error={listError} onChange={refresh} />
    </div>
  );
}

function Generate({ onDone }: { onDone: () => Promise<void> }) {
  const [count, setCount] = useState('30');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PER_REQUEST) {
      setError(`Enter a whole number from 1 to ${MAX_PER_REQUEST}.`);
      return;
    }
    setBusy(true);
    const r = await command('codes:generate', { count: n });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    const unprinted = new Set(useIssued.getState().unprinted);
    for (const c of r.data) unprinted.add(c.id);
    useIssued.setState({ batch: r.data, unprinted });
    await onDone();
  };
  return (
    <form className="codes-generate" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="field">
        <label htmlFor="codes-count">New cards to print</label>
        <input
          id="codes-count"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_PER_REQUEST}
          value={count}
          onChange={(e) => setCount(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`codes-count-hint${error ? ' codes-count-error' : ''}`}
        />
      </div>
      <button type="submit" className="btn primary" disabled={busy}>
        {busy ? 'Generating…' : 'Generate cards'}
      </button>
      <p id="codes-count-hint" className="hint full">
        One card per person, plus a few spare. Up to {MAX_PER_REQUEST} at a time.
      </p>
      {error ? (
        <p id="codes-count-error" className="form-error full" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The batch just generated: print it now, it cannot be shown again. */
function Fresh() {
  const batch = useIssued((s) => s.batch);
  const unprinted = useIssued((s) => s.unprinted);
  if (batch.length === 0) return null;
  const first = batch[0]!.label;
  const last = batch[batch.length - 1]!.label;
  const waiting = batch.filter((c) => unprinted.has(c.id)).length;
  return (
    <div className="codes-fresh" role="status">
      <p className="codes-fresh-head">
        <strong>{plural(batch.length, 'new card')}</strong> ({first === last ? `card ${first}` : `cards ${first}–${last}`}).
      </p>
      <p>
        <strong>Print them now.</strong> The codes are shown only this once: they are not saved on the server or in this browser, so after closing or reloading
        this page they cannot be printed again (unused cards can still be revoked).
      </p>
      <button
        type="button"
        className="btn primary"
        onClick={() => useIssued.setState({ sheet: { codes: batch, heading: `Print ${plural(batch.length, 'access card')}` } })}
      >
        Show the {plural(batch.length, 'card')} to print
      </button>
      {waiting === 0 ? <span className="form-ok codes-sent-print">Sent to the printer.</span> : null}
    </div>
  );
}

type Filter = 'all' | CodeView['status'];

function CodesList({ codes, error, onChange }: { codes: CodeView[] | null; error: string | null; onChange: () => Promise<void> }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [find, setFind] = useState('');
  const [shown, setShown] = useState(PAGE);
  const replacements = useIssued((s) => s.replacements);
  const [news, setNews] = useState('');
  const uid = useId();

  const counts = useMemo(() => {
    const c = { unused: 0, used: 0, revoked: 0 };
    for (const x of codes ?? []) c[x.status]++;
    return c;
  }, [codes]);
  const labels = useMemo(() => new Map((codes ?? []).map((c) => [c.id, c.label])), [codes]);
  const visible = useMemo(() => {
    const n = Number(find.trim());
    return (codes ?? []).filter((c) => (filter === 'all' || c.status === filter) && (!find.trim() || c.label === n));
  }, [codes, filter, find]);

  if (codes === null) return error ? <p className="form-error">{error}</p> : <p className="muted">Loading the cards…</p>;
  if (codes.length === 0) return <p className="muted">No cards yet. Generate one per person and print them before people arrive.</p>;

  return (
    <div className="codes-list-block">
      <h3 className="codes-list-title">Cards</h3>
      <p className="codes-counts" data-testid="codes-counts">
        {plural(codes.length, 'card')}: <strong>{counts.used}</strong> in use, <strong>{counts.unused}</strong> not used yet, <strong>{counts.revoked}</strong> revoked
      </p>
      {replacements.length > 0 ? <Replacements /> : null}
      <div className="codes-filters">
        <div className="field">
          <label htmlFor={`${uid}-filter`}>Show</label>
          <select id={`${uid}-filter`} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="all">All cards</option>
            <option value="used">In use</option>
            <option value="unused">Not used yet</option>
            <option value="revoked">Revoked</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-find`}>Card number</label>
          <input id={`${uid}-find`} inputMode="numeric" value={find} onChange={(e) => setFind(e.target.value.replace(/\D/g, ''))} autoComplete="off" />
        </div>
      </div>
      <FormError message={error} />
      <p className="sr-only" role="status">
        {news}
      </p>
      <div className="codes-table-wrap" tabIndex={0} role="region" aria-label="Cards and their status">
        <table className="codes-table">
          <caption className="sr-only">Access cards and their status</caption>
          <thead>
            <tr>
              <th scope="col">Card</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.slice(0, shown).map((c) => (
              <CodeRow key={c.id} code={c} replaces={c.replacesId ? (labels.get(c.replacesId) ?? null) : null} onChange={onChange} onNews={setNews} />
            ))}
          </tbody>
        </table>
      </div>
      {visible.length === 0 ? <p className="muted">No card matches.</p> : null}
      {visible.length > shown ? (
        <button type="button" className="btn small" onClick={() => setShown((n) => n + PAGE * 4)}>
          Show more ({visible.length - shown} left)
        </button>
      ) : null}
    </div>
  );
}

function CodeRow({ code, replaces, onChange, onNews }: { code: CodeView; replaces: number | null; onChange: () => Promise<void>; onNews: (text: string) => void }) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoke = async (replace: boolean) => {
    setBusy(true);
    const r = await command('code:revoke', { codeId: code.id, replace });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    setConfirm(false);
    const replacement = r.data.replacement;
    if (replacement) {
      const s = useIssued.getState();
      const unprinted = new Set(s.unprinted).add(replacement.id);
      useIssued.setState({ replacements: [{ code: replacement, forLabel: code.label }, ...s.replacements], unprinted });
      onNews(`Card ${code.label} revoked. Replacement card ${replacement.label} is ready to print.`);
    } else onNews(`Card ${code.label} revoked.`);
    await onChange();
  };
  return (
    <tr className={`code-row status-${code.status}`}>
      <th scope="row">{code.label}</th>
      <td>
        <span className={`code-status status-${code.status}`}>{STATUS_TEXT[code.status]}</span>
        {replaces !== null ? <span className="hint"> · replaces card {replaces}</span> : null}
        {confirm ? (
          <div className="code-confirm" role="group" aria-label={`Revoke card ${code.label}?`}>
            <p className="code-confirm-text">
              {code.status === 'used'
                ? `Card ${code.label}’s phone stops counting at once; its ballot in an open vote is removed.`
                : `Card ${code.label} will no longer work.`}
            </p>
            <button type="button" className="btn small danger" disabled={busy} onClick={() => void revoke(true)} autoFocus>
              Revoke and issue a replacement<span className="sr-only"> for card {code.label}</span>
            </button>
            <button type="button" className="btn small danger" disabled={busy} onClick={() => void revoke(false)}>
              Revoke only<span className="sr-only"> card {code.label}</span>
            </button>
            <button type="button" className="btn small" disabled={busy} onClick={() => setConfirm(false)}>
              Cancel
            </button>
          </div>
        ) : null}
        <FormError message={error} />
      </td>
      <td className="code-actions">
        {code.status === 'revoked' || confirm ? null : (
          <button type="button" className="btn small" onClick={() => setConfirm(true)}>
            Revoke<span className="sr-only"> card {code.label}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

/** Replacement cards issued in this session: print each and hand it over. */
function Replacements() {
  const replacements = useIssued((s) => s.replacements);
  const unprinted = useIssued((s) => s.unprinted);
  return (
    <div className="codes-replacements" role="status">
      <h4>Replacement cards to hand out</h4>
      <ul>
        {replacements.map(({ code, forLabel }) => (
          <li key={code.id} data-testid="replacement">
            <span>
              Card <strong>{code.label}</strong> replaces card {forLabel}: code <strong className="mono code-text">{code.code}</strong>
              {unprinted.has(code.id) ? null : <span className="hint"> · printed</span>}
            </span>
            <button
              type="button"
              className="btn small primary"
              onClick={() => useIssued.setState({ sheet: { codes: [code], heading: `Replacement card ${code.label} (for card ${forLabel})` } })}
            >
              Print card {code.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
