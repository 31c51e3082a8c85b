import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBallot, assignCounts, createTally, tallyCounts } from '../../shared/domain/index.ts';

/** assignCounts is the inverse of tallyCounts: a tally rebuilt from counts made elsewhere (store, cluster) is the same tally. */
describe('assignCounts', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
  const ballot = fc.record({ plus: fc.subarray(ids, { maxLength: 4 }), minus: fc.subarray(ids, { maxLength: 2 }) });

  it('assignCounts(fresh, tallyCounts(t)) equals t, whatever ballots made t', () => {
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 80 }), (ballots) => {
        const t = createTally(ids);
        for (const b of ballots) applyBallot(t, undefined, { plus: b.plus, minus: b.minus.filter((m) => !b.plus.includes(m)) });
        const rebuilt = assignCounts(createTally(ids), tallyCounts(t));
        expect(tallyCounts(rebuilt)).toEqual(tallyCounts(t));
        expect(rebuilt.plus).toEqual(t.plus);
      }),
    );
  });

  it('overwrites earlier counts; options missing from the counts are 0, unknown ids are ignored', () => {
    const t = createTally(['a', 'b', 'c']);
    applyBallot(t, undefined, { plus: ['a', 'b'], minus: ['c'] });
    assignCounts(t, { ballots: 3, abstentions: 1, plus: { b: 2, zz: 9 }, minus: {} });
    expect(tallyCounts(t)).toEqual({ ballots: 3, abstentions: 1, plus: { a: 0, b: 2, c: 0 }, minus: { a: 0, b: 0, c: 0 } });
  });
});
