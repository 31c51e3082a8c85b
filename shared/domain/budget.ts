import type { RankedOption } from './ranking.ts';

export interface BudgetLine {
  id: string;
  cost: number;
  funded: boolean;
  /** Money left after this line was considered. */
  remaining: number;
}

export interface BudgetAllocation {
  budget: number;
  spent: number;
  left: number;
  lines: BudgetLine[];
  funded: string[];
  unfunded: string[];
  /**
   * Options whose funding depended on the order inside a tie of net score
   * (one funded, an equal-scored one not): shown to the facilitator, like a
   * tie at the cut line.
   */
  tied: string[];
}

/**
 * Participatory-budget funding (d21-method.md §2): walk the ranking, fund
 * each option that still fits the remaining budget, skip those that do not.
 * Costs are whole currency units so sums are exact. An option with no cost
 * costs 0 and is always funded.
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

  const byNet = new Map<number, BudgetLine[]>();
  ranked.forEach((r, i) => {
    const group = byNet.get(r.net) ?? [];
    group.push(lines[i]!);
    byNet.set(r.net, group);
  });
  const tied: string[] = [];
  for (const group of byNet.values()) {
    if (group.some((l) => l.funded) && group.some((l) => !l.funded)) tied.push(...group.map((l) => l.id));
  }
  return { budget, spent: budget - remaining, left: remaining, lines, funded, unfunded, tied };
}
