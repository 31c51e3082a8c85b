import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allocateBudget, rankOptions } from '../../shared/domain/index.ts';
import { tallyOf, type Counts } from '../support/tallies.ts';

const rank = (rows: Counts) => rankOptions(tallyOf(rows), 1);

describe('allocateBudget: fund in ranking order, skipping what does not fit (§2 budget variant)', () => {
  // nets: a 10, b 8, c 6, d 4, e 2
  const rows: Counts = [['a', 10, 0], ['b', 8, 0], ['c', 6, 0], ['d', 4, 0], ['e', 2, 0]];

  it('skips an option that no longer fits and keeps going down the ranking', () => {
    const costs = new Map([['a', 40], ['b', 50], ['c', 30], ['d', 10], ['e', 5]]);
    const alloc = allocateBudget(rank(rows), costs, 100);
    // a 40 → 60 left; b 50 → 10 left; c 30 does not fit; d 10 → 0 left; e 5 does not fit
    expect(alloc.funded).toEqual(['a', 'b', 'd']);
    expect(alloc.unfunded).toEqual(['c', 'e']);
    expect(alloc.lines).toEqual([
      { id: 'a', cost: 40, funded: true, remaining: 60 },
      { id: 'b', cost: 50, funded: true, remaining: 10 },
      { id: 'c', cost: 30, funded: false, remaining: 10 },
      { id: 'd', cost: 10, funded: true, remaining: 0 },
      { id: 'e', cost: 5, funded: false, remaining: 0 },
    ]);
    expect(alloc).toMatchObject({ budget: 100, spent: 100, left: 0, tied: [] });
  });

  it('a top-ranked option too expensive for the whole budget is skipped, the rest funded', () => {
    const costs = new Map([['a', 150], ['b', 20], ['c', 30], ['d', 40], ['e', 50]]);
    const alloc = allocateBudget(rank(rows), costs, 100);
    expect(alloc.funded).toEqual(['b', 'c', 'd']);
    expect(alloc.unfunded).toEqual(['a', 'e']);
    expect([alloc.spent, alloc.left]).toEqual([90, 10]);
  });

  it('an option exactly equal to the remaining budget is funded', () => {
    const alloc = allocateBudget(rank([['a', 2, 0], ['b', 1, 0]]), new Map([['a', 60], ['b', 40]]), 100);
    expect(alloc.funded).toEqual(['a', 'b']);
    expect(alloc.left).toBe(0);
  });

  it('an option with no cost costs 0 and is always funded', () => {
    const alloc = allocateBudget(rank([['a', 2, 0], ['free', 1, 0]]), new Map([['a', 100]]), 100);
    expect(alloc.funded).toEqual(['a', 'free']);
    expect(alloc.lines[1]).toEqual({ id: 'free', cost: 0, funded: true, remaining: 0 });
  });

  it('a budget of 0 funds only free options', () => {
    const alloc = allocateBudget(rank([['a', 2, 0], ['b', 1, 0]]), new Map([['a', 1]]), 0);
    expect(alloc.funded).toEqual(['b']);
    expect(alloc).toMatchObject({ spent: 0, left: 0 });
  });

  it('nothing to fund: everything left', () => {
    expect(allocateBudget([], new Map(), 500)).toEqual({
      budget: 500, spent: 0, left: 500, lines: [], funded: [], unfunded: [], tied: [],
    });
  });

  it('flags a tie of net score where one option is funded and the other is not', () => {
    // b and c both net 5; b is listed first (more plus votes) and takes the money
    const ranked = rank([['a', 9, 0], ['b', 7, 2], ['c', 5, 0], ['d', 1, 0]]);
    expect(ranked.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    const alloc = allocateBudget(ranked, new Map([['a', 50], ['b', 40], ['c', 40], ['d', 10]]), 100);
    expect(alloc.funded).toEqual(['a', 'b', 'd']);
    expect(alloc.tied).toEqual(['b', 'c']);
  });

  it('no tie flag when a whole tie group is funded or a whole group is unfunded', () => {
    const ranked = rank([['a', 5, 0], ['b', 5, 0], ['c', 3, 0], ['d', 3, 0]]);
    const alloc = allocateBudget(ranked, new Map([['a', 30], ['b', 30], ['c', 50], ['d', 50]]), 80);
    expect(alloc.funded).toEqual(['a', 'b']);
    expect(alloc.unfunded).toEqual(['c', 'd']);
    expect(alloc.tied).toEqual([]);
  });

  it('flags the whole tie group (all its members), not just the straddling pair', () => {
    const ranked = rank([['a', 4, 0], ['b', 4, 0], ['c', 4, 0]]);
    const alloc = allocateBudget(ranked, new Map([['a', 10], ['b', 95], ['c', 10]]), 100);
    expect(alloc.funded).toEqual(['a', 'c']);
    expect(alloc.tied).toEqual(['a', 'b', 'c']);
  });
});

const scenario = fc
  .array(fc.record({ plus: fc.nat({ max: 5 }), minus: fc.nat({ max: 5 }), cost: fc.nat({ max: 200 }) }), { maxLength: 15 })
  .chain((opts) => fc.record({ opts: fc.constant(opts), budget: fc.nat({ max: 600 }) }));

describe('allocateBudget properties', () => {
  it('spent + left = budget, funded total ≤ budget, every unfunded cost > remaining at its point', () => {
    fc.assert(
      fc.property(scenario, ({ opts, budget }) => {
        const rows: Counts = opts.map((o, i) => [`o${i}`, o.plus, o.minus]);
        const costs = new Map(opts.map((o, i) => [`o${i}`, o.cost]));
        const ranked = rank(rows);
        const alloc = allocateBudget(ranked, costs, budget);

        expect(alloc.spent + alloc.left).toBe(budget);
        const fundedTotal = alloc.funded.reduce((s, id) => s + costs.get(id)!, 0);
        expect(fundedTotal).toBe(alloc.spent);
        expect(fundedTotal).toBeLessThanOrEqual(budget);
        expect(alloc.left).toBeGreaterThanOrEqual(0);

        // lines follow the ranking, funded/unfunded partition them
        expect(alloc.lines.map((l) => l.id)).toEqual(ranked.map((r) => r.id));
        expect([...alloc.funded, ...alloc.unfunded].sort()).toEqual(ranked.map((r) => r.id).sort());

        // walk the lines independently
        let remaining = budget;
        for (const line of alloc.lines) {
          expect(line.cost).toBe(costs.get(line.id));
          if (line.funded) {
            expect(line.cost).toBeLessThanOrEqual(remaining);
            remaining -= line.cost;
          } else {
            expect(line.cost).toBeGreaterThan(remaining);
          }
          expect(line.remaining).toBe(remaining);
        }
        expect(alloc.left).toBe(remaining);

        // greedy: nothing unfunded would fit in what is left at the end
        for (const id of alloc.unfunded) expect(costs.get(id)!).toBeGreaterThan(alloc.left);

        // tie flags: exactly the net groups with both a funded and an unfunded member
        const nets = new Map(ranked.map((r) => [r.id, r.net]));
        for (const line of alloc.lines) {
          const group = alloc.lines.filter((l) => nets.get(l.id) === nets.get(line.id));
          const mixed = group.some((l) => l.funded) && group.some((l) => !l.funded);
          expect(alloc.tied.includes(line.id)).toBe(mixed);
        }
      }),
      { numRuns: 500 },
    );
  });
});
