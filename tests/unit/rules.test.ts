import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_MINUS_RATIO,
  defaultMinusVotes,
  defaultPlusVotes,
  plusNeededForMinus,
  resolveRules,
} from '../../shared/domain/index.ts';
import type { BallotRules, RuleOverrides } from '../../shared/domain/index.ts';

function expectOk(r: ReturnType<typeof resolveRules>): BallotRules {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

describe('resolveRules defaults (§1 rules 3–5)', () => {
  it.each([
    // [C, W, P, M]
    [9, 1, 3, 1],
    [33, 2, 4, 2],
    [20, 3, 5, 2],
    [3, 1, 2, 1],
    [2, 1, 1, 0],
    [1, 1, 1, 0],
    [100, 10, 15, 7],
  ])('C=%i, W=%i → P=%i, M=%i, ratio 2', (c, w, p, m) => {
    expect(expectOk(resolveRules(c, w))).toEqual({ options: c, winners: w, plus: p, minus: m, ratio: 2 });
  });

  it('defaults follow defaultPlusVotes / defaultMinusVotes for any valid C, W', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }).chain((c) => fc.tuple(fc.constant(c), fc.integer({ min: 1, max: c }))),
        ([c, w]) => {
          const r = expectOk(resolveRules(c, w));
          expect(r.plus).toBe(defaultPlusVotes(c, w));
          expect(r.minus).toBe(defaultMinusVotes(r.plus));
          expect(r.ratio).toBe(DEFAULT_MINUS_RATIO);
          expect(0 <= r.minus && r.minus <= r.plus && r.plus <= r.options).toBe(true);
        },
      ),
    );
  });
});

describe('resolveRules overrides (§1 rule 7: 0 ≤ M ≤ P ≤ C)', () => {
  it.each<[string, number, number, RuleOverrides, Partial<BallotRules>]>([
    ['plus-only variant (M=0, NYC PB)', 30, 3, { plus: 5, minus: 0 }, { plus: 5, minus: 0, ratio: 2 }],
    ['P overridden, M derived as floor(P/2)', 30, 1, { plus: 6 }, { plus: 6, minus: 3 }],
    ['M overridden alone, P from the formula', 9, 1, { minus: 0 }, { plus: 3, minus: 0 }],
    ['ratio 0 switches rule 5 off', 9, 1, { ratio: 0 }, { plus: 3, minus: 1, ratio: 0 }],
    ['P = C allowed', 5, 1, { plus: 5, minus: 5 }, { plus: 5, minus: 5 }],
    ['P = 0 and M = 0 allowed', 5, 1, { plus: 0, minus: 0 }, { plus: 0, minus: 0 }],
    ['P = 0 with M left to default gives M = 0', 5, 1, { plus: 0 }, { plus: 0, minus: 0 }],
    ['ratio 10 is the top of the range', 9, 1, { ratio: 10 }, { ratio: 10 }],
    ['fractional ratio accepted', 9, 1, { ratio: 1.5 }, { ratio: 1.5 }],
    ['undefined overrides mean defaults', 9, 1, { plus: undefined, minus: undefined, ratio: undefined }, { plus: 3, minus: 1, ratio: 2 }],
  ])('%s', (_name, c, w, overrides, expected) => {
    const r = expectOk(resolveRules(c, w, overrides));
    expect(r).toMatchObject({ options: c, winners: w, ...expected });
  });

  it('any override within 0 ≤ M ≤ P ≤ C is accepted verbatim', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((c) =>
          fc.record({
            c: fc.constant(c),
            w: fc.integer({ min: 1, max: c }),
            p: fc.integer({ min: 0, max: c }),
            mFrac: fc.double({ min: 0, max: 1, noNaN: true }),
            ratio: fc.integer({ min: 0, max: 10 }),
          }),
        ),
        ({ c, w, p, mFrac, ratio }) => {
          const m = Math.floor(mFrac * p);
          const r = expectOk(resolveRules(c, w, { plus: p, minus: m, ratio }));
          expect(r).toEqual({ options: c, winners: w, plus: p, minus: m, ratio });
        },
      ),
    );
  });
});

describe('resolveRules errors → INVALID_RULES', () => {
  it.each<[string, number, number, RuleOverrides?]>([
    ['no options (C=0)', 0, 1],
    ['negative C', -3, 1],
    ['fractional C', 2.5, 1],
    ['W=0', 5, 0],
    ['W > C', 5, 6],
    ['fractional W', 5, 1.5],
    ['P > C', 5, 1, { plus: 6 }],
    ['P < 0', 5, 1, { plus: -1 }],
    ['fractional P', 5, 1, { plus: 2.5 }],
    ['NaN P', 5, 1, { plus: Number.NaN }],
    ['M > P', 9, 1, { plus: 2, minus: 3 }],
    ['M > default P', 9, 1, { minus: 4 }],
    ['M < 0', 9, 1, { minus: -1 }],
    ['fractional M', 9, 1, { minus: 0.5 }],
    ['ratio < 0', 9, 1, { ratio: -1 }],
    ['ratio > 10', 9, 1, { ratio: 11 }],
    ['ratio NaN', 9, 1, { ratio: Number.NaN }],
    ['ratio Infinity', 9, 1, { ratio: Number.POSITIVE_INFINITY }],
  ])('%s', (_name, c, w, overrides) => {
    const r = resolveRules(c, w, overrides);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('INVALID_RULES');
      expect(r.message.length).toBeGreaterThan(0);
    }
  });

  it('any P outside [0, C] or M outside [0, P] is rejected, never clamped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: -20, max: 80 }),
        fc.integer({ min: -20, max: 80 }),
        (c, p, m) => {
          const r = resolveRules(c, 1, { plus: p, minus: m });
          const valid = 0 <= m && m <= p && p <= c;
          expect(r.ok).toBe(valid);
          if (r.ok) expect([r.value.plus, r.value.minus]).toEqual([p, m]);
        },
      ),
    );
  });
});

describe('plusNeededForMinus (§1 rule 5)', () => {
  it.each([
    [2, 0, 0], [2, 1, 2], [2, 2, 4], [2, 3, 6], [0, 1, 0], [0, 5, 0], [1, 3, 3], [1.5, 1, 2], [1.5, 2, 3],
  ])('ratio %d, %i minus → %i plus', (ratio, m, p) => {
    expect(plusNeededForMinus({ ratio }, m)).toBe(p);
  });
});
