import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ballotAllowance, isAbstention, resolveRules, validateBallot } from '../../shared/domain/index.ts';
import type { Ballot, BallotError, BallotRules } from '../../shared/domain/index.ts';

const OPTIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
const IDS: ReadonlySet<string> = new Set(OPTIONS);

function rules(over: Partial<BallotRules> = {}): BallotRules {
  // 9 options, 1 winner: 3 plus, 1 minus, ratio 2 (§1 rule 3 "checks from real uses").
  return { options: 9, winners: 1, plus: 3, minus: 1, ratio: 2, ...over };
}

const b = (plus: readonly string[], minus: readonly string[] = []): Ballot => ({ plus, minus });

describe('validateBallot: one case per rule (§1 rules 1–6)', () => {
  it.each<[string, Ballot, BallotRules, BallotError]>([
    ['§1 rule 1 no cumulation: two plus votes on one option', b(['a', 'a']), rules(), 'DUPLICATE_OPTION'],
    ['§1 rule 1 no cumulation: two minus votes on one option', b(['a', 'b', 'c'], ['d', 'd']), rules({ minus: 2, ratio: 0 }), 'DUPLICATE_OPTION'],
    ['§1 rule 2 plus or minus, not both, on the same option', b(['a', 'b'], ['a']), rules(), 'PLUS_AND_MINUS'],
    ['§1 rule 3 too many plus votes (4 > P=3)', b(['a', 'b', 'c', 'd']), rules(), 'TOO_MANY_PLUS'],
    ['§1 rule 3 P=0 allows no plus vote', b(['a']), rules({ plus: 0, minus: 0 }), 'TOO_MANY_PLUS'],
    ['§1 rule 4 too many minus votes (2 > M=1)', b(['a', 'b', 'c'], ['d', 'e']), rules({ ratio: 0 }), 'TOO_MANY_MINUS'],
    ['§1 rule 4 M=0 plus-only variant rejects any minus', b(['a', 'b', 'c'], ['d']), rules({ minus: 0 }), 'TOO_MANY_MINUS'],
    ['§1 rule 5 minus needs plus: 1 minus with 1 plus (ratio 2)', b(['a'], ['d']), rules(), 'MINUS_NEEDS_PLUS'],
    ['§1 rule 5 minus needs plus: 1 minus with 0 plus (ratio 2)', b([], ['d']), rules(), 'MINUS_NEEDS_PLUS'],
    ['§1 rule 5 minus needs plus: 2 minus with 3 plus (ratio 2)', b(['a', 'b', 'c'], ['d', 'e']), rules({ plus: 4, minus: 2 }), 'MINUS_NEEDS_PLUS'],
    ['§1 rule 5 ratio 1: 2 minus with 1 plus', b(['a'], ['d', 'e']), rules({ plus: 4, minus: 2, ratio: 1 }), 'MINUS_NEEDS_PLUS'],
    ['§1 rule 5 fractional ratio 1.5: 1 minus needs ceil(1.5)=2 plus', b(['a'], ['d']), rules({ ratio: 1.5 }), 'MINUS_NEEDS_PLUS'],
    ['unknown option in plus', b(['a', 'zzz']), rules(), 'UNKNOWN_OPTION'],
    ['unknown option in minus', b(['a', 'b'], ['zzz']), rules(), 'UNKNOWN_OPTION'],
    ['unknown option wins over other faults', b(['zzz', 'zzz', 'a', 'b', 'c']), rules(), 'UNKNOWN_OPTION'],
    ['option ids are case-sensitive', b(['A']), rules(), 'UNKNOWN_OPTION'],
  ])('%s → rejected', (_name, ballot, r, code) => {
    const res = validateBallot(ballot, r, IDS);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.code).toBe(code);
      expect(res.message.length).toBeGreaterThan(0);
    }
  });

  it.each<[string, Ballot, BallotRules]>([
    ['§1 rule 6 empty ballot is valid (abstention)', b([]), rules()],
    ['§1 rule 6 partial: 1 plus of 3', b(['a']), rules()],
    ['§1 rule 6 partial: 2 plus, no minus', b(['a', 'b']), rules()],
    ['§1 rule 5 first minus with exactly 2 plus (ratio 2)', b(['a', 'b'], ['c']), rules()],
    ['full ballot: 3 plus + 1 minus', b(['a', 'b', 'c'], ['d']), rules()],
    ['2 seats: 4 plus + 2 minus', b(['a', 'b', 'c', 'd'], ['e', 'f']), rules({ plus: 4, minus: 2 })],
    ['§1 rule 5 ratio 0 switches the rule off: minus without plus', b([], ['d']), rules({ ratio: 0 })],
    ['§1 rule 5 ratio 0: 2 minus with 1 plus', b(['a'], ['d', 'e']), rules({ plus: 4, minus: 2, ratio: 0 })],
    ['§1 rule 5 ratio 1: 2 minus with 2 plus', b(['a', 'b'], ['d', 'e']), rules({ plus: 4, minus: 2, ratio: 1 })],
    ['§1 rule 4 M=0 plus-only: 3 plus', b(['a', 'b', 'c']), rules({ minus: 0 })],
    ['§1 rule 7 P=0 round: empty ballot still valid', b([]), rules({ plus: 0, minus: 0 })],
  ])('%s → accepted', (_name, ballot, r) => {
    const res = validateBallot(ballot, r, IDS);
    expect(res).toEqual({ ok: true, value: { plus: ballot.plus, minus: ballot.minus } });
  });

  it('returns a copy, not the caller\'s arrays', () => {
    const ballot = b(['a', 'b'], ['c']);
    const res = validateBallot(ballot, rules(), IDS);
    if (!res.ok) throw new Error(res.code);
    expect(res.value.plus).not.toBe(ballot.plus);
    expect(res.value.minus).not.toBe(ballot.minus);
  });

  it('every ballot within the default rules of a real round is accepted, every ballot over a limit is rejected (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }).chain((c) =>
          fc.record({
            c: fc.constant(c),
            w: fc.integer({ min: 1, max: c }),
            order: fc.shuffledSubarray(Array.from({ length: c }, (_, i) => `o${i}`), { minLength: c, maxLength: c }),
            nPlus: fc.nat({ max: c }),
            nMinus: fc.nat({ max: c }),
          }),
        ),
        ({ c, w, order, nPlus, nMinus }) => {
          const res = resolveRules(c, w);
          if (!res.ok) throw new Error(res.code);
          const r = res.value;
          const p = Math.min(nPlus, c);
          const m = Math.min(nMinus, c - p);
          const ballot = b(order.slice(0, p), order.slice(p, p + m));
          const ok = p <= r.plus && m <= r.minus && p >= 2 * m;
          const v = validateBallot(ballot, r, new Set(order));
          expect(v.ok).toBe(ok);
          if (!v.ok) {
            const expected: BallotError = p > r.plus ? 'TOO_MANY_PLUS' : m > r.minus ? 'TOO_MANY_MINUS' : 'MINUS_NEEDS_PLUS';
            expect(v.code).toBe(expected);
          }
        },
      ),
    );
  });
});

describe('isAbstention (§1 rule 6)', () => {
  it.each<[Ballot, boolean]>([
    [b([]), true],
    [b(['a']), false],
    [b([], ['a']), false],
    [b(['a'], ['b']), false],
  ])('%j → %s', (ballot, expected) => {
    expect(isAbstention(ballot)).toBe(expected);
  });

  it('an empty ballot is both valid and an abstention', () => {
    const v = validateBallot(b([]), rules(), IDS);
    expect(v.ok).toBe(true);
    if (v.ok) expect(isAbstention(v.value)).toBe(true);
  });
});

describe('ballotAllowance: the phone counters (§1 rule 7)', () => {
  it.each<[string, Ballot, BallotRules, ReturnType<typeof ballotAllowance>]>([
    ['empty ballot, 3+1 ratio 2', b([]), rules(), { plusLeft: 3, minusLeft: 1, minusUnlocked: 0, plusNeededForNextMinus: 2 }],
    ['1 plus: one more plus unlocks the minus', b(['a']), rules(), { plusLeft: 2, minusLeft: 1, minusUnlocked: 0, plusNeededForNextMinus: 1 }],
    ['2 plus: the minus is unlocked', b(['a', 'b']), rules(), { plusLeft: 1, minusLeft: 1, minusUnlocked: 1, plusNeededForNextMinus: 0 }],
    ['full ballot: nothing left', b(['a', 'b', 'c'], ['d']), rules(), { plusLeft: 0, minusLeft: 0, minusUnlocked: 0, plusNeededForNextMinus: 0 }],
    ['4+2: 3 plus + 1 minus, second minus needs one more plus', b(['a', 'b', 'c'], ['d']), rules({ plus: 4, minus: 2 }), { plusLeft: 1, minusLeft: 1, minusUnlocked: 0, plusNeededForNextMinus: 1 }],
    ['4+2: 4 plus, both minus unlocked', b(['a', 'b', 'c', 'd']), rules({ plus: 4, minus: 2 }), { plusLeft: 0, minusLeft: 2, minusUnlocked: 2, plusNeededForNextMinus: 0 }],
    ['ratio 0: every minus unlocked from the start', b([]), rules({ plus: 4, minus: 2, ratio: 0 }), { plusLeft: 4, minusLeft: 2, minusUnlocked: 2, plusNeededForNextMinus: 0 }],
    ['ratio 0, one minus used', b([], ['a']), rules({ plus: 4, minus: 2, ratio: 0 }), { plusLeft: 4, minusLeft: 1, minusUnlocked: 1, plusNeededForNextMinus: 0 }],
    ['plus-only round (M=0)', b(['a']), rules({ minus: 0 }), { plusLeft: 2, minusLeft: 0, minusUnlocked: 0, plusNeededForNextMinus: 0 }],
    ['ratio 1.5: 2 plus unlock one minus, 3 plus two', b(['a', 'b', 'c']), rules({ plus: 4, minus: 2, ratio: 1.5 }), { plusLeft: 1, minusLeft: 2, minusUnlocked: 2, plusNeededForNextMinus: 0 }],
    ['ratio 1.5: 1 plus', b(['a']), rules({ plus: 4, minus: 2, ratio: 1.5 }), { plusLeft: 3, minusLeft: 2, minusUnlocked: 0, plusNeededForNextMinus: 1 }],
  ])('%s', (_name, ballot, r, expected) => {
    expect(ballotAllowance(ballot, r)).toEqual(expected);
  });

  it('counters never go negative', () => {
    // An over-full ballot (not valid, but the phone may hold one briefly).
    expect(ballotAllowance(b(['a', 'b', 'c', 'd', 'e'], ['f', 'g']), rules())).toEqual({
      plusLeft: 0,
      minusLeft: 0,
      minusUnlocked: 0,
      plusNeededForNextMinus: 0,
    });
  });

  /** All valid ballots with p plus and m minus, for small rule sets. */
  const validState = fc
    .record({
      plus: fc.integer({ min: 0, max: 8 }),
      minusFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      ratio: fc.constantFrom(0, 0.5, 1, 1.5, 2, 2.5, 3),
    })
    .chain(({ plus, minusFrac, ratio }) => {
      const minus = Math.floor(minusFrac * plus);
      const r: BallotRules = { options: 20, winners: 1, plus, minus, ratio };
      return fc.record({ r: fc.constant(r), p: fc.integer({ min: 0, max: plus }), m: fc.integer({ min: 0, max: minus }) });
    })
    .filter(({ r, p, m }) => p >= Math.ceil(r.ratio * m));

  it('agrees with validateBallot: one more minus is accepted iff minusUnlocked > 0 (property)', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `o${i}`);
    const set = new Set(ids);
    fc.assert(
      fc.property(validState, ({ r, p, m }) => {
        const ballot = b(ids.slice(0, p), ids.slice(10, 10 + m));
        expect(validateBallot(ballot, r, set).ok).toBe(true);
        const a = ballotAllowance(ballot, r);
        expect(a.plusLeft).toBe(r.plus - p);
        expect(a.minusLeft).toBe(r.minus - m);
        const oneMoreMinus = b(ballot.plus, ids.slice(10, 11 + m));
        expect(validateBallot(oneMoreMinus, r, set).ok).toBe(a.minusUnlocked > 0);
        if (a.minusLeft > 0) {
          // Adding exactly plusNeededForNextMinus plus votes (if they fit) unlocks the next minus.
          const k = a.plusNeededForNextMinus;
          expect(k === 0).toBe(a.minusUnlocked > 0);
          if (p + k <= r.plus) {
            const topped = b(ids.slice(0, p + k), ids.slice(10, 11 + m));
            expect(validateBallot(topped, r, set).ok).toBe(true);
          }
        }
        const onePlusMore = b(ids.slice(0, p + 1), ballot.minus);
        expect(validateBallot(onePlusMore, r, set).ok).toBe(a.plusLeft > 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('§1 rule 5 with a fractional ratio (float regression)', () => {
  // 2.2 * 25 === 55.00000000000001 in binary floating point: rule 5 must
  // still accept 55 plus votes for 25 minus votes, and the phone's allowance
  // must agree with the server's validation.
  const ids = Array.from({ length: 100 }, (_, i) => `o${i}`);
  const r: BallotRules = { options: 100, winners: 10, plus: 60, minus: 30, ratio: 2.2 };
  const ballot = b(ids.slice(0, 55), ids.slice(60, 85)); // 55 plus, 25 minus: 55 ≥ 2.2 · 25

  it('ratio 2.2: 55 plus votes carry 25 minus votes (validateBallot)', () => {
    expect(validateBallot(ballot, r, new Set(ids)).ok).toBe(true);
  });

  it('ratio 2.2: ballotAllowance and validateBallot agree on the 25th minus', () => {
    const before = b(ballot.plus, ids.slice(60, 84)); // 24 minus
    const unlocked = ballotAllowance(before, r).minusUnlocked > 0;
    expect(unlocked).toBe(true); // the phone offers the 25th minus …
    expect(validateBallot(ballot, r, new Set(ids)).ok).toBe(unlocked); // … and the server must accept it
  });
});
