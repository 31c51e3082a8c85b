import { practiceResultSettings, type RoundPractice } from './practice.ts';
import { computeResults, type RoundResults } from './results.ts';
import type { BallotRules } from './rules.ts';
import type { Tally } from './tally.ts';

/**
 * The ballot paper of a round: its own copy of each proposal exactly as
 * voters saw it, frozen when the round opens. Phones, ballot validation,
 * results, exports and the report of that round read this copy for ever;
 * later edits of the proposal apply to later rounds only. New per-proposal
 * fields (a pot, a category) are added here as optional fields.
 */
export interface PaperEntry {
  id: string;
  title: string;
  description: string;
  /** Whole currency units; null = no cost given (costs 0 in a budget round). */
  cost: number | null;
}

/** What opening needs to know of a proposal to put it on a paper. */
export interface PaperCandidate extends PaperEntry {
  status: 'approved' | 'pending' | 'rejected' | 'merged';
  mergedInto: string | null;
}

/** Why a proposal cannot go on a ballot paper. */
export interface PaperProblem {
  id: string;
  /** 'deleted' when the id names no proposal any more. */
  problem: 'deleted' | 'pending' | 'rejected' | 'merged';
  title: string | null;
}

/**
 * Freezes a paper: every listed proposal must exist and be approved (not
 * pending, rejected or merged into another). Returns the paper, in ballot
 * order, or every offender (not just the first), so the facilitator can fix
 * them all at once.
 */
export function freezePaper(
  proposalIds: readonly string[],
  lookup: (id: string) => PaperCandidate | undefined,
): { ok: true; paper: PaperEntry[] } | { ok: false; problems: PaperProblem[] } {
  const paper: PaperEntry[] = [];
  const problems: PaperProblem[] = [];
  for (const id of proposalIds) {
    const p = lookup(id);
    if (!p) problems.push({ id, problem: 'deleted', title: null });
    else if (p.status !== 'approved' || p.mergedInto !== null) problems.push({ id, problem: p.mergedInto !== null ? 'merged' : p.status as PaperProblem['problem'], title: p.title });
    else paper.push({ id: p.id, title: p.title, description: p.description, cost: p.cost });
  }
  return problems.length ? { ok: false, problems } : { ok: true, paper };
}

/** One line naming every offender: “Skate park” is rejected, p7 was deleted. */
export function describePaperProblems(problems: readonly PaperProblem[]): string {
  const parts = problems.map((p) => (p.problem === 'deleted' ? `${p.id} was deleted` : `“${p.title}” is ${p.problem}`));
  return `Only approved proposals go on a ballot: ${parts.join(', ')}.`;
}

/** The settings a round's results are computed with (winners, budget, the paper's costs). */
export interface PaperSettings {
  rules: BallotRules;
  budget: number | null;
  paper: readonly PaperEntry[];
  /** The round's d21-method.md §5 settings (exclusion, tie rule with its seed, ranking, pots); absent = core rules. */
  practice?: RoundPractice | undefined;
}

/**
 * Results of a round from its tally and its frozen paper: the one place
 * live results, the seal at close and `npm run verify` compute them, so
 * the three cannot drift. Costs come from the paper, never from the
 * proposals as they are now.
 */
export function paperResults(t: Tally, s: PaperSettings): RoundResults {
  const costs = new Map<string, number>();
  for (const p of s.paper) if (p.cost !== null) costs.set(p.id, p.cost);
  const practice = s.practice ? practiceResultSettings(s.practice, s.paper.map((p) => p.id)) : {};
  return computeResults(t, { winners: s.rules.winners, budget: s.budget, costs, ...practice });
}
