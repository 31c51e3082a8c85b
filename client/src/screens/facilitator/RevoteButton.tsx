import type { RoundResults } from '../../../../shared/domain/index.ts';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import { useI18n } from '../../i18n/useI18n.ts';

/**
 * A closed round whose tie-break rule is "a re-vote among the tied"
 * (d21-method.md §5.3) and whose result names such a re-vote: one click
 * prepares it as a draft round (round:advance with tieBreak 'revote' at the
 * winners' cut), holding only the tied proposals for the places left.
 */
export function RevoteButton({ round, results, busy, onPrepare }: { round: RoundView; results: RoundResults; busy: boolean; onPrepare: (k: number) => void }) {
  const { t } = useI18n();
  const revote = results.tieBreak.rule === 'revote' ? results.tieBreak.revote : null;
  if (!revote || round.status !== 'closed') return null;
  return (
    <div className="row revote">
      <button type="button" className="btn primary" disabled={busy} onClick={() => onPrepare(round.rules.winners)}>
        {t('console.revote.prepare', { n: revote.ids.length, seats: revote.seats })}
      </button>
    </div>
  );
}
