import { useState } from 'react';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import { FormError } from '../../components/FormError.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { command, useFacilitatorStore } from './store.ts';

/**
 * A closed round's results on the phones: off until the facilitator
 * publishes them (round:publish), and they can be hidden again
 * (docs/protocol.md, "Results on phones").
 */
export function PublishControl({ round }: { round: RoundView }) {
  const published = useFacilitatorStore((s) => s.assembly?.settings.published.includes(round.id) ?? false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();
  const toggle = async () => {
    setBusy(true);
    const r = await command('round:publish', { roundId: round.id, published: !published });
    setBusy(false);
    setError(r.ok ? null : r.error.message);
  };
  return (
    <div className="publish-control" data-testid="publish-control">
      <button type="button" className={`btn small${published ? '' : ' primary'}`} aria-pressed={published} disabled={busy} onClick={() => void toggle()}>
        {t(published ? 'console.publish.hide' : 'console.publish.show')}
      </button>{' '}
      <span className="small muted" role="status">
        {t(published ? 'console.publish.shown' : 'console.publish.notShown')}
      </span>
      <FormError message={error} />
    </div>
  );
}

/** Over a hidden round's live results in the console: the room does not see them yet. */
export function OnlyYouSee({ round }: { round: RoundView }) {
  const { t } = useI18n();
  if (round.visibility !== 'hidden' || round.status !== 'open') return null;
  return (
    <p className="only-you" role="note" data-testid="only-you">
      <span aria-hidden="true">👁 </span>
      {t('console.hidden.onlyYou')}
    </p>
  );
}
