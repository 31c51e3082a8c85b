import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_MINUS_RATIO,
  defaultMinusVotes,
  defaultPlusVotes,
  idealPlusVotes,
  plusVotesCap,
} from '../../shared/domain/index.ts';

/** d21-method.md §1 rule 3: the ideal plus votes for W = 1..10. */
const IDEAL: ReadonlyArray<[w: number, p: number]> = [
  [1, 3], [2, 4], [3, 5], [4, 7], [5, 8], [6, 10], [7, 11], [8, 12], [9, 14], [10, 15],
];

/** §1 rule 3, "resulting table": [W, C from, C to (inclusive), P]. */
const RESULTING: ReadonlyArray<[w: number, cFrom: number, cTo: number, p: number]> = [
  [1, 2, 2, 1],
  [1, 3, 8, 2],
  [1, 9, 200, 3],
  [2, 3, 5, 2],
  [2, 6, 11, 3],
  [2, 12, 200, 4],
  [3, 4, 7, 3],
  [3, 8, 14, 4],
  [3, 15, 200, 5],
];

/** Is the P-th plus vote allowed with C options and W winners (§1 rule 3)? */
const pthVoteAllowed = (c: number, w: number, p: number): boolean => c >= p * (p - w + 1);

describe('idealPlusVotes (§1 rule 3, ideal round(2W − (W − 2)·φ))', () => {
  it.each(IDEAL)('W=%i → %i plus votes', (w, p) => {
    expect(idealPlusVotes(w)).toBe(p);
  });

  it('with plenty of options the default equals the ideal', () => {
    for (const [w, p] of IDEAL) expect(defaultPlusVotes(1000, w)).toBe(p);
  });
});

describe('defaultPlusVotes (§1 rule 3, resulting table)', () => {
  it.each(RESULTING)('W=%i, C=%i..%i → %i', (w, from, to, p) => {
    for (let c = from; c <= to; c++) expect(defaultPlusVotes(c, w), `W=${w} C=${c}`).toBe(p);
  });

  it('the table boundaries: one option fewer than each range gives one vote fewer', () => {
    expect(defaultPlusVotes(8, 1)).toBe(2);
    expect(defaultPlusVotes(9, 1)).toBe(3);
    expect(defaultPlusVotes(5, 2)).toBe(2);
    expect(defaultPlusVotes(6, 2)).toBe(3);
    expect(defaultPlusVotes(11, 2)).toBe(3);
    expect(defaultPlusVotes(12, 2)).toBe(4);
    expect(defaultPlusVotes(7, 3)).toBe(3);
    expect(defaultPlusVotes(8, 3)).toBe(4);
    expect(defaultPlusVotes(14, 3)).toBe(4);
    expect(defaultPlusVotes(15, 3)).toBe(5);
  });

  it('special case C=3, W=1 → 2 (the cap alone would give 1)', () => {
    expect(plusVotesCap(3, 1)).toBe(1);
    expect(defaultPlusVotes(3, 1)).toBe(2);
  });

  it('is 0 with no options and never more than C', () => {
    expect(defaultPlusVotes(0, 1)).toBe(0);
    for (let c = 1; c <= 40; c++) {
      for (let w = 1; w <= c; w++) {
        const p = defaultPlusVotes(c, w);
        expect(p).toBeGreaterThanOrEqual(1);
        expect(p).toBeLessThanOrEqual(c);
      }
    }
  });
});

describe('checks from real uses (§1 rule 3)', () => {
  it('9 candidates, 1 winner → 3 plus + 1 minus', () => {
    const p = defaultPlusVotes(9, 1);
    expect(p).toBe(3);
    expect(defaultMinusVotes(p)).toBe(1);
  });
  it('2 seats → 4 plus + 2 minus', () => {
    const p = defaultPlusVotes(33, 2); // Prague 10 "Moje stopa": 33 projects
    expect(p).toBe(4);
    expect(defaultMinusVotes(p)).toBe(2);
  });
  it('3 winners → 5 plus', () => {
    expect(defaultPlusVotes(20, 3)).toBe(5);
  });
});

describe('defaultMinusVotes (§1 rule 4, floor(P/2))', () => {
  it.each([
    [0, 0], [1, 0], [2, 1], [3, 1], [4, 2], [5, 2], [7, 3], [15, 7],
  ])('P=%i → M=%i', (p, m) => {
    expect(defaultMinusVotes(p)).toBe(m);
  });

  it('never exceeds P and is floor(P/2) for any P', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), (p) => {
        const m = defaultMinusVotes(p);
        expect(m).toBeLessThanOrEqual(p);
        expect(m).toBe(Math.floor(p / 2));
        expect(2 * m === p || 2 * m + 1 === p).toBe(true);
      }),
    );
  });

  it('default minus-needs-plus ratio is 2 (§1 rule 5)', () => {
    expect(DEFAULT_MINUS_RATIO).toBe(2);
  });
});

describe('cap (§1 rule 3: the P-th vote is allowed only when C ≥ P·(P − W + 1))', () => {
  const cw = fc
    .tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 200 }))
    .filter(([c, w]) => w <= c);

  it('plusVotesCap is the largest P allowed by C ≥ P·(P − W + 1)', () => {
    fc.assert(
      fc.property(cw, ([c, w]) => {
        const cap = plusVotesCap(c, w);
        expect(pthVoteAllowed(c, w, cap)).toBe(true);
        expect(pthVoteAllowed(c, w, cap + 1)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('exhaustively for small C, W (exact squares included)', () => {
    for (let c = 1; c <= 300; c++) {
      for (let w = 1; w <= Math.min(c, 12); w++) {
        const cap = plusVotesCap(c, w);
        expect(pthVoteAllowed(c, w, cap), `C=${c} W=${w} cap=${cap}`).toBe(true);
        expect(pthVoteAllowed(c, w, cap + 1), `C=${c} W=${w} cap=${cap}`).toBe(false);
      }
    }
  });

  it('every default plus vote is allowed (except the special case C=3, W=1), and one more would exceed the ideal, the cap or C', () => {
    fc.assert(
      fc.property(cw, ([c, w]) => {
        const p = defaultPlusVotes(c, w);
        if (c === 3 && w === 1) return;
        expect(pthVoteAllowed(c, w, p)).toBe(true);
        const oneMoreBlocked = p + 1 > idealPlusVotes(w) || !pthVoteAllowed(c, w, p + 1) || p + 1 > c;
        expect(oneMoreBlocked).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('default is min(ideal, cap, C)', () => {
    fc.assert(
      fc.property(cw, ([c, w]) => {
        fc.pre(!(c === 3 && w === 1));
        expect(defaultPlusVotes(c, w)).toBe(Math.max(1, Math.min(idealPlusVotes(w), plusVotesCap(c, w), c)));
      }),
    );
  });

  it('default is non-decreasing in C for fixed W', () => {
    for (let w = 1; w <= 10; w++) {
      let prev = 0;
      for (let c = Math.max(w, 4); c <= 400; c++) {
        const p = defaultPlusVotes(c, w);
        expect(p, `C=${c} W=${w}`).toBeGreaterThanOrEqual(prev);
        prev = p;
      }
    }
  });
});
