import { useI18n } from '../../i18n/useI18n.ts';
import { useFacilitatorStore } from './store.ts';

/**
 * Joins per address and failed access-code attempts (security:updated,
 * docs/security.md "Limits"). Shown only when there is something to see:
 * many participants from one address (a venue's Wi-Fi, or ballot stuffing in
 * open mode) or wrong codes being tried.
 */
export function SecurityNotice() {
  const { t } = useI18n();
  const report = useFacilitatorStore((s) => s.security);
  if (!report || (report.joinsByAddress.length === 0 && report.failedCodes.total === 0)) return null;
  const { joinsByAddress, failedCodes } = report;
  return (
    <section className="card security-notice" aria-labelledby="security-title" data-testid="security-notice">
      <h2 id="security-title">{t('console.security.title')}</h2>
      {joinsByAddress.length > 0 ? (
        <>
          <p>{t('console.security.byAddress')}</p>
          <ul className="plain-list" data-testid="joins-by-address">
            {joinsByAddress.map((j) => (
              <li key={j.address}>
                <code>{j.address}</code>: {t('console.security.participants', { count: j.participants })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {failedCodes.total > 0 ? (
        <p data-testid="failed-codes">{t('console.security.failedCodes', { total: failedCodes.total, blocked: failedCodes.blockedAddresses })}</p>
      ) : null}
    </section>
  );
}
