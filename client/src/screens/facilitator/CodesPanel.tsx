import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { create } from 'zustand';
import type { JoinMode } from '../../../../shared/protocol/schemas.ts';
import type { CodeView, IssuedCode } from '../../../../shared/protocol/views.ts';
import { api } from '../../lib/api.ts';
import { t } from '../../i18n/i18n.ts';
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

const STATUS_TEXT: Record<CodeView['status'], 'codes.status.unused' | 'codes.status.used' | 'codes.status.revoked'> = { unused: 'codes.status.unused', used: 'codes.status.used', revoked: 'codes.status.revoked' };

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
      <h2 id="codes-title">{t('codes.title')}</h2>
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
      <legend className="sr-only">{t('codes.title')}</legend>
      <label className="join-mode-option">
        <input type="radio" name="join-mode" checked={shown === 'open'} onChange={() => void choose('open')} />
        <span>
          <strong>{t('codes.open')}</strong>
          <span className="hint">{t('codes.openHint')}</span>
        </span>
      </label>
      <label className="join-mode-option">
        <input type="radio" name="join-mode" checked={shown === 'codes'} onChange={() => void choose('codes')} />
        <span>
          <strong>{t('codes.cards')}</strong>
          <span className="hint">{t('codes.cardsHint')}</span>
        </span>
      </label>
      <p id="join-mode-note" className="hint">
        {t('codes.stayIn')}
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
      setError(t('codes.countRange', { max: MAX_PER_REQUEST }));
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
        <label htmlFor="codes-count">{t('codes.newCards')}</label>
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
        {t(busy ? 'codes.generating' : 'codes.generate')}
      </button>
      <p id="codes-count-hint" className="hint full">
        {t('codes.generateHint', { max: MAX_PER_REQUEST })}
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
        <strong>{t('codes.fresh.n', { n: batch.length })}</strong> ({first === last ? t('codes.cardN', { label: first }) : t('codes.cardsRange', { first, last })}).
      </p>
      <p>
        <strong>{t('codes.fresh.printNow')}</strong> {t('codes.fresh.once')}
      </p>
      <button
        type="button"
        className="btn primary"
        onClick={() => useIssued.setState({ sheet: { codes: batch, heading: t('codes.sheet.print', { n: batch.length }) } })}
      >
        {t('codes.fresh.show', { n: batch.length })}
      </button>
      {waiting === 0 ? <span className="form-ok codes-sent-print">{t('codes.sent')}</span> : null}
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

  if (codes === null) return error ? <p className="form-error">{error}</p> : <p className="muted">{t('codes.loading')}</p>;
  if (codes.length === 0) return <p className="muted">{t('codes.none')}</p>;

  return (
    <div className="codes-list-block">
      <h3 className="codes-list-title">{t('codes.list')}</h3>
      <p className="codes-counts" data-testid="codes-counts">
        {t('codes.counts', { n: codes.length, used: counts.used, unused: counts.unused, revoked: counts.revoked })}
      </p>
      {replacements.length > 0 ? <Replacements /> : null}
      <div className="codes-filters">
        <div className="field">
          <label htmlFor={`${uid}-filter`}>{t('codes.filter')}</label>
          <select id={`${uid}-filter`} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="all">{t('codes.filter.all')}</option>
            <option value="used">{t('codes.status.used')}</option>
            <option value="unused">{t('codes.status.unused')}</option>
            <option value="revoked">{t('codes.status.revoked')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-find`}>{t('codes.number')}</label>
          <input id={`${uid}-find`} inputMode="numeric" value={find} onChange={(e) => setFind(e.target.value.replace(/\D/g, ''))} autoComplete="off" />
        </div>
      </div>
      <FormError message={error} />
      <p className="sr-only" role="status">
        {news}
      </p>
      <div className="codes-table-wrap" tabIndex={0} role="region" aria-label={t('codes.tableLabel')}>
        <table className="codes-table">
          <caption className="sr-only">{t('codes.tableLabel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('codes.card')}</th>
              <th scope="col">{t('codes.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('codes.actions')}</span>
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
      {visible.length === 0 ? <p className="muted">{t('codes.noMatch')}</p> : null}
      {visible.length > shown ? (
        <button type="button" className="btn small" onClick={() => setShown((n) => n + PAGE * 4)}>
          {t('codes.more', { n: visible.length - shown })}
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
      onNews(t('codes.news.replaced', { label: code.label, replacement: replacement.label }));
    } else onNews(t('codes.news.revoked', { label: code.label }));
    await onChange();
  };
  return (
    <tr className={`code-row status-${code.status}`}>
      <th scope="row">{code.label}</th>
      <td>
        <span className={`code-status status-${code.status}`}>{t(STATUS_TEXT[code.status])}</span>
        {replaces !== null ? <span className="hint"> · {t('codes.replaces', { label: replaces })}</span> : null}
        {confirm ? (
          <div className="code-confirm" role="group" aria-label={t('codes.revokeQ', { label: code.label })}>
            <p className="code-confirm-text">
              {code.status === 'used'
                ? t('codes.revokeUsed', { label: code.label })
                : t('codes.revokeUnused', { label: code.label })}
            </p>
            <button type="button" className="btn small danger" disabled={busy} onClick={() => void revoke(true)} autoFocus>
              {t('codes.revokeReplace')}
              <span className="sr-only"> {t('codes.forCard', { label: code.label })}</span>
            </button>
            <button type="button" className="btn small danger" disabled={busy} onClick={() => void revoke(false)}>
              {t('codes.revokeOnly')}
              <span className="sr-only"> {t('codes.cardN', { label: code.label })}</span>
            </button>
            <button type="button" className="btn small" disabled={busy} onClick={() => setConfirm(false)}>
              {t('console.cancel')}
            </button>
          </div>
        ) : null}
        <FormError message={error} />
      </td>
      <td className="code-actions">
        {code.status === 'revoked' || confirm ? null : (
          <button type="button" className="btn small" onClick={() => setConfirm(true)}>
            {t('codes.revoke')}
            <span className="sr-only"> {t('codes.cardN', { label: code.label })}</span>
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
      <h4>{t('codes.replacements')}</h4>
      <ul>
        {replacements.map(({ code, forLabel }) => (
          <li key={code.id} data-testid="replacement">
            <span>
              {t('codes.replacementLine', { label: code.label, forLabel })} <strong className="mono code-text">{code.code}</strong>
              {unprinted.has(code.id) ? null : <span className="hint"> · {t('codes.printed')}</span>}
            </span>
            <button
              type="button"
              className="btn small primary"
              onClick={() => useIssued.setState({ sheet: { codes: [code], heading: t('codes.sheet.replacement', { label: code.label, forLabel }) } })}
            >
              {t('codes.printCard', { label: code.label })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
