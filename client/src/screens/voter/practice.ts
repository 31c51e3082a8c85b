import { ballotOrder, type ExclusionRules, type Pot } from '../../../../shared/domain/index.ts';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import { fmt } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/**
 * The phone's side of d21-method.md §5 (docs/practice.md): the voter's own
 * ballot order, the round's exclusion rules in words, and each pot's
 * running total. Pure, unit-tested.
 */

/**
 * §5.6: the proposals in this voter's order. Seeded by round and this
 * phone's participant token (kept in localStorage), so a reload shows the
 * same order and two voters see different ones; the facilitator's order
 * when the round does not shuffle or the phone has no token yet.
 */
export function phoneOrder(ids: readonly string[], round: Pick<RoundView, 'id' | 'shuffled'>, token: string | null): string[] {
  return round.shuffled && token ? ballotOrder(ids, `${round.id}:${token}`) : [...ids];
}

/** §5.2 and §5.4 for "How to vote": when a proposal drops out, and what ranks (current language). */
export function practiceRuleLines(practice: { exclusion: ExclusionRules; rankBy: 'net' | 'plus' }): string[] {
  const lines: string[] = [];
  const e = practice.exclusion;
  const when: string[] = [];
  if (e.netBelowZero) when.push(t('phone.practice.if.netBelowZero'));
  if (e.maxMinusPercent !== null) when.push(t('phone.practice.if.minusShare', { pct: fmt().percent(e.maxMinusPercent / 100) }));
  if (e.minPlus !== null) when.push(t('phone.practice.if.fewPlus', { n: e.minPlus }));
  if (when.length) lines.push(t('phone.practice.outIf', { conditions: fmt().orList(when) }));
  if (practice.rankBy === 'plus') lines.push(t('phone.practice.rankByPlus'));
  return lines;
}

export interface PotTotal {
  id: string;
  label: string;
  budget: number;
  /** Cost of the proposals in this pot the voter has given a plus vote. */
  chosen: number;
  /** How many of them. */
  count: number;
}

/** §5.7: each pot's budget and the running total of the voter's plus votes in it. */
export function potTotals(
  pots: readonly Pot[],
  potOf: Readonly<Record<string, string>>,
  costs: ReadonlyMap<string, number | null>,
  plus: readonly string[],
): PotTotal[] {
  const first = pots[0]?.id;
  return pots.map((p) => {
    const mine = plus.filter((id) => (potOf[id] ?? first) === p.id);
    return { id: p.id, label: p.label, budget: p.budget, chosen: mine.reduce((s, id) => s + (costs.get(id) ?? 0), 0), count: mine.length };
  });
}
