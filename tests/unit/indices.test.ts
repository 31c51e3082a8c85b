import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { consensus, groupInformedConsensus, polarisation, share } from '../../shared/domain/index.ts';

/** Voter counts: n voters, p plus, m minus with p + m ≤ n (one vote per option per voter). */
const counts = fc
  .integer({ min: 1, max: 1_000_000 })
  .chain((n) => fc.integer({ min: 0, max: n }).chain((p) => fc.tuple(fc.constant(n), fc.constant(p), fc.integer({ min: 0, max: n - p }))));

/** Any support/opposition shares with s + o ≤ 1. */
const shares = fc
  .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([s, x]) => [s, x * (1 - s)] as const);

describe('share (§2: shares of voters)', () => {
  it.each([
    [1, 4, 0.25], [0, 10, 0], [10, 10, 1], [3, 0, 0], [0, 0, 0],
  ])('%i of %i voters → %d', (c, n, s) => {
    expect(share(c, n)).toBe(s);
  });
});

describe('polarisation (§3)', () => {
  it.each([
    [0.5, 0.5, 1], [0, 0, 0], [1, 0, 0], [0, 1, 0], [0.25, 0.25, 0.25], [0.5, 0.25, 0.5], [0.8, 0.2, 0.64],
  ])('s=%d, o=%d → %d', (s, o, p) => {
    expect(polarisation(s, o)).toBeCloseTo(p, 12);
  });

  it('is in [0, 1] for any shares', () => {
    fc.assert(
      fc.property(shares, ([s, o]) => {
        const p = polarisation(s, o);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is 0 when nobody votes plus or nobody votes minus', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => {
        expect(polarisation(0, x)).toBe(0);
        expect(polarisation(x, 0)).toBe(0);
      }),
    );
  });

  it('equals 1 only when half the voters vote plus and half minus (counts up to 10⁶ voters)', () => {
    fc.assert(
      fc.property(counts, ([n, p, m]) => {
        const pol = polarisation(share(p, n), share(m, n));
        expect(pol).toBeGreaterThanOrEqual(0);
        expect(pol).toBeLessThanOrEqual(1);
        expect(pol === 1).toBe(2 * p === n && 2 * m === n);
      }),
      { numRuns: 2000 },
    );
    // and the peak is reached for every even n
    for (const n of [2, 10, 1000, 999_998]) expect(polarisation(share(n / 2, n), share(n / 2, n))).toBe(1);
  });

  it('stays below 1 next to the peak', () => {
    expect(polarisation(0.5, 0.49)).toBeLessThan(1);
    expect(polarisation(0.51, 0.49)).toBeLessThan(1);
    expect(polarisation(share(500, 1001), share(500, 1001))).toBeLessThan(1);
  });
});

describe('consensus (§3)', () => {
  it.each([
    [1, 0, 1], [0, 0, 0], [0, 1, 0], [0.5, 0.5, 0.25], [0.8, 0.1, 0.72], [0.5, 0, 0.5],
  ])('s=%d, o=%d → %d', (s, o, c) => {
    expect(consensus(s, o)).toBeCloseTo(c, 12);
  });

  it('everyone plus-votes → 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => {
        expect(consensus(share(n, n), share(0, n))).toBe(1);
      }),
    );
  });

  it('is in [0, 1], ≤ support and ≤ 1 − opposition', () => {
    fc.assert(
      fc.property(shares, ([s, o]) => {
        const c = consensus(s, o);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
        expect(c).toBeLessThanOrEqual(s);
        expect(c).toBeLessThanOrEqual(1 - o);
      }),
      { numRuns: 2000 },
    );
  });

  it('is low (≤ 0.25) when plus and minus are equal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: Math.floor(n / 2) }))),
        ([n, k]) => {
          expect(consensus(share(k, n), share(k, n))).toBeLessThanOrEqual(0.25);
        },
      ),
    );
  });

  it('high consensus needs broad support and low opposition; polarised options score low', () => {
    fc.assert(
      fc.property(counts, ([n, p, m]) => {
        const s = share(p, n);
        const o = share(m, n);
        const c = consensus(s, o);
        if (c >= 0.8) {
          expect(s).toBeGreaterThanOrEqual(0.8);
          expect(o).toBeLessThanOrEqual(0.2);
        }
        if (polarisation(s, o) === 1) expect(c).toBe(0.25);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('groupInformedConsensus (§3, Pol.is Π_g (plus_g + 1)/(n_g + 2))', () => {
  it('hand example: two groups', () => {
    // (8+1)/(10+2) · (1+1)/(4+2) = 0.75 · 1/3 = 0.25; rejection (0+1)/12 · (3+1)/6 = 1/18
    const r = groupInformedConsensus([
      { n: 10, plus: 8, minus: 0 },
      { n: 4, plus: 1, minus: 3 },
    ]);
    expect(r.agreement).toBeCloseTo(0.25, 12);
    expect(r.rejection).toBeCloseTo(1 / 18, 12);
  });

  it('hand example: every group supports → high; one group against → low', () => {
    const allFor = groupInformedConsensus([
      { n: 20, plus: 18, minus: 1 },
      { n: 20, plus: 18, minus: 0 },
      { n: 8, plus: 8, minus: 0 },
    ]);
    // 19/22 · 19/22 · 9/10
    expect(allFor.agreement).toBeCloseTo((19 / 22) * (19 / 22) * (9 / 10), 12);
    expect(allFor.rejection).toBeCloseTo((2 / 22) * (1 / 22) * (1 / 10), 12);
    const oneAgainst = groupInformedConsensus([
      { n: 20, plus: 18, minus: 1 },
      { n: 20, plus: 18, minus: 0 },
      { n: 8, plus: 0, minus: 8 },
    ]);
    expect(oneAgainst.agreement).toBeCloseTo((19 / 22) * (19 / 22) * (1 / 10), 12);
    expect(oneAgainst.agreement).toBeLessThan(0.1);
    expect(allFor.agreement).toBeGreaterThan(0.6);
  });

  it('single group with no voters: the prior 1/2', () => {
    expect(groupInformedConsensus([{ n: 0, plus: 0, minus: 0 }])).toEqual({ agreement: 0.5, rejection: 0.5 });
  });

  it('single group, all plus: (n+1)/(n+2)', () => {
    expect(groupInformedConsensus([{ n: 3, plus: 3, minus: 0 }])).toEqual({ agreement: 4 / 5, rejection: 1 / 5 });
  });

  it('no groups → 0 and 0', () => {
    expect(groupInformedConsensus([])).toEqual({ agreement: 0, rejection: 0 });
  });

  it('property: in (0, 1), equal to the product formula, and mirrored by swapping plus and minus', () => {
    const group = fc
      .integer({ min: 0, max: 500 })
      .chain((n) => fc.integer({ min: 0, max: n }).chain((p) => fc.record({ n: fc.constant(n), plus: fc.constant(p), minus: fc.integer({ min: 0, max: n - p }) })));
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 6 }), (groups) => {
        const r = groupInformedConsensus(groups);
        let a = 1;
        let j = 1;
        for (const g of groups) {
          a *= (g.plus + 1) / (g.n + 2);
          j *= (g.minus + 1) / (g.n + 2);
        }
        expect(r.agreement).toBeCloseTo(a, 12);
        expect(r.rejection).toBeCloseTo(j, 12);
        expect(r.agreement).toBeGreaterThan(0);
        expect(r.agreement).toBeLessThan(1);
        const mirrored = groupInformedConsensus(groups.map((g) => ({ n: g.n, plus: g.minus, minus: g.plus })));
        expect(mirrored.agreement).toBeCloseTo(r.rejection, 12);
        expect(mirrored.rejection).toBeCloseTo(r.agreement, 12);
        // never above the weakest group's own (plus+1)/(n+2)
        const weakest = Math.min(...groups.map((g) => (g.plus + 1) / (g.n + 2)));
        expect(r.agreement).toBeLessThanOrEqual(weakest + 1e-12);
      }),
    );
  });
});
