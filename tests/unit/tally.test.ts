import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  applyBallot,
  createTally,
  isAbstention,
  recount,
  removeBallot,
  tallyCounts,
  validateBallot,
} from '../../shared/domain/index.ts';
import type { Ballot, BallotRules } from '../../shared/domain/index.ts';

const OPTIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const RULES: BallotRules = { options: 7, winners: 2, plus: 4, minus: 2, ratio: 2 };

/** A random ballot valid under RULES: distinct options, plus ≤ 4, minus ≤ 2, plus ≥ 2·minus. */
const validBallot: fc.Arbitrary<Ballot> = fc
  .record({
    order: fc.shuffledSubarray(OPTIONS, { minLength: OPTIONS.length, maxLength: OPTIONS.length }),
    p: fc.integer({ min: 0, max: RULES.plus }),
    m: fc.integer({ min: 0, max: RULES.minus }),
  })
  .map(({ order, p, m }) => {
    const minus = Math.min(m, Math.floor(p / 2));
    return { plus: order.slice(0, p), minus: order.slice(p, p + minus) };
  });

/** A submit or change: voter index and the ballot. */
const event = fc.record({ voter: fc.integer({ min: 0, max: 14 }), ballot: validBallot });

/** Hand count straight from the ballots, without the domain. */
function handCount(ballots: Iterable<Ballot>) {
  const plus: Record<string, number> = Object.fromEntries(OPTIONS.map((o) => [o, 0]));
  const minus: Record<string, number> = Object.fromEntries(OPTIONS.map((o) => [o, 0]));
  let n = 0;
  let abstentions = 0;
  for (const ballot of ballots) {
    n++;
    if (ballot.plus.length === 0 && ballot.minus.length === 0) abstentions++;
    for (const id of ballot.plus) plus[id]!++;
    for (const id of ballot.minus) minus[id]!++;
  }
  return { ballots: n, abstentions, plus, minus };
}

describe('tally (§2 counting, §1 rule 8 the last ballot counts)', () => {
  it('the generator yields only valid ballots', () => {
    fc.assert(
      fc.property(validBallot, (ballot) => {
        expect(validateBallot(ballot, RULES, new Set(OPTIONS)).ok).toBe(true);
      }),
    );
  });

  it('createTally starts at zero', () => {
    expect(tallyCounts(createTally(['x', 'y']))).toEqual({
      ballots: 0,
      abstentions: 0,
      plus: { x: 0, y: 0 },
      minus: { x: 0, y: 0 },
    });
  });

  it('counts a hand example', () => {
    const t = createTally(OPTIONS);
    applyBallot(t, undefined, { plus: ['a', 'b'], minus: ['c'] });
    applyBallot(t, undefined, { plus: ['a', 'c'], minus: [] });
    applyBallot(t, undefined, { plus: [], minus: [] });
    const c = tallyCounts(t);
    expect(c.ballots).toBe(3);
    expect(c.abstentions).toBe(1);
    expect(c.plus).toMatchObject({ a: 2, b: 1, c: 1, d: 0 });
    expect(c.minus).toMatchObject({ a: 0, b: 0, c: 1, d: 0 });
  });

  it('a changed ballot replaces the earlier one (rule 8)', () => {
    const t = createTally(OPTIONS);
    const first: Ballot = { plus: ['a', 'b'], minus: ['c'] };
    const second: Ballot = { plus: ['c', 'd'], minus: ['a'] };
    applyBallot(t, undefined, first);
    applyBallot(t, first, second);
    expect(tallyCounts(t)).toEqual(tallyCounts(recount(OPTIONS, [second])));
    expect(t.ballots).toBe(1);
  });

  it('property: any sequence of submits and changes equals a recount of each voter\'s last ballot', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 80 }), (events) => {
        const live = createTally(OPTIONS);
        const last = new Map<number, Ballot>();
        for (const { voter, ballot } of events) {
          applyBallot(live, last.get(voter), ballot);
          last.set(voter, ballot);
        }
        const counts = tallyCounts(live);
        expect(counts).toEqual(tallyCounts(recount(OPTIONS, last.values())));
        expect(counts).toEqual(handCount(last.values()));
        expect(counts.ballots).toBe(last.size);
      }),
      { numRuns: 300 },
    );
  });

  it('property: abstentions count in ballots (n), never in any option', () => {
    fc.assert(
      fc.property(fc.array(validBallot, { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (ballots, extra) => {
        const withAbstentions = [...ballots, ...Array.from({ length: extra }, (): Ballot => ({ plus: [], minus: [] }))];
        const a = tallyCounts(recount(OPTIONS, ballots));
        const bTally = tallyCounts(recount(OPTIONS, withAbstentions));
        expect(bTally.ballots).toBe(a.ballots + extra);
        expect(bTally.abstentions).toBe(a.abstentions + extra);
        expect(bTally.abstentions).toBe(withAbstentions.filter(isAbstention).length);
        expect(bTally.plus).toEqual(a.plus);
        expect(bTally.minus).toEqual(a.minus);
      }),
    );
  });

  it('property: changing to and from an abstention moves the abstention count', () => {
    fc.assert(
      fc.property(validBallot.filter((x) => !isAbstention(x)), (ballot) => {
        const empty: Ballot = { plus: [], minus: [] };
        const t = createTally(OPTIONS);
        applyBallot(t, undefined, ballot);
        applyBallot(t, ballot, empty);
        expect(tallyCounts(t)).toEqual(tallyCounts(recount(OPTIONS, [empty])));
        expect([t.ballots, t.abstentions]).toEqual([1, 1]);
        applyBallot(t, empty, ballot);
        expect(tallyCounts(t)).toEqual(tallyCounts(recount(OPTIONS, [ballot])));
        expect([t.ballots, t.abstentions]).toEqual([1, 0]);
      }),
    );
  });

  it('property: removeBallot takes a voter out, as if the voter never voted', () => {
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 14 }), { maxLength: 8 }),
        (events, removed) => {
          const live = createTally(OPTIONS);
          const last = new Map<number, Ballot>();
          for (const { voter, ballot } of events) {
            applyBallot(live, last.get(voter), ballot);
            last.set(voter, ballot);
          }
          for (const voter of removed) {
            const previous = last.get(voter);
            if (!previous) continue;
            removeBallot(live, previous);
            last.delete(voter);
          }
          expect(tallyCounts(live)).toEqual(tallyCounts(recount(OPTIONS, last.values())));
          expect(tallyCounts(live)).toEqual(handCount(last.values()));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('removing every ballot returns to an empty tally', () => {
    const ballots: Ballot[] = [
      { plus: ['a', 'b'], minus: ['c'] },
      { plus: [], minus: [] },
      { plus: ['g'], minus: [] },
    ];
    const t = recount(OPTIONS, ballots);
    for (const ballot of ballots) removeBallot(t, ballot);
    expect(tallyCounts(t)).toEqual(tallyCounts(createTally(OPTIONS)));
  });

  it('applyBallot and removeBallot return the same (mutated) tally', () => {
    const t = createTally(OPTIONS);
    const ballot: Ballot = { plus: ['a'], minus: [] };
    expect(applyBallot(t, undefined, ballot)).toBe(t);
    expect(removeBallot(t, ballot)).toBe(t);
  });

  it('recount does not share state between tallies', () => {
    const t1 = recount(OPTIONS, [{ plus: ['a'], minus: [] }]);
    const t2 = recount(OPTIONS, []);
    expect(t1.plus[0]).toBe(1);
    expect(t2.plus[0]).toBe(0);
  });
});
