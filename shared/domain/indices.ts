/**
 * Live indices (d21-method.md §3). Shares are of voters, not votes:
 * support = plus/n, opposition = minus/n, n = ballots cast (abstentions
 * included). Every index is in [0, 1] and 0 when n = 0.
 */

export function share(count: number, voters: number): number {
  return voters > 0 ? count / voters : 0;
}

/**
 * Polarisation = 4 · support · opposition. 0 when nobody votes plus or
 * nobody votes minus; 1 only when half the voters vote plus and half minus
 * (support + opposition ≤ 1, so the product peaks at ½ · ½).
 */
export function polarisation(support: number, opposition: number): number {
  return clamp01(4 * support * opposition);
}

/**
 * Consensus = support · (1 − opposition): broad support and little
 * opposition. Everyone plus → 1; equal plus and minus (s = o = x) gives
 * x(1 − x) ≤ ¼; never above support, never above 1 − opposition.
 */
export function consensus(support: number, opposition: number): number {
  return clamp01(support * (1 - opposition));
}

export interface GroupCounts {
  /** Voters in the group who cast a ballot. */
  n: number;
  plus: number;
  minus: number;
}

/**
 * Group-informed consensus as in Pol.is: Π_g (plus_g + 1)/(n_g + 2), high
 * only when every group supports the option; `rejection` is its mirror with
 * minus votes (an option every group rejects). With no groups both are 0.
 */
export function groupInformedConsensus(groups: readonly GroupCounts[]): { agreement: number; rejection: number } {
  if (groups.length === 0) return { agreement: 0, rejection: 0 };
  let agreement = 1;
  let rejection = 1;
  for (const g of groups) {
    agreement *= (g.plus + 1) / (g.n + 2);
    rejection *= (g.minus + 1) / (g.n + 2);
  }
  return { agreement, rejection };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
