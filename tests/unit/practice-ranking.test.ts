import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeResults, drawKey, rankRound, type TieBreakRule } from '../../shared/domain/index.ts';
import { tallyOf, type Counts } from '../support/tallies.ts';

describe('§5.3 tie-break rules, recorded with the result', () => {
  // b and c tie on net 3 for the second seat; b has more plus.
  const rows: Counts = [['a', 6, 0], ['b', 5, 2], ['c', 3, 0], ['d', 1, 0]];

  it('§5.3a flag (default): the tie at the cut is shown, not broken', () => {
    const { ranked, tieBreak } = rankRound(tallyOf(rows), 2);
    expect(ranked.map((r) => [r.id, r.rank, r.status])).toEqual([['a', 1, 'winner'], ['b', 2, 'tied'], ['c', 2, 'tied'], ['d', 4, 'out']]);
    expect(tieBreak).toEqual({ rule: 'flag', seed: null, groups: [{ ids: ['b', 'c'], rank: 2, atCut: true, decidedBy: [] }], revote: null });
  });

  it('§5.3b more plus votes decide first (Středočeský kraj)', () => {
    const { ranked, tieBreak } = rankRound(tallyOf(rows), 2, { tieBreak: 'plusMinusDraw', seed: 'x' });
    expect(ranked.map((r) => [r.id, r.rank, r.status])).toEqual([['a', 1, 'winner'], ['b', 2, 'winner'], ['c', 3, 'out'], ['d', 4, 'out']]);
    expect(tieBreak.groups).toEqual([{ ids: ['b', 'c'], rank: 2, atCut: true, decidedBy: ['plus'] }]);
    expect(tieBreak.seed).toBe('x');
  });

  it('§5.3b with ranking by plus (§5.4), fewer minus votes decide next', () => {
    const { ranked, tieBreak } = rankRound(tallyOf([['p', 5, 3], ['q', 5, 1], ['r', 1, 0]]), 1, { tieBreak: 'plusMinusDraw', rankBy: 'plus', seed: 'x' });
    expect(ranked.map((r) => [r.id, r.status])).toEqual([['q', 'winner'], ['p', 'out'], ['r', 'out']]);
    expect(tieBreak.groups[0]!.decidedBy).toEqual(['minus']);
  });

  it('§5.3b identical counts go to the seeded draw: the draw key order, the same for the same seed', () => {
    const same: Counts = [['x1', 4, 1], ['x2', 4, 1], ['x3', 4, 1], ['x4', 4, 1]];
    const seed = 'f00d';
    const { ranked, tieBreak } = rankRound(tallyOf(same), 1, { tieBreak: 'plusMinusDraw', seed });
    const byKey = ['x1', 'x2', 'x3', 'x4'].sort((p, q) => drawKey(seed, p) - drawKey(seed, q));
    expect(ranked.map((r) => r.id)).toEqual(byKey);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(tieBreak.groups).toEqual([{ ids: byKey, rank: 1, atCut: true, decidedBy: ['draw', 'draw', 'draw'] }]);
  });

  it('§5.3b before the draw (no seed yet, the round is open): plus and minus still decide; identical counts stay tied', () => {
    const rows2: Counts = [['a', 6, 0], ['b', 5, 2], ['c', 3, 0], ['x', 3, 0], ['d', 1, 0]];
    const { ranked, tieBreak } = rankRound(tallyOf(rows2), 3, { tieBreak: 'plusMinusDraw' });
    expect(ranked.map((r) => [r.id, r.rank, r.status])).toEqual([['a', 1, 'winner'], ['b', 2, 'winner'], ['c', 3, 'tied'], ['x', 3, 'tied'], ['d', 5, 'out']]);
    expect(tieBreak).toMatchObject({ seed: null, groups: [{ ids: ['b', 'c', 'x'], atCut: true, decidedBy: ['plus', null] }] });
  });

  it('§5.3c re-vote: the tied proposals and the seats among them are named', () => {
    const { ranked, tieBreak } = rankRound(tallyOf(rows), 2, { tieBreak: 'revote' });
    expect(ranked.filter((r) => r.status === 'tied').map((r) => r.id)).toEqual(['b', 'c']);
    expect(tieBreak.revote).toEqual({ ids: ['b', 'c'], seats: 1 });
  });

  it('§5.3c no tie at the cut: nothing to re-vote', () => {
    expect(rankRound(tallyOf(rows), 3, { tieBreak: 'revote' }).tieBreak.revote).toBeNull();
  });

  it('§5.3 the record travels in computeResults', () => {
    const r = computeResults(tallyOf(rows), { winners: 2, tieBreak: 'plusMinusDraw', seed: 'abc' });
    expect(r.tieBreak.rule).toBe('plusMinusDraw');
    expect(r.tiedAtCut).toEqual([]);
    expect(r.winners).toEqual(['a', 'b']);
  });
});

const tallyArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }).chain((ids) =>
  fc.tuple(fc.constant(ids), fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { minLength: ids.length, maxLength: ids.length })),
);
const toRows = ([ids, counts]: [string[], [number, number][]]): Counts => ids.map((id, i) => [id, counts[i]![0], counts[i]![1]]);

describe('§5.3 properties', () => {
  it('§5.3b deterministic for a seed, independent of ballot (input) order; exactly W winners when W ≤ C', () => {
    fc.assert(
      fc.property(tallyArb, fc.integer({ min: 1, max: 30 }), fc.string(), fc.nat(), (data, w, seed, rot) => {
        const rows = toRows(data);
        const rotated = [...rows.slice(rot % rows.length), ...rows.slice(0, rot % rows.length)];
        const a = rankRound(tallyOf(rows), w, { tieBreak: 'plusMinusDraw', seed });
        const b = rankRound(tallyOf(rotated), w, { tieBreak: 'plusMinusDraw', seed });
        expect(b.ranked).toEqual(a.ranked);
        expect(b.tieBreak).toEqual(a.tieBreak);
        expect(a.ranked.filter((r) => r.status === 'winner')).toHaveLength(Math.min(w, rows.length));
        expect(a.ranked.some((r) => r.status === 'tied')).toBe(false);
      }),
    );
  });

  it('§5.3b order: score desc, then plus desc, then minus asc within equal score', () => {
    fc.assert(
      fc.property(tallyArb, fc.constantFrom('net' as const, 'plus' as const), fc.string(), (data, rankBy, seed) => {
        const { ranked } = rankRound(tallyOf(toRows(data)), 1, { tieBreak: 'plusMinusDraw', rankBy, seed });
        const score = (r: (typeof ranked)[number]) => (rankBy === 'plus' ? r.plus : r.net);
        for (let i = 1; i < ranked.length; i++) {
          const [p, q] = [ranked[i - 1]!, ranked[i]!];
          const inOrder = score(p) > score(q) || (score(p) === score(q) && (p.plus > q.plus || (p.plus === q.plus && p.minus <= q.minus)));
          expect(inOrder).toBe(true);
        }
      }),
    );
  });

  it('§5.3 every rule gives the same score order and the same tie groups; only the order inside a group differs', () => {
    fc.assert(
      fc.property(tallyArb, fc.integer({ min: 1, max: 30 }), (data, w) => {
        const rows = toRows(data);
        const runs = (['flag', 'plusMinusDraw', 'revote'] as TieBreakRule[]).map((rule) => rankRound(tallyOf(rows), w, { tieBreak: rule, seed: 's' }));
        const nets = runs.map((r) => r.ranked.map((o) => o.net));
        expect(nets[1]).toEqual(nets[0]);
        expect(nets[2]).toEqual(nets[0]);
        const groups = runs.map((r) => r.tieBreak.groups.map((g) => [...g.ids].sort()));
        expect(groups[1]).toEqual(groups[0]);
        expect(groups[2]).toEqual(groups[0]);
      }),
    );
  });
});

describe('§5.4 ranking by plus votes, minus votes only for exclusion', () => {
  it('§5.4 orders by plus, not net; net stays reported', () => {
    const r = computeResults(tallyOf([['many-plus', 10, 9], ['few-plus', 3, 0]], 12), { winners: 1, rankBy: 'plus' });
    expect(r.options.map((o) => [o.id, o.rank, o.net])).toEqual([['many-plus', 1, 1], ['few-plus', 2, 3]]);
    expect(r.rankBy).toBe('plus');
    expect(r.winners).toEqual(['many-plus']);
  });

  it('§5.4 by default (net) the same counts rank the other way', () => {
    const r = computeResults(tallyOf([['many-plus', 10, 9], ['few-plus', 3, 0]], 12), { winners: 1 });
    expect(r.winners).toEqual(['few-plus']);
    expect(r.rankBy).toBe('net');
  });

  it('§5.4 ties share a rank by plus count alone', () => {
    const { ranked } = rankRound(tallyOf([['a', 4, 0], ['b', 4, 3], ['c', 1, 0]]), 1, { rankBy: 'plus' });
    expect(ranked.map((r) => [r.id, r.rank, r.status])).toEqual([['a', 1, 'tied'], ['b', 1, 'tied'], ['c', 3, 'out']]);
  });

  it('§5.4 property: plus counts never increase down the eligible ranking; rank = 1 + options with more plus', () => {
    fc.assert(
      fc.property(tallyArb, (data) => {
        const { ranked } = rankRound(tallyOf(toRows(data)), 1, { rankBy: 'plus' });
        ranked.forEach((r, i) => {
          if (i > 0) expect(ranked[i - 1]!.plus).toBeGreaterThanOrEqual(r.plus);
          expect(r.rank).toBe(1 + ranked.filter((o) => o.plus > r.plus).length);
        });
      }),
    );
  });
});
