import type { RankedOption } from './ranking.ts';

export interface BudgetLine {
  id: string;
  cost: number;
  funded: boolean;
  /** Money left (in this line's pot, when the round has pots) after this line was considered. */
  remaining: number;
  /** The pot this line was funded from (§5.7), when the round has pots. */
  pot?: string;
}

export interface BudgetAllocation {
  budget: number;
  spent: number;
  left: number;
  lines: BudgetLine[];
  funded: string[];
  unfunded: string[];
  /**
   * Options whose funding depended on the order inside a tie (equal rank:
   * one funded, an equal-ranked one not): shown to the facilitator, like a
   * tie at the cut line. Empty under a tie-break rule that makes every
   * rank distinct (§5.3 b).
   */
  tied: string[];
}

/**
 * Participatory-budget funding (d21-method.md §2): walk the ranking, fund
 * each option that still fits the remaining budget, skip those that do not.
 * Costs are whole currency units so sums are exact. An option with no cost
 * costs 0 and is always funded. The caller passes eligible options only:
 * an excluded one (§5.2) is never funded.
 */
export function allocateBudget(
  ranked: readonly RankedOption[],
  costs: ReadonlyMap<string, number>,
  budget: number,
): BudgetAllocation {
  let remaining = budget;
  const lines: BudgetLine[] = [];
  for (const r of ranked) {
    const cost = costs.get(r.id) ?? 0;
    const funded = cost <= remaining;
    if (funded) remaining -= cost;
    lines.push({ id: r.id, cost, funded, remaining });
  }
  const funded = lines.filter((l) => l.funded).map((l) => l.id);
  const unfunded = lines.filter((l) => !l.funded).map((l) => l.id);

  const byRank = new Map<number, BudgetLine[]>();
  ranked.forEach((r, i) => {
    const group = byRank.get(r.rank) ?? [];
    group.push(lines[i]!);
    byRank.set(r.rank, group);
  });
  const tied: string[] = [];
  for (const group of byRank.values()) {
    if (group.some((l) => l.funded) && group.some((l) => !l.funded)) tied.push(...group.map((l) => l.id));
  }
  return { budget, spent: budget - remaining, left: remaining, lines, funded, unfunded, tied };
}
