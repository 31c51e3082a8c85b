import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ballotAllowance, ballotOrder, plusNeededForMinus, resolveRules, SHUFFLE_FROM, shufflesBallot, validateBallot, type BallotRules } from '../../shared/domain/index.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

describe('§5.5 minus-vote variants', () => {
  const afterAll: BallotRules = { options: 12, winners: 2, plus: 4, minus: 2, ratio: 0, minusAfterAllPlus: true };
  const set = new Set(ids(12));

  it('§5.5 Děčín 3:1: one minus needs 3 plus, two need 6', () => {
    const r = resolveRules(20, 3, { plus: 6, minus: 2, ratio: 3 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([plusNeededForMinus(r.value, 1), plusNeededForMinus(r.value, 2)]).toEqual([3, 6]);
    expect(validateBallot({ plus: ['p1', 'p2'], minus: ['p3'] }, r.value, new Set(ids(20)))).toMatchObject({ ok: false, code: 'MINUS_NEEDS_PLUS' });
    expect(validateBallot({ plus: ['p1', 'p2', 'p4'], minus: ['p3'] }, r.value, new Set(ids(20))).ok).toBe(true);
  });

  it('§5.5 Ďáblice: a minus only after all P plus votes are used', () => {
    expect(validateBallot({ plus: ['p1', 'p2', 'p3'], minus: ['p5'] }, afterAll, set)).toMatchObject({
      ok: false,
      code: 'MINUS_NEEDS_PLUS',
      message: 'A minus vote only after all 4 plus votes are used.',
    });
    expect(validateBallot({ plus: ['p1', 'p2', 'p3', 'p4'], minus: ['p5', 'p6'] }, afterAll, set).ok).toBe(true);
    expect(validateBallot({ plus: ['p1'], minus: [] }, afterAll, set).ok).toBe(true);
  });

  it('§5.5 the phone\'s allowance follows the variant (no minus unlocked before the last plus)', () => {
    expect(ballotAllowance({ plus: ['p1', 'p2', 'p3'], minus: [] }, afterAll)).toMatchObject({ minusUnlocked: 0, plusNeededForNextMinus: 1 });
    expect(ballotAllowance({ plus: ['p1', 'p2', 'p3', 'p4'], minus: [] }, afterAll)).toMatchObject({ minusUnlocked: 2, plusNeededForNextMinus: 0 });
  });

  it('§5.5 resolveRules records the variant only when chosen', () => {
    const on = resolveRules(12, 2, { minusAfterAllPlus: true });
    const off = resolveRules(12, 2, {});
    expect(on.ok && on.value.minusAfterAllPlus).toBe(true);
    expect(off.ok && 'minusAfterAllPlus' in off.value).toBe(false);
  });

  it('§5.5 property: under the variant a ballot with a minus is valid only with all P plus; the allowance never offers what validation refuses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.nat(10), fc.nat(10), fc.nat(10), (p, mRaw, givenPlus, givenMinus) => {
        const m = Math.min(mRaw, p);
        const rules: BallotRules = { options: 30, winners: 1, plus: p, minus: m, ratio: 0, minusAfterAllPlus: true };
        const plus = ids(30).slice(0, Math.min(givenPlus, p));
        const minus = ids(30).slice(15, 15 + Math.min(givenMinus, m));
        const v = validateBallot({ plus, minus }, rules, new Set(ids(30)));
        expect(v.ok).toBe(minus.length === 0 || plus.length === p);
        const allow = ballotAllowance({ plus, minus: [] }, rules);
        expect(allow.minusUnlocked > 0).toBe(plus.length === p && m > 0);
      }),
    );
  });
});

describe('§5.6 per-voter shuffled ballot order', () => {
  it('§5.6 on by default from 8 proposals; the facilitator\'s choice wins', () => {
    expect(SHUFFLE_FROM).toBe(8);
    expect([shufflesBallot(null, 7), shufflesBallot(null, 8), shufflesBallot(undefined, 30)]).toEqual([false, true, true]);
    expect([shufflesBallot(false, 30), shufflesBallot(true, 2)]).toEqual([false, true]);
  });

  it('§5.6 property: a permutation of the proposals, the same for the same voter (stable across reloads)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.string(), (n, seed) => {
        const order = ballotOrder(ids(n), seed);
        expect([...order].sort()).toEqual([...ids(n)].sort());
        expect(ballotOrder(ids(n), seed)).toEqual(order);
      }),
    );
  });

  it('§5.6 different voters see different orders (40 proposals, 300 voters: all distinct)', () => {
    const orders = new Set(Array.from({ length: 300 }, (_, v) => ballotOrder(ids(40), `round-1:voter-${v}`).join(',')));
    expect(orders.size).toBe(300);
  });

  it('§5.6 no position bias: over 2,000 voters each proposal is first about equally often', () => {
    const first = new Map<string, number>();
    for (let v = 0; v < 2000; v++) {
      const top = ballotOrder(ids(10), `r:${v}`)[0]!;
      first.set(top, (first.get(top) ?? 0) + 1);
    }
    expect(first.size).toBe(10);
    // Expected 200 each; a fair shuffle stays well within ±40 % here.
    for (const count of first.values()) expect(Math.abs(count - 200)).toBeLessThan(80);
  });
});
