import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeResults, consensus, polarisation, rankOptions, recount } from '../../shared/domain/index.ts';
import type { Ballot } from '../../shared/domain/index.ts';
import { tallyOf } from '../support/tallies.ts';

const OPTIONS = ['a', 'b', 'c', 'd'];

describe('computeResults (§2, §3)', () => {
  // 5 ballots: 1 abstention, so n = 5 (not 4, and not the number of votes).
  const ballots: Ballot[] = [
    { plus: ['a', 'b'], minus: ['c'] },
    { plus: ['a', 'c'], minus: ['d'] },
    { plus: ['a', 'b'], minus: [] },
    { plus: ['b'], minus: [] },
    { plus: [], minus: [] },
  ];
  const t = recount(OPTIONS, ballots);

  it('shares are of voters (abstentions in n), not of votes', () => {
    const r = computeResults(t, { winners: 2 });
    expect(r.ballots).toBe(5);
    expect(r.abstentions).toBe(1);
    const byId = Object.fromEntries(r.options.map((o) => [o.id, o]));
    expect(byId.a).toMatchObject({ plus: 3, minus: 0, net: 3, support: 3 / 5, opposition: 0 });
    expect(byId.b).toMatchObject({ plus: 3, minus: 0, net: 3, support: 3 / 5, opposition: 0 });
    expect(byId.c).toMatchObject({ plus: 1, minus: 1, net: 0, support: 1 / 5, opposition: 1 / 5 });
    expect(byId.d).toMatchObject({ plus: 0, minus: 1, net: -1, support: 0, opposition: 1 / 5 });
    // 3 of 9 plus votes would be 0.333…: the share must be 3 of 5 voters
    expect(byId.a!.support).not.toBeCloseTo(3 / 9);
  });

  it('indices are computed from the shares', () => {
    const r = computeResults(t, { winners: 2 });
    for (const o of r.options) {
      expect(o.consensus).toBe(consensus(o.support, o.opposition));
      expect(o.polarisation).toBe(polarisation(o.support, o.opposition));
    }
    const c = r.options.find((o) => o.id === 'c')!;
    expect(c.polarisation).toBeCloseTo(4 * 0.2 * 0.2, 12);
    expect(c.consensus).toBeCloseTo(0.2 * 0.8, 12);
  });

  it('options are ranked best first with the ranking\'s rank and status', () => {
    const r = computeResults(t, { winners: 2 });
    expect(r.options.map((o) => [o.id, o.rank, o.status])).toEqual([
      ['a', 1, 'winner'],
      ['b', 1, 'winner'],
      ['c', 3, 'out'],
      ['d', 4, 'out'],
    ]);
    expect(r.winners).toEqual(['a', 'b']);
    expect(r.tiedAtCut).toEqual([]);
  });

  it('a tie across the cut goes to tiedAtCut, not winners', () => {
    const r = computeResults(t, { winners: 1 });
    expect(r.winners).toEqual([]);
    expect(r.tiedAtCut).toEqual(['a', 'b']);
  });

  it('winners and tiedAtCut with a clear winner', () => {
    const r = computeResults(tallyOf([['x', 5, 0], ['y', 3, 0], ['z', 3, 0], ['w', 0, 0]], 6), { winners: 2 });
    expect(r.winners).toEqual(['x']);
    expect(r.tiedAtCut).toEqual(['y', 'z']);
  });

  it('no ballots: every share and index is 0, not NaN', () => {
    const r = computeResults(recount(OPTIONS, []), { winners: 1 });
    expect(r.ballots).toBe(0);
    for (const o of r.options) {
      expect([o.support, o.opposition, o.consensus, o.polarisation]).toEqual([0, 0, 0, 0]);
    }
  });

  it('only abstentions: n counts them, shares are 0', () => {
    const r = computeResults(recount(OPTIONS, [{ plus: [], minus: [] }, { plus: [], minus: [] }]), { winners: 1 });
    expect([r.ballots, r.abstentions]).toEqual([2, 2]);
    expect(r.options.every((o) => o.support === 0 && o.opposition === 0)).toBe(true);
  });
});

describe('computeResults budget (§2 budget variant)', () => {
  const t = tallyOf([['a', 5, 0], ['b', 4, 0], ['c', 3, 0]], 6);
  const costs = new Map([['a', 70], ['b', 50], ['c', 30]]);

  it.each([
    ['no budget setting', {}],
    ['budget undefined', { budget: undefined }],
    ['budget null', { budget: null }],
  ])('%s → no budget attached', (_name, extra) => {
    const r = computeResults(t, { winners: 1, costs, ...extra });
    expect('budget' in r).toBe(false);
    expect(r.budget).toBeUndefined();
  });

  it('budget set → allocation attached, funded in ranking order', () => {
    const r = computeResults(t, { winners: 1, budget: 100, costs });
    expect(r.budget).toBeDefined();
    expect(r.budget!.funded).toEqual(['a', 'c']);
    expect(r.budget!.unfunded).toEqual(['b']);
    expect([r.budget!.spent, r.budget!.left]).toEqual([100, 0]);
  });

  it('budget 0 is a setting too (attached, funds nothing that costs)', () => {
    const r = computeResults(t, { winners: 1, budget: 0, costs });
    expect(r.budget).toMatchObject({ budget: 0, funded: [], spent: 0 });
  });

  it('budget without costs: every option costs 0 and is funded', () => {
    const r = computeResults(t, { winners: 1, budget: 10 });
    expect(r.budget!.funded).toEqual(['a', 'b', 'c']);
    expect(r.budget!.spent).toBe(0);
  });
});

describe('computeResults properties', () => {
  it('agree with rankOptions; support = plus/n, opposition = minus/n; winners/tiedAtCut partition by status', () => {
    const ballot = fc
      .shuffledSubarray(OPTIONS, { minLength: 4, maxLength: 4 })
      .chain((order) =>
        fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).map(([p, m]): Ballot => ({
          plus: order.slice(0, p),
          minus: order.slice(p, Math.min(4, p + m)),
        })),
      );
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), (ballots, w) => {
        const t = recount(OPTIONS, ballots);
        const r = computeResults(t, { winners: w });
        const ranked = rankOptions(t, w);
        expect(r.options.map((o) => [o.id, o.rank, o.status])).toEqual(ranked.map((o) => [o.id, o.rank, o.status]));
        const n = ballots.length;
        expect(r.ballots).toBe(n);
        for (const o of r.options) {
          expect(o.support).toBe(n ? o.plus / n : 0);
          expect(o.opposition).toBe(n ? o.minus / n : 0);
          expect(o.support + o.opposition).toBeLessThanOrEqual(1);
        }
        expect(r.winners).toEqual(r.options.filter((o) => o.status === 'winner').map((o) => o.id));
        expect(r.tiedAtCut).toEqual(r.options.filter((o) => o.status === 'tied').map((o) => o.id));
        expect(r.winners.length).toBeLessThanOrEqual(w);
      }),
    );
  });
});
