/**
 * Exclusion thresholds (d21-method.md §5.2). A proposal that crosses one is
 * excluded: never a winner, never funded, and shown with its reasons. All
 * thresholds are off by default (the core rules exclude nothing).
 */

export interface ExclusionRules {
  /** Exclude when net = plus − minus is below 0 (Středočeský kraj, Týnec). */
  netBelowZero: boolean;
  /**
   * Exclude when minus votes exceed this share of voters, in percent of n
   * (ballots cast, abstentions included). Praha 15 used 25. null = off.
   */
  maxMinusPercent: number | null;
  /** Exclude when the proposal has fewer than this many plus votes. null = off. */
  minPlus: number | null;
}

/** Stable codes; screens translate them, tests match on them. */
export type ExclusionReason = 'NET_BELOW_ZERO' | 'MINUS_OVER_SHARE' | 'TOO_FEW_PLUS';

export const NO_EXCLUSION: ExclusionRules = { netBelowZero: false, maxMinusPercent: null, minPlus: null };

/** True when any threshold is switched on. */
export function hasExclusion(rules: ExclusionRules): boolean {
  return rules.netBelowZero || rules.maxMinusPercent !== null || rules.minPlus !== null;
}

/**
 * The thresholds a proposal with these counts crosses, in a fixed order
 * (empty = eligible). `voters` is n, the ballots cast. "Exceed" is strict:
 * with 25 % and 100 voters, 25 minus votes is still eligible, 26 is not.
 * Compared as minus·100 > percent·n so that whole numbers stay exact.
 */
export function exclusionReasons(counts: { plus: number; minus: number }, voters: number, rules: ExclusionRules): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  if (rules.netBelowZero && counts.plus - counts.minus < 0) reasons.push('NET_BELOW_ZERO');
  if (rules.maxMinusPercent !== null && counts.minus * 100 > rules.maxMinusPercent * voters) reasons.push('MINUS_OVER_SHARE');
  if (rules.minPlus !== null && counts.plus < rules.minPlus) reasons.push('TOO_FEW_PLUS');
  return reasons;
}

/** The reason in English words, for exports and logs (screens use their catalogs). */
export function describeExclusion(reason: ExclusionReason, rules: ExclusionRules): string {
  switch (reason) {
    case 'NET_BELOW_ZERO':
      return 'net score below 0';
    case 'MINUS_OVER_SHARE':
      return `minus votes from more than ${rules.maxMinusPercent ?? 0} % of voters`;
    case 'TOO_FEW_PLUS':
      return `fewer than ${rules.minPlus ?? 0} plus votes`;
  }
}
