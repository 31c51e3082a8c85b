import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CO_SUPPORT_MIN_VOTERS, coSupport, largestOverlaps, type Ballot } from '../../shared/domain/index.ts';

const ballots = (n: number, b: Ballot): Ballot[] => Array.from({ length: n }, () => b);

describe('§5.8 co-support ("rich data")', () => {
  it('§5.8 share of A\'s plus-voters who plus\'d B, and who minus\'d B', () => {
    const all = [
      ...ballots(5, { plus: ['library', 'park'], minus: [] }),
      ...ballots(2, { plus: ['library'], minus: ['park'] }),
      ...ballots(1, { plus: ['library'], minus: [] }),
      ...ballots(6, { plus: ['park'], minus: ['library'] }),
    ];
    const cs = coSupport(['library', 'park'], all);
    const [library, park] = cs.rows;
    expect(library).toEqual({ id: 'library', backers: 8, shown: true, plus: [null, 5 / 8], minus: [null, 2 / 8] });
    expect(park).toEqual({ id: 'park', backers: 11, shown: true, plus: [5 / 11, null], minus: [6 / 11, null] });
  });

  it('§5.8 never shown for fewer than 5 voters: a row backed by 4 is all null', () => {
    expect(CO_SUPPORT_MIN_VOTERS).toBe(5);
    const cs = coSupport(['a', 'b'], [...ballots(4, { plus: ['a', 'b'], minus: [] }), ...ballots(1, { plus: ['b'], minus: [] })]);
    expect(cs.rows[0]).toEqual({ id: 'a', backers: 4, shown: false, plus: [null, null], minus: [null, null] });
    expect(cs.rows[1]!.shown).toBe(true);
    expect(largestOverlaps(cs, 5)).toEqual([{ a: 'b', b: 'a', share: 4 / 5, backers: 5 }]);
  });

  it('§5.8 the largest overlaps come first, for the words under the heatmap', () => {
    const all = [...ballots(6, { plus: ['a', 'b'], minus: [] }), ...ballots(4, { plus: ['a', 'c'], minus: [] }), ...ballots(10, { plus: ['b'], minus: [] })];
    const top = largestOverlaps(coSupport(['a', 'b', 'c'], all), 2);
    expect(top.map((o) => [o.a, o.b, o.share])).toEqual([['a', 'b', 0.6], ['a', 'c', 0.4]]);
  });

  it('§5.8 property: shares in [0,1], plus + minus of A\'s backers on B ≤ 1, equal to a direct count', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const ballotArb = fc
      .shuffledSubarray(ids)
      .chain((picked) => fc.nat(picked.length).map((k) => ({ plus: picked.slice(0, k), minus: picked.slice(k) })));
    fc.assert(
      fc.property(fc.array(ballotArb, { maxLength: 200 }), (all) => {
        const cs = coSupport(ids, all);
        cs.rows.forEach((row, a) => {
          const backers = all.filter((b) => b.plus.includes(ids[a]!));
          expect(row.backers).toBe(backers.length);
          expect(row.shown).toBe(backers.length >= 5);
          ids.forEach((other, x) => {
            const p = row.plus[x]!;
            const m = row.minus[x]!;
            if (!row.shown || x === a) {
              expect([p, m]).toEqual([null, null]);
              return;
            }
            expect(p).toBeCloseTo(backers.filter((b) => b.plus.includes(other)).length / backers.length, 12);
            expect(m).toBeCloseTo(backers.filter((b) => b.minus.includes(other)).length / backers.length, 12);
            expect(p + m).toBeLessThanOrEqual(1 + 1e-12);
          });
        });
      }),
    );
  });
});
