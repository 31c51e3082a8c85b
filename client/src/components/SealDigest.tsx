import { shortDigest } from '../../../shared/domain/index.ts';
import type { SealSummary } from '../../../shared/protocol/views.ts';

/**
 * The short form of a closed round's sealed-result digest, so the room can
 * compare it with the published exports (`npm run verify`, docs/protocol.md).
 */
export function SealDigest({ seal, className }: { seal: SealSummary | null | undefined; className?: string }) {
  if (!seal) return null;
  return (
    <span className={className ?? 'seal-digest'} data-testid="seal-digest" title={`SHA-256 of the sealed result and the anonymised ballots: ${seal.digest}`}>
      Sealed result <code>{shortDigest(seal.digest)}</code>
    </span>
  );
}
