import type { GroupCounts } from './indices.ts';
import { propTest, Z90 } from './opinionGroupsRepness.ts';

/**
 * Which proposals bridge the opinion groups (docs/opinion-groups.md,
 * "Bridging proposals").
 *
 * Pol.is ranks statements by group-informed consensus, GIC = Π_g (a_g + 1)/(n_g + 2)
 * (compdemocracy/polis math/src/polismath/math/conversation.clj,
 * `group-aware-consensus`), but a rank is not a verdict: the top of a split
 * room's list is still backed by one group only (+24 / +4 / +3 gives
 * GIC 0.02 and still leads). Pol.is calls a statement a *consensus
 * statement* only when it passes a test (repness.clj,
 * `select-consensus-comments`): agree probability pa = (a + 1)/(n + 2) > ½
 * and the one-proportion test for "more than half" (stats.clj `prop-test`)
 * significant at one-sided 90 %. Pol.is applies that test to the whole
 * room; a big group can carry it alone, so here it is applied **within
 * every group**:
 *
 *   bridging ⇔ for every group g:  (a_g + 1)/(n_g + 2) > ½  and  2 √(n_g + 1) · ((a_g + 1)/(n_g + 1) − ½) > 1.2816
 *
 * with a_g the group's plus votes and n_g its ballots. The first half is a
 * strict majority of plus votes (a_g > n_g / 2); the second asks that the
 * majority be clear for the group's size: 4 of 5, 7 of 10, 30 of 50,
 * 56 of 100. Both together bound GIC from below, GIC > (½)^k for k groups,
 * so no separate GIC floor is needed; GIC only orders the bridging ones.
 */

/** Within one group: Pol.is's consensus-statement test (pa > ½ and prop-test > Z90) on the group's plus votes. */
export function backedByGroup(g: GroupCounts): boolean {
  if (g.n <= 0) return false;
  return (g.plus + 1) / (g.n + 2) > 0.5 && propTest(g.plus, g.n) > Z90;
}

/**
 * A proposal bridges the groups when every group backs it clearly
 * (`backedByGroup`, Pol.is's consensus test within each group; see the
 * module comment). False with fewer than two groups: with one group there
 * is nothing to bridge.
 */
export function bridgesGroups(groups: readonly GroupCounts[]): boolean {
  return groups.length >= 2 && groups.every(backedByGroup);
}
