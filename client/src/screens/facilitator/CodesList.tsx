/** The access cards of an assembly: filter, find, revoke and replace. */
import { useId, useMemo, useState } from 'react';
import type { CodeView } from '../../../../shared/protocol/views.ts';
import { FormError } from '../../components/FormError.tsx';
import { t } from '../../i18n/i18n.ts';
import { Replacements } from './CodesIssue.tsx';
import { useIssued } from './issuedCodes.ts';
import { command } from './store.ts';

const PAGE = 50;
const STATUS_TEXT: Record<CodeView['status'], 'codes.status.unused' | 'codes.status.used' | 'codes.status.revoked'> = { unused: 'codes.status.unused', used: 'codes.status.used', revoked: 'codes.status.revoked' };

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

