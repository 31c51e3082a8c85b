import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BallotIdFilter } from '../../server/hub/ballotIdFilter.ts';

/**
 * The filter that spares the store a receipt lookup on every ballot change
 * (server/hub/ballotIdFilter.ts): it may say "maybe" for a pair it never
 * saw, but never "no" for one it did, whatever the ids and however full.
 */
describe('BallotIdFilter', () => {
  const id = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);

  it('never misses a pair it was given, even when overfull (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(id, id), { minLength: 1, maxLength: 300 }), fc.integer({ min: 5, max: 14 }), (pairs, log2bits) => {
        const filter = new BallotIdFilter(2 ** log2bits);
        for (const [p, b] of pairs) filter.add(p, b);
        for (const [p, b] of pairs) expect(filter.mayHave(p, b)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('tells the participant apart from the ballot id (no shared key by concatenation)', () => {
    const filter = new BallotIdFilter(1 << 16);
    filter.add('voter-1', 'ballot-1');
    expect(filter.mayHave('voter-1', 'ballot-1')).toBe(true);
    expect(filter.mayHave('voter-1ballot-', '1')).toBe(false);
    expect(filter.mayHave('voter-2', 'ballot-1')).toBe(false);
  });

  it('at the room’s size (10,000 voters, 12 changes each) almost every new id is known to be new', () => {
    const filter = new BallotIdFilter();
    for (let v = 0; v < 10_000; v++) for (let k = 0; k < 12; k++) filter.add(`participant-${v}`, `g1-v${v}-n${k}-abcdef`);
    let maybe = 0;
    for (let v = 0; v < 10_000; v++) for (let k = 12; k < 22; k++) if (filter.mayHave(`participant-${v}`, `g1-v${v}-n${k}-abcdef`)) maybe++;
    // 100,000 fresh ids; the expected false-positive rate is about 0.06 %.
    expect(maybe).toBeLessThan(1_000);
  });
});
