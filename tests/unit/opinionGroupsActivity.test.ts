import { describe, expect, it } from 'vitest';
import { opinionGroups, type Ballot } from '../../shared/domain/index.ts';
import { prng } from '../../shared/domain/random.ts';
import { adjustedRandIndex, correlation } from '../support/clusterAgreement.ts';

/**
 * Plus-only rounds (NYC-style: 5 plus votes, no minus) at real size, camps ×
 * activity levels (docs/opinion-groups.md, "Activity does not make the
 * groups"). In plus-only ballots the only values are "plus" and "no vote",
 * so a voter who casts 5 plus votes is far from one who casts 3 whatever
 * they back; the groups must still be the camps. Before no votes were
 * centred as answers, the first map axis was "votes cast" (correlation
 * 0.8–0.96 with it) and three camps came out as two groups (ARI 0.3–0.8).
 */
const PROPOSALS = 15;
const PLUS = 5;
const ids = Array.from({ length: PROPOSALS }, (_, j) => `p${j}`);
type Activity = 'light' | 'heavy' | 'mixed';

/**
 * `voters` ballots in `camps` camps (voter v in camp v mod camps; proposal j
 * belongs to camp j mod camps). Light voters cast 3 plus votes (the least a
 * 5-vote ballot needs to be grouped), heavy ones all 5, mixed rooms half
 * and half; one vote in ten goes to another camp's proposal; every tenth
 * voter casts only 1 or 2 votes (left out of the groups).
 */
function room(seed: number, camps: number, activity: Activity, voters = 100) {
  const random = prng(seed);
  const camp: number[] = [];
  const heavy: boolean[] = [];
  const ballots: Ballot[] = Array.from({ length: voters }, (_, v) => {
    const c = v % camps;
    const isHeavy = activity === 'heavy' || (activity === 'mixed' && random() < 0.5);
    const k = v % 10 === 9 ? 1 + Math.floor(random() * 2) : isHeavy ? PLUS : 3;
    const own = ids.filter((_, j) => j % camps === c);
    const other = ids.filter((_, j) => j % camps !== c);
    const plus = new Set<string>();
    while (plus.size < k) {
      const from = random() < 0.1 ? other : own;
      plus.add(from[Math.floor(random() * from.length)]!);
    }
    camp.push(c);
    heavy.push(isHeavy);
    return { plus: [...plus], minus: [] };
  });
  return { ballots, camp, heavy };
}

describe('plus-only rounds at real size: the groups are the camps, not how many votes people cast', () => {
  const table = [2, 3].flatMap((camps) => (['light', 'heavy', 'mixed'] as const).map((activity) => ({ camps, activity })));

  it.each(table)('$camps camps, $activity voters (100 voters, 15 proposals, 5 plus 0 minus; 8 seeds)', ({ camps, activity }) => {
    const aris: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const r = room(seed, camps, activity);
      const g = opinionGroups(ids, r.ballots, { capacity: PLUS, noVoteObserved: true })!;
      expect(g).not.toBeNull();
      const kept = r.ballots.map((_, i) => i).filter((i) => g.assignment[i]! >= 0);
      expect(kept.length).toBeGreaterThanOrEqual(85);
      const groups = kept.map((i) => g.assignment[i]!);
      aris.push(adjustedRandIndex(kept.map((i) => r.camp[i]!), groups));
      // Each group is one camp (a camp may be split in two when its voters
      // back different halves of its list), and every camp has a group.
      const majority = g.sizes.map((_, k) => {
        const counts = Array.from({ length: camps }, (_, c) => kept.filter((i) => g.assignment[i] === k && r.camp[i] === c).length);
        return counts.indexOf(Math.max(...counts));
      });
      const pure = kept.filter((i) => majority[g.assignment[i]!] === r.camp[i]).length / kept.length;
      expect(pure).toBeGreaterThan(0.9);
      expect(new Set(majority).size).toBe(camps);
      if (camps === 3) expect(g.sizes.length).toBe(3);
      if (activity === 'mixed') {
        // No group is "the heavy voters" or "the light ones".
        expect(Math.abs(adjustedRandIndex(kept.map((i) => (r.heavy[i] ? 1 : 0)), groups))).toBeLessThan(0.1);
        const votes = kept.map((i) => r.ballots[i]!.plus.length);
        g.sizes.forEach((_, k) => expect(Math.abs(correlation(groups.map((x) => (x === k ? 1 : 0)), votes))).toBeLessThan(0.4));
        // Neither map axis is "votes cast" (it was the first axis, r = 0.8–0.96).
        expect(Math.abs(correlation(kept.map((i) => g.x[i]!), votes))).toBeLessThan(0.5);
        expect(Math.abs(correlation(kept.map((i) => g.y[i]!), votes))).toBeLessThan(0.5);
      }
    }
    if (camps === 3) expect(Math.min(...aris)).toBeGreaterThan(0.85);
  });
});
