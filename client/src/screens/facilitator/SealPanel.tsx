import type { RoundView } from '../../../../shared/protocol/views.ts';
import { useI18n } from '../../i18n/useI18n.ts';

/**
 * A closed round's seal on the console: the full SHA-256 digest of its
 * sealed result and anonymised ballots (the projector and the report show
 * its short form), and how anyone checks it from the two JSON exports with
 * `npm run verify` (docs/protocol.md, "Sealed results"). The file names are
 * the ones the export buttons beside it save.
 */
export function SealPanel({ round }: { round: RoundView }) {
  const { t } = useI18n();
  if (!round.seal) return null;
  const command = `npm run verify -- vote-${round.seq}-ballots.json vote-${round.seq}-results.json`;
  return (
    <div className="seal-panel" data-testid="console-seal">
      <p>
        <strong>{t('console.seal.heading')}</strong>{' '}
        <span>{t('console.seal.digest')}</span> <code className="seal-full">{round.seal.digest}</code>
      </p>
      <p className="small">{t('console.seal.how')}</p>
      <pre className="seal-command" translate="no">
        <code>{command}</code>
      </pre>
      <p className="small">{t('console.seal.what')}</p>
    </div>
  );
}
