import { allocateBudget, type BudgetAllocation } from './budget.ts';
import { consensus, polarisation, share } from './indices.ts';
import { rankOptions, type CutStatus } from './ranking.ts';
import type { Tally } from './tally.ts';

export interface OptionResult {
  id: string;
  plus: number;
  minus: number;
  net: number;
  rank: number;
  status: CutStatus;
  support: number;
  opposition: number;
  consensus: number;
  polarisation: number;
}

export interface RoundResults {
  /** n: ballots cast, abstentions included; the indices rest on this many. */
  ballots: number;
  abstentions: number;
  /** Ranked, best first. */
  options: OptionResult[];
  winners: string[];
  /** Options straddling the cut line for W winners: for the facilitator. */
  tiedAtCut: string[];
  budget?: BudgetAllocation;
}

export interface ResultsSettings {
  winners: number;
  budget?: number | null | undefined;
  costs?: ReadonlyMap<string, number>;
}

/** Everything the screens show about a round, derived from its tally. */
export function computeResults(t: Tally, settings: ResultsSettings): RoundResults {
  const ranked = rankOptions(t, settings.winners);
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
  };
  if (settings.budget != null) {
    results.budget = allocateBudget(ranked, settings.costs ?? new Map(), settings.budget);
  }
  return results;
}
