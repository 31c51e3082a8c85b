import { allocateBudget, type BudgetAllocation } from './budget.ts';
import { NO_EXCLUSION, type ExclusionReason, type ExclusionRules } from './exclusion.ts';
import { consensus, polarisation, share } from './indices.ts';
import { allocatePots, mergePots, type Pot, type PotAllocation } from './pots.ts';
import { rankRound, type RankBy, type RankedOption, type TieBreakRecord, type TieBreakRule } from './ranking.ts';
import type { Tally } from './tally.ts';

/** One option's line of the results: its place in the ranking (ranking.ts) and its indices (indices.ts). */
export interface OptionResult extends RankedOption {
  support: number;
  opposition: number;
  consensus: number;
  polarisation: number;
}

export interface RoundResults {
  /** n: ballots cast, abstentions included; the indices rest on this many. */
  ballots: number;
  abstentions: number;
  /** Ranked, best first; excluded options last. */
  options: OptionResult[];
  winners: string[];
  /** Options straddling the cut line for W winners: for the facilitator. */
  tiedAtCut: string[];
  /** What ordered the ranking (§5.4). */
  rankBy: RankBy;
  /** The thresholds in force (§5.2), so screens can say why a proposal is excluded. */
  exclusion: ExclusionRules;
  /** Options excluded, in ranking order, with their reasons. */
  excluded: { id: string; reasons: ExclusionReason[] }[];
  /** How ties were handled (§5.3), recorded with the result. */
  tieBreak: TieBreakRecord;
  /** Budget rounds: the whole walk (with pots: all pots merged, in ranking order). */
  budget?: BudgetAllocation;
  /** Budget rounds with pots (§5.7): each pot's own walk. */
  pots?: PotAllocation[];
}

export interface ResultsSettings {
  winners: number;
  budget?: number | null | undefined;
  costs?: ReadonlyMap<string, number>;
  rankBy?: RankBy | undefined;
  exclusion?: ExclusionRules | undefined;
  tieBreak?: TieBreakRule | undefined;
  /** Seed of the draw under `plusMinusDraw`, recorded in the result (null = not drawn yet). */
  seed?: string | null | undefined;
  /** Several budgets in one round (§5.7); replaces `budget` when set. */
  pots?: readonly Pot[] | null | undefined;
  /** Proposal id → pot id (see assignPots: every option of the round). */
  potOf?: ReadonlyMap<string, string> | undefined;
}

/** Everything the screens show about a round, derived from its tally. */
export function computeResults(t: Tally, settings: ResultsSettings): RoundResults {
  const exclusion = settings.exclusion ?? NO_EXCLUSION;
  const { ranked, tieBreak } = rankRound(t, settings.winners, {
    rankBy: settings.rankBy,
    exclusion,
    tieBreak: settings.tieBreak,
    seed: settings.seed,
  });
  const n = t.ballots;
  const options = ranked.map((r): OptionResult => {
    const support = share(r.plus, n);
    const opposition = share(r.minus, n);
    return {
      ...r,
      support,
      opposition,
      consensus: consensus(support, opposition),
      polarisation: polarisation(support, opposition),
    };
  });
  const results: RoundResults = {
    ballots: n,
    abstentions: t.abstentions,
    options,
    winners: options.filter((o) => o.status === 'winner').map((o) => o.id),
    tiedAtCut: options.filter((o) => o.status === 'tied').map((o) => o.id),
    rankBy: settings.rankBy ?? 'net',
    exclusion,
    excluded: options.filter((o) => o.status === 'excluded').map((o) => ({ id: o.id, reasons: o.excluded })),
    tieBreak,
  };
  // An excluded option is never funded (§5.2): only eligible ones walk the budget.
  const eligible = ranked.filter((r) => r.status !== 'excluded');
  const costs = settings.costs ?? new Map<string, number>();
  if (settings.pots && settings.pots.length > 0) {
    const potOf = settings.potOf ?? new Map(t.optionIds.map((id) => [id, settings.pots![0]!.id]));
    results.pots = allocatePots(eligible, costs, settings.pots, potOf);
    results.budget = mergePots(eligible, results.pots);
  } else if (settings.budget != null) {
    results.budget = allocateBudget(eligible, costs, settings.budget);
  }
  return results;
}
