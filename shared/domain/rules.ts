import { DEFAULT_MINUS_RATIO, defaultMinusVotes, defaultPlusVotes } from './voteCounts.ts';
import { err, ok, type Result } from './result.ts';

/** The resolved ballot rules of one round (d21-method.md §1). */
export interface BallotRules {
  /** Number of options C on the ballot. */
  options: number;
  /** Number of winners W the round selects. */
  winners: number;
  /** Plus votes P a voter may give. */
  plus: number;
  /** Minus votes M a voter may give (0 = plus-only). */
  minus: number;
  /** Rule 5: each minus needs `ratio` plus votes; 0 switches the rule off. */
  ratio: number;
  /**
   * §5.5 variant (Ďáblice): a minus vote only after all P plus votes are
   * used. Absent or false = the ratio alone.
   */
  minusAfterAllPlus?: boolean;
}

export interface RuleOverrides {
  plus?: number | undefined;
  minus?: number | undefined;
  ratio?: number | undefined;
  minusAfterAllPlus?: boolean | undefined;
}

export type RulesError = 'INVALID_RULES';

/**
 * Rule 7: defaults from the formula, each overridable by the facilitator
 * within 0 ≤ M ≤ P ≤ C. Overrides outside those bounds are an error, not
 * silently clamped, so the facilitator sees what the room will get.
 */
export function resolveRules(
  options: number,
  winners: number,
  overrides: RuleOverrides = {},
): Result<BallotRules, RulesError> {
  if (!Number.isInteger(options) || options < 1) {
    return err('INVALID_RULES', 'A round needs at least one proposal.');
  }
  if (!Number.isInteger(winners) || winners < 1 || winners > options) {
    return err('INVALID_RULES', `Winners must be between 1 and the number of proposals (${options}).`);
  }
  const plus = overrides.plus ?? defaultPlusVotes(options, winners);
  const minus = overrides.minus ?? Math.min(defaultMinusVotes(plus), plus);
  const ratio = overrides.ratio ?? DEFAULT_MINUS_RATIO;
  if (!Number.isInteger(plus) || plus < 0 || plus > options) {
    return err('INVALID_RULES', `Plus votes must be between 0 and ${options} (the number of proposals).`);
  }
  if (!Number.isInteger(minus) || minus < 0 || minus > plus) {
    return err('INVALID_RULES', `Minus votes must be between 0 and the plus votes (${plus}).`);
  }
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 10) {
    return err('INVALID_RULES', 'The minus-needs-plus ratio must be between 0 (off) and 10.');
  }
  return ok(overrides.minusAfterAllPlus ? { options, winners, plus, minus, ratio, minusAfterAllPlus: true } : { options, winners, plus, minus, ratio });
}

/**
 * Plus votes a ballot with `minusUsed` minus votes needs: rule 5's ratio,
 * or under §5.5's "minus only after all plus" every one of the P plus votes
 * as soon as there is one minus vote.
 */
export function plusNeededForMinus(
  rules: Pick<BallotRules, 'ratio'> & Partial<Pick<BallotRules, 'plus' | 'minusAfterAllPlus'>>,
  minusUsed: number,
): number {
  // The epsilon absorbs float error (2.2 × 25 = 55.000000000000007 in binary).
  const byRatio = Math.max(0, Math.ceil(rules.ratio * minusUsed - 1e-9));
  return rules.minusAfterAllPlus && minusUsed > 0 ? Math.max(byRatio, rules.plus ?? 0) : byRatio;
}
