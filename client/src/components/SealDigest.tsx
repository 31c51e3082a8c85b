import { shortDigest } from '../../../shared/domain/index.ts';
import type { SealSummary } from '../../../shared/protocol/views.ts';
import { useI18n } from '../i18n/useI18n.ts';

/**
 * The short form of a closed round's sealed-result digest, so the room can
 * compare it with the published exports (`npm run verify`, docs/protocol.md).
 */
export function SealDigest({ seal, className }: { seal: SealSummary | null | undefined; className?: string }) {
  const { t } = useI18n();
  if (!seal) return null;
  return (
    <span className={className ?? 'seal-digest'} data-testid="seal-digest" title={t('seal.title', { digest: seal.digest })}>
      {t('seal.label')} <code>{shortDigest(seal.digest)}</code>
    </span>
  );
}
