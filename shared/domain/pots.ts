import { allocateBudget, type BudgetAllocation, type BudgetLine } from './budget.ts';
import { err, ok, type Result } from './result.ts';
import type { RankedOption } from './ranking.ts';

/**
 * Budget pots (d21-method.md §5.7): several budgets in one round, each
 * proposal in exactly one pot, each pot funded separately by §2's walk
 * (Prague 10 2016-17: large projects 3 M CZK, small ones 2 M CZK).
 */
export interface Pot {
  id: string;
  label: string;
  /** Whole currency units. */
  budget: number;
}

/** One pot's walk: its own budget, spend and lines. */
export interface PotAllocation extends BudgetAllocation {
  id: string;
  label: string;
}

export type PotError = 'INVALID_POTS';

/**
 * The pot of each proposal: `potOf` names it; a proposal it leaves out is
 * in the first pot (the console shows every assignment, so this is never
 * silent). Errors when there are no pots, pot ids repeat, or `potOf` names
 * an unknown pot or a proposal not in the round.
 */
export function assignPots(
  proposalIds: readonly string[],
  pots: readonly Pot[],
  potOf: Readonly<Record<string, string>>,
): Result<Map<string, string>, PotError> {
  if (pots.length === 0) return err('INVALID_POTS', 'A round with pots needs at least one pot.');
  const ids = new Set(pots.map((p) => p.id));
  if (ids.size !== pots.length) return err('INVALID_POTS', 'Two pots have the same id.');
  const inRound = new Set(proposalIds);
  for (const [proposal, pot] of Object.entries(potOf)) {
    if (!inRound.has(proposal)) return err('INVALID_POTS', `"${proposal.slice(0, 40)}" is not a proposal in this round.`);
    if (!ids.has(pot)) return err('INVALID_POTS', `No pot "${pot.slice(0, 40)}" in this round.`);
  }
  const first = pots[0]!.id;
  return ok(new Map(proposalIds.map((id) => [id, potOf[id] ?? first])));
}

/**
 * Walks each pot separately in ranking order, skipping what no longer fits
 * that pot (§5.7 with §2). `ranked` holds the eligible options only.
 * Invariant, property-tested: each pot's spend ≤ its budget, every funded
 * option is in exactly one pot.
 */
export function allocatePots(
  ranked: readonly RankedOption[],
  costs: ReadonlyMap<string, number>,
  pots: readonly Pot[],
  potOf: ReadonlyMap<string, string>,
): PotAllocation[] {
  return pots.map((pot) => {
    const mine = ranked.filter((r) => potOf.get(r.id) === pot.id);
    const walk = allocateBudget(mine, costs, pot.budget);
    return { id: pot.id, label: pot.label, ...walk, lines: walk.lines.map((l) => ({ ...l, pot: pot.id })) };
  });
}

/**
 * All pots as one allocation in ranking order (screens that show a single
 * budget list): budget and spend are the sums; each line's `remaining` is
 * its own pot's.
 */
export function mergePots(ranked: readonly RankedOption[], pots: readonly PotAllocation[]): BudgetAllocation {
  const byId = new Map<string, BudgetLine>();
  for (const p of pots) for (const l of p.lines) byId.set(l.id, l);
  const lines = ranked.flatMap((r) => byId.get(r.id) ?? []);
  const sum = (f: (p: PotAllocation) => number) => pots.reduce((s, p) => s + f(p), 0);
  return {
    budget: sum((p) => p.budget),
    spent: sum((p) => p.spent),
    left: sum((p) => p.left),
    lines,
    funded: lines.filter((l) => l.funded).map((l) => l.id),
    unfunded: lines.filter((l) => !l.funded).map((l) => l.id),
    tied: pots.flatMap((p) => p.tied),
  };
}
