/**
 * Default numbers of plus and minus votes (d21-method.md §1 rules 3–4).
 * The ideal count grows with the number of winners W; it is capped when
 * there are few options C so that one faction's plus votes cannot cover
 * every option.
 */

/** φ = (√5 − 1)/2, the constant of the published D21 formula. */
const PHI = (Math.sqrt(5) - 1) / 2;

/** Rule 3, ideal: round(2W − (W − 2)·φ). W=1→3, 2→4, 3→5, 4→7, 5→8 … */
export function idealPlusVotes(winners: number): number {
  return Math.round(2 * winners - (winners - 2) * PHI);
}

/** Rule 3, cap: floor((√((W−1)² + 4C) + W − 1) / 2). */
export function plusVotesCap(options: number, winners: number): number {
  return Math.floor((Math.sqrt((winners - 1) ** 2 + 4 * options) + winners - 1) / 2);
}

/**
 * Rule 3: the default plus votes for C options and W winners, including the
 * special case C=3, W=1 → 2. Never more than C (no cumulation, rule 1).
 */
export function defaultPlusVotes(options: number, winners: number): number {
  if (options <= 0) return 0;
  const w = Math.max(1, winners);
  if (options === 3 && w === 1) return 2;
  return Math.max(1, Math.min(idealPlusVotes(w), plusVotesCap(options, w), options));
}

/** Rule 4 (ours): floor(P/2), which fits every published case (3→1, 4→2). */
export function defaultMinusVotes(plus: number): number {
  return Math.floor(plus / 2);
}

/** Rule 5: the default minus-needs-plus ratio (0 switches the rule off). */
export const DEFAULT_MINUS_RATIO = 2;
