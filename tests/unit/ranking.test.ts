import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rankOptions } from '../../shared/domain/index.ts';
import type { CutStatus } from '../../shared/domain/index.ts';
import { tallyOf, type Counts } from '../support/tallies.ts';

describe('rankOptions: ranking by net, min-rank ties (§2)', () => {
  it('ties share the lowest rank: 1, 2, 2, 4', () => {
    const ranked = rankOptions(tallyOf([['a', 5, 0], ['b', 4, 1], ['c', 3, 0], ['d', 1, 0]]), 1);
    expect(ranked.map((r) => [r.id, r.net, r.rank])).toEqual([
      ['a', 5, 1],
      ['b', 3, 2],
      ['c', 3, 2],
      ['d', 1, 4],
    ]);
  });

  it('sorts by net (plus − minus) descending, not by plus', () => {
    const ranked = rankOptions(tallyOf([['many-plus', 10, 9], ['few-plus', 3, 0], ['neg', 0, 2]]), 1);
    expect(ranked.map((r) => r.id)).toEqual(['few-plus', 'many-plus', 'neg']);
    expect(ranked.map((r) => r.net)).toEqual([3, 1, -2]);
  });

  it('within a tie, more plus first, then ballot order (display only; rank equal)', () => {
    const ranked = rankOptions(tallyOf([['x', 2, 0], ['y', 4, 2], ['z', 2, 0]]), 3);
    expect(ranked.map((r) => r.id)).toEqual(['y', 'x', 'z']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1]);
  });

  it('all tied: 1, 1, 1, 1', () => {
    const ranked = rankOptions(tallyOf([['a', 0, 0], ['b', 0, 0], ['c', 0, 0], ['d', 0, 0]]), 2);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1, 1]);
    expect(ranked.map((r) => r.status)).toEqual(['tied', 'tied', 'tied', 'tied']);
  });

  it('copies plus, minus and computes net', () => {
    const [r] = rankOptions(tallyOf([['a', 7, 3]]), 1);
    expect(r).toEqual({ id: 'a', plus: 7, minus: 3, net: 4, rank: 1, status: 'winner', excluded: [] });
  });

  it('no options → empty ranking', () => {
    expect(rankOptions(tallyOf([]), 1)).toEqual([]);
  });
});

describe('rankOptions: cut line statuses for W winners (§2, ours)', () => {
  const rows: Counts = [['a', 5, 0], ['b', 4, 1], ['c', 3, 0], ['d', 1, 0], ['e', 0, 1]];
  // nets: a 5 (rank 1), b 3 & c 3 (rank 2), d 1 (rank 4), e −1 (rank 5)
  it.each<[number, CutStatus[]]>([
    [1, ['winner', 'out', 'out', 'out', 'out']],
    [2, ['winner', 'tied', 'tied', 'out', 'out']], // the tie straddles the cut
    [3, ['winner', 'winner', 'winner', 'out', 'out']], // the whole tie fits
    [4, ['winner', 'winner', 'winner', 'winner', 'out']],
    [5, ['winner', 'winner', 'winner', 'winner', 'winner']],
    [9, ['winner', 'winner', 'winner', 'winner', 'winner']], // W > C
  ])('W=%i', (w, statuses) => {
    const ranked = rankOptions(tallyOf(rows), w);
    expect(ranked.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ranked.map((r) => r.status)).toEqual(statuses);
  });

  it('a tie at rank 1 for one seat is tied, not a winner', () => {
    const ranked = rankOptions(tallyOf([['a', 3, 0], ['b', 3, 0], ['c', 1, 0]]), 1);
    expect(ranked.map((r) => r.status)).toEqual(['tied', 'tied', 'out']);
  });
});

/** Random tallies: up to 12 options with small counts (many ties). */
const tallies = fc.array(fc.tuple(fc.nat({ max: 6 }), fc.nat({ max: 6 })), { maxLength: 12 }).map((counts) =>
  counts.map(([p, m], i): [string, number, number] => [`o${i}`, p, m]),
);

describe('rankOptions properties', () => {
  it('ranks non-decreasing, net non-increasing; rank is 1 + the number of options with a strictly higher net', () => {
    fc.assert(
      fc.property(tallies, fc.integer({ min: 1, max: 14 }), (rows, w) => {
        const ranked = rankOptions(tallyOf(rows), w);
        expect(ranked.map((r) => r.id).sort()).toEqual(rows.map(([id]) => id).sort());
        for (let i = 1; i < ranked.length; i++) {
          expect(ranked[i]!.rank).toBeGreaterThanOrEqual(ranked[i - 1]!.rank);
          expect(ranked[i]!.net).toBeLessThanOrEqual(ranked[i - 1]!.net);
          expect(ranked[i]!.rank === ranked[i - 1]!.rank).toBe(ranked[i]!.net === ranked[i - 1]!.net);
        }
        for (const r of ranked) {
          expect(r.net).toBe(r.plus - r.minus);
          expect(r.rank).toBe(1 + ranked.filter((o) => o.net > r.net).length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('winners ≤ W, winners + tied ≥ min(W, C); statuses follow the rank', () => {
    fc.assert(
      fc.property(tallies, fc.integer({ min: 1, max: 14 }), (rows, w) => {
        const ranked = rankOptions(tallyOf(rows), w);
        const winners = ranked.filter((r) => r.status === 'winner').length;
        const tied = ranked.filter((r) => r.status === 'tied').length;
        expect(winners).toBeLessThanOrEqual(w);
        expect(winners + tied).toBeGreaterThanOrEqual(Math.min(w, rows.length));
        for (const r of ranked) {
          const sameNet = ranked.filter((o) => o.net === r.net).length;
          const lastPlace = r.rank + sameNet - 1;
          const expected: CutStatus = lastPlace <= w ? 'winner' : r.rank <= w ? 'tied' : 'out';
          expect(r.status).toBe(expected);
          // an option's status never beats that of a higher-net option
          for (const o of ranked) if (o.net > r.net && r.status === 'winner') expect(o.status).toBe('winner');
        }
        // all tied options share one net (only one tie group can straddle the cut)
        expect(new Set(ranked.filter((r) => r.status === 'tied').map((r) => r.net)).size).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the input order of options (rank and status)', () => {
    fc.assert(
      fc.property(
        tallies.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        fc.integer({ min: 1, max: 14 }),
        ([rows, shuffled], w) => {
          const key = (rs: ReturnType<typeof rankOptions>) =>
            Object.fromEntries(rs.map((r) => [r.id, [r.rank, r.status]]));
          expect(key(rankOptions(tallyOf(shuffled), w))).toEqual(key(rankOptions(tallyOf(rows), w)));
        },
      ),
    );
  });
});
