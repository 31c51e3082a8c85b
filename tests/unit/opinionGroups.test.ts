import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupInformedConsensus, opinionGroups, type Ballot } from '../../shared/domain/index.ts';
import { roomMap } from '../../shared/domain/index.ts';

const ids = ['bridge', 'a1', 'a2', 'b1', 'b2', 'quiet'];
/** Two opposed blocs that both back "bridge". */
function blocs(nA: number, nB: number): Ballot[] {
  return [
    ...Array.from({ length: nA }, () => ({ plus: ['bridge', 'a1', 'a2'], minus: ['b1'] })),
    ...Array.from({ length: nB }, () => ({ plus: ['bridge', 'b1', 'b2'], minus: ['a1'] })),
  ];
}

describe('opinion groups (d21-method §4: voters grouped by how they vote)', () => {
  it('finds two opposed blocs exactly, and the proposal both back has the highest group-informed consensus', () => {
    const g = opinionGroups(ids, blocs(12, 9))!;
    expect(g).not.toBeNull();
    expect([...g.sizes].sort()).toEqual([12, 9].sort());
    const first = g.assignment.slice(0, 12);
    const second = g.assignment.slice(12);
    expect(new Set(first).size).toBe(1);
    expect(new Set(second).size).toBe(1);
    expect(first[0]).not.toBe(second[0]);
    const byId = Object.fromEntries(g.options.map((o) => [o.id, o]));
    const top = [...g.options].sort((x, y) => y.agreement - x.agreement)[0]!;
    expect(top.id).toBe('bridge');
    // A bloc's own favourite is rejected by the other bloc: low agreement.
    expect(byId.a1!.agreement).toBeLessThan(byId.bridge!.agreement / 2);
    // The formula is Pol.is's, over these groups.
    expect(byId.bridge!.agreement).toBeCloseTo(groupInformedConsensus(byId.bridge!.groups).agreement, 12);
    expect(byId.bridge!.agreement).toBeCloseTo(((12 + 1) / (12 + 2)) * ((9 + 1) / (9 + 2)), 12);
  });

  it('forms no group smaller than minGroup, and no groups at all with too few voters', () => {
    expect(opinionGroups(ids, blocs(4, 4))).toBeNull();
    expect(opinionGroups(ids, blocs(12, 3))).toBeNull(); // a 3-person group would stand alone
    const g = opinionGroups(ids, blocs(30, 30), { minGroup: 5 })!;
    expect(Math.min(...g.sizes)).toBeGreaterThanOrEqual(5);
  });

  it('leaves out empty ballots (abstentions) and ballots with fewer than minVotes votes', () => {
    const ballots = [...blocs(10, 10), { plus: [], minus: [] }, { plus: ['a1'], minus: [] }, { plus: ['a1', 'b1'], minus: [] }];
    const g = opinionGroups(ids, ballots)!;
    expect(g.minVotes).toBe(3); // 6 proposals: min(7, 6, max(2, ⌈6 / 2⌉))
    expect(g.voters).toBe(20);
    expect(g.ballots).toBe(22);
    expect(g.leftOut).toBe(2);
    expect(g.assignment.slice(20)).toEqual([-1, -1, -1]);
    expect([...g.x.slice(20)].every(Number.isNaN)).toBe(true);
    // D21 limits set the rule: a 2-plus, 1-minus ballot needs 2 votes.
    expect(opinionGroups(ids, ballots, { capacity: 3 })!.minVotes).toBe(2);
  });

  it('finds three blocs and says what sets each apart (plus for its own, minus for its rival’s)', () => {
    const three = ['a', 'b', 'c', 'a2', 'b2', 'c2', 'common'];
    const bloc = (own: string, rival: string, n: number) => Array.from({ length: n }, () => ({ plus: [own, `${own}2`, 'common'], minus: [rival] }));
    const ballots = [...bloc('a', 'b', 20), ...bloc('b', 'c', 15), ...bloc('c', 'a', 10)];
    const g = opinionGroups(three, ballots)!;
    expect(g.sizes).toEqual([20, 15, 10]); // named largest first
    expect(g.assignment.slice(0, 20).every((x) => x === 0)).toBe(true);
    expect(g.assignment.slice(20, 35).every((x) => x === 1)).toBe(true);
    const reps = g.representatives[0]!;
    expect(reps.map((r) => `${r.optionId}${r.stance === 'plus' ? '+' : '−'}`)).toContain('a+');
    expect(reps.every((r) => r.significant)).toBe(true);
    const common = g.options.find((o) => o.id === 'common')!;
    expect(common.split).toBe(0);
    expect(g.options.find((o) => o.id === 'a')!.split).toBe(2); // group A all plus, group C all minus
  });

  it('the map: one dot per voter of a group and cell, counts adding up, the same for any ballot order', () => {
    const ballots = blocs(30, 25);
    const g = opinionGroups(ids, ballots)!;
    const map = roomMap(g);
    expect(map.dots.reduce((n, d) => n + d.count, 0)).toBe(55);
    for (const d of map.dots) {
      expect(Math.abs(d.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(d.y)).toBeLessThanOrEqual(1);
      expect(Object.keys(d).sort()).toEqual(['count', 'group', 'x', 'y']);
    }
    expect(map.centres).toHaveLength(2);
    expect(roomMap(opinionGroups(ids, [...ballots].reverse())!)).toEqual(map);
  });

  it('per-group counts add up to the plain tally of the grouped ballots (property)', () => {
    const ballot = fc
      .shuffledSubarray(ids, { minLength: 0, maxLength: 4 })
      .chain((plus) => fc.shuffledSubarray(ids.filter((i) => !plus.includes(i)), { maxLength: 2 }).map((minus) => ({ plus, minus })));
    fc.assert(
      fc.property(fc.array(ballot, { minLength: 0, maxLength: 80 }), (ballots) => {
        const g = opinionGroups(ids, ballots);
        if (!g) return;
        expect(g.sizes.reduce((s, n) => s + n, 0)).toBe(g.voters);
        expect(Math.min(...g.sizes)).toBeGreaterThanOrEqual(5);
        const kept = ballots.filter((b) => b.plus.length + b.minus.length >= g.minVotes);
        expect(kept).toHaveLength(g.voters);
        for (const o of g.options) {
          expect(o.groups.reduce((s, x) => s + x.plus, 0)).toBe(kept.filter((b) => b.plus.includes(o.id)).length);
          expect(o.groups.reduce((s, x) => s + x.minus, 0)).toBe(kept.filter((b) => b.minus.includes(o.id)).length);
          expect(o.agreement).toBeGreaterThan(0);
          expect(o.agreement).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

});

describe('plus-only rounds (NYC-style, no minus votes): no vote is an answer on a D21 paper', () => {
  const camps = (n: number, noisy: boolean): Ballot[] =>
    Array.from({ length: n }, (_, i) => (i % 2 ? { plus: noisy && i % 5 === 0 ? ['a1', 'a2'] : ['a1', 'a2', 'bridge'], minus: [] } : { plus: noisy && i % 7 === 0 ? ['b1', 'b2'] : ['b1', 'b2', 'quiet'], minus: [] }));

  it('two camps that never share a proposal are two groups, each one camp (Pol.is\'s mean over votes seen found none)', () => {
    for (const noisy of [false, true]) {
      const ballots = camps(40, noisy);
      // Pol.is imputation: every observed value is +1, every column's mean is 1, every voter the same.
      expect(opinionGroups(ids, ballots, { capacity: 3 })).toBeNull();
      const g = opinionGroups(ids, ballots, { capacity: 3, noVoteObserved: true })!;
      expect(g).not.toBeNull();
      expect(g.sizes).toHaveLength(2);
      const grouped = ballots.map((_, i) => g.assignment[i]!).filter((x) => x >= 0);
      expect(grouped.length).toBeGreaterThanOrEqual(30);
      // Each group holds one camp only.
      for (let i = 0; i < ballots.length; i++) {
        for (let j = 0; j < ballots.length; j++) {
          if (g.assignment[i]! < 0 || g.assignment[j]! < 0) continue;
          expect(g.assignment[i] === g.assignment[j]).toBe(i % 2 === j % 2);
        }
      }
    }
  });

  it('ballots with minus votes find the same groups either way (the D21 centre only adds what plus-only rounds lacked)', () => {
    const ballots = blocs(12, 9);
    const polis = opinionGroups(ids, ballots)!;
    const d21 = opinionGroups(ids, ballots, { noVoteObserved: true })!;
    expect([...d21.sizes].sort()).toEqual([...polis.sizes].sort());
  });
});
