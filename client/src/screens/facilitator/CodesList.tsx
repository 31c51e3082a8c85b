/** The access cards of an assembly: filter, find, revoke and replace. */
import { useId, useMemo, useState } from 'react';
import type { CodeView } from '../../../../shared/protocol/views.ts';
import { FormError } from '../../components/FormError.tsx';
import { plural } from '../../lib/format.ts';
import { Replacements } from './CodesIssue.tsx';
import { useIssued } from './issuedCodes.ts';
import { command } from './store.ts';

const PAGE = 50;
const STATUS_TEXT: Record<CodeView['status'], string> = { unused: 'Not used yet', used: 'In use', revoked: 'Revoked' };

type Filter = 'all' | CodeView['status'];

export function CodesList({ codes, error, onChange }: { codes: CodeView[] | null; error: string | null; onChange: () => Promise<void> }) {
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
