import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { StaffLinkView } from '../../../../shared/protocol/paperViews.ts';
import { FormError } from '../../components/FormError.tsx';
import { QrCode } from '../../components/QrCode.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { api } from '../../lib/api.ts';
import { command, useFacilitatorStore } from './store.ts';

/** A staff link's address: the key in the fragment (never sent to a server in a request line or a log). */
export const staffLink = (publicUrl: string, assemblyId: string, key: string) => `${publicUrl}/a/${assemblyId}/entry#key=${encodeURIComponent(key)}`;

/**
 * Staff links for paper-ballot entry: create one per desk or person
 * ("Desk 1"), hand over its link or QR code (shown once, when created),
 * revoke it (it stops working at once).
 */
export function StaffLinks() {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const paperVersion = useFacilitatorStore((s) => s.paperVersion);
  const { t } = useI18n();
  const id = useId();
  const [links, setLinks] = useState<StaffLinkView[]>([]);
  const [fresh, setFresh] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [publicUrl, setPublicUrl] = useState(window.location.origin);
  useEffect(() => {
    void api.config().then((r) => r.ok && setPublicUrl(r.data.publicUrl.replace(/\/+$/, '')));
  }, []);
  const reload = useCallback(async () => {
    const r = await command('staff:list', {});
    if (r.ok) setLinks(r.data);
  }, []);
  useEffect(() => void reload(), [reload, paperVersion]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await command('staff:create', { name: name.trim() || t('console.paper.defaultName', { n: links.length + 1 }) });
    setError(r.ok ? null : r.error.message);
    if (!r.ok) return;
    setName('');
    setFresh((f) => ({ ...f, [r.data.id]: staffLink(publicUrl, assemblyId, r.data.key) }));
    await reload();
  };
  const revoke = async (link: StaffLinkView) => {
    const r = await command('staff:revoke', { staffId: link.id });
    setError(r.ok ? null : r.error.message);
    setFresh(({ [link.id]: _gone, ...rest }) => rest);
    await reload();
  };
  return (
    <div className="staff-links">
      <h3>{t('console.paper.links')}</h3>
      <p className="muted small">{t('console.paper.linksHint')}</p>
      <ul className="staff-list">
        {links.map((l) => (
          <li key={l.id} data-testid={`staff-${l.name}`} className={l.revokedAt !== null ? 'revoked' : ''}>
            <p>
              <strong>{l.name}</strong> <span className="muted small">{t('console.paper.keyed', { count: l.keyed })}</span>{' '}
              {l.revokedAt !== null ? (
                <span className="small">{t('console.paper.revoked')}</span>
              ) : (
                <button type="button" className="btn small" onClick={() => void revoke(l)}>
                  {t('console.paper.revoke', { name: l.name })}
                </button>
              )}
            </p>
            {fresh[l.id] ? (
              <div className="staff-fresh">
                <QrCode text={fresh[l.id]!} size={120} label={t('console.paper.qr', { name: l.name })} />
                <p className="small">
                  {t('console.paper.once')}{' '}
                  <a href={fresh[l.id]} target="_blank" rel="noopener" data-testid="staff-link">
                    {fresh[l.id]}
                  </a>
                </p>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={(e) => void create(e)}>
        <label htmlFor={`${id}-name`}>{t('console.paper.newName')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('console.paper.namePlaceholder')} maxLength={60} />
        <button type="submit" className="btn">
          {t('console.paper.create')}
        </button>
      </form>
      <FormError message={error} />
    </div>
  );
}
