import { useI18n } from '../../i18n/useI18n.ts';
import { potTotals } from './practice.ts';
import { useVoterStore } from './store.ts';
import './practice.css';

/**
 * §5.7 on the phone: each pot's budget and the running total of the
 * proposals this voter has backed in it, so the voter sees what the plus
 * votes would cost against each pot.
 */
export function PotTotals() {
  const round = useVoterStore((s) => s.current!.round);
  const proposals = useVoterStore((s) => s.current!.proposals);
  const plus = useVoterStore((s) => s.draft.plus);
  const currency = useVoterStore((s) => s.assembly?.currency ?? null);
  const { t, money } = useI18n();
  const pots = round.practice.pots;
  if (!pots || pots.length === 0) return null;
  const costs = new Map(proposals.map((p) => [p.id, p.cost]));
  const totals = potTotals(pots, round.practice.potOf, costs, plus);
  return (
    <ul className="v-pots" data-testid="pot-totals" aria-label={t('phone.pots.label')}>
      {totals.map((p) => (
        <li key={p.id} className={p.chosen > p.budget ? 'over' : ''}>
          <span className="v-pot-name">{p.label}</span>
          <span className="v-pot-sum">
            {t('phone.pots.total', { chosen: money(p.chosen, currency), budget: money(p.budget, currency) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
