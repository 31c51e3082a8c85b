import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allocatePots, assignPots, computeResults, PRESETS, rankOptions, type Pot } from '../../shared/domain/index.ts';
import { tallyOf, type Counts } from '../support/tallies.ts';

const PRAGUE10_POTS = PRESETS.prague10.pots!;

describe('§5.7 budget pots', () => {
  it('§5.7 the Prague 10 preset has its two pots: large 3 M CZK, small 2 M CZK', () => {
    expect(PRAGUE10_POTS.map((p) => [p.id, p.budget])).toEqual([['large', 3_000_000], ['small', 2_000_000]]);
  });

  it('§5.7 each pot walks its own proposals in ranking order, skipping what no longer fits that pot', () => {
    // Ranking: L1 L2 s1 L3 s2 s3 (by net).
    const rows: Counts = [['L1', 90, 0], ['L2', 80, 0], ['s1', 70, 0], ['L3', 60, 0], ['s2', 50, 0], ['s3', 40, 0]];
    const costs = new Map([['L1', 2_000_000], ['L2', 1_500_000], ['L3', 900_000], ['s1', 1_200_000], ['s2', 900_000], ['s3', 700_000]]);
    const potOf = { L1: 'large', L2: 'large', L3: 'large', s1: 'small', s2: 'small', s3: 'small' };
    const r = computeResults(tallyOf(rows, 100), { winners: 3, costs, pots: PRAGUE10_POTS, potOf: new Map(Object.entries(potOf)) });
    const [large, small] = r.pots!;
    // Large: L1 2.0 M → 1.0 M left; L2 1.5 M does not fit; L3 0.9 M → 0.1 M left.
    expect(large).toMatchObject({ id: 'large', funded: ['L1', 'L3'], unfunded: ['L2'], spent: 2_900_000, left: 100_000 });
    // Small: s1 1.2 M → 0.8 M left; s2 0.9 M does not fit; s3 0.7 M → 0.1 M left.
    expect(small).toMatchObject({ id: 'small', funded: ['s1', 's3'], unfunded: ['s2'], spent: 1_900_000, left: 100_000 });
    // One pot's money never pays for another's project (one 5 M pot would have funded L2).
    expect(r.budget).toMatchObject({ budget: 5_000_000, spent: 4_800_000, funded: ['L1', 's1', 'L3', 's3'] });
    expect(r.budget!.lines.map((l) => l.pot)).toEqual(['large', 'large', 'small', 'large', 'small', 'small']);
  });

  it('§5.7 with §5.2: an excluded proposal is skipped in its pot, leaving the money to the next', () => {
    const rows: Counts = [['big', 90, 50], ['next', 40, 0]];
    const r = computeResults(tallyOf(rows, 100), {
      winners: 1,
      costs: new Map([['big', 3_000_000], ['next', 3_000_000]]),
      pots: PRAGUE10_POTS,
      exclusion: { netBelowZero: false, maxMinusPercent: 25, minPlus: null },
    });
    expect(r.pots![0]!.funded).toEqual(['next']);
  });

  it('§5.7 assignPots: unassigned proposals go to the first pot; unknown pots and proposals are refused', () => {
    const pots: Pot[] = [{ id: 'a', label: 'A', budget: 10 }, { id: 'b', label: 'B', budget: 5 }];
    const ok = assignPots(['x', 'y'], pots, { y: 'b' });
    expect(ok.ok && [...ok.value]).toEqual([['x', 'a'], ['y', 'b']]);
    expect(assignPots(['x'], pots, { x: 'zzz' })).toMatchObject({ ok: false, code: 'INVALID_POTS' });
    expect(assignPots(['x'], pots, { q: 'a' })).toMatchObject({ ok: false, code: 'INVALID_POTS' });
    expect(assignPots(['x'], [], {})).toMatchObject({ ok: false, code: 'INVALID_POTS' });
    expect(assignPots(['x'], [pots[0]!, pots[0]!], {})).toMatchObject({ ok: false, code: 'INVALID_POTS' });
  });

  it('§5.7 property: each pot spends at most its budget, funds only its own proposals, and every unfunded one did not fit', () => {
    const arb = fc.record({
      n: fc.integer({ min: 1, max: 40 }),
      pots: fc.array(fc.nat(1000), { minLength: 1, maxLength: 4 }),
      seed: fc.array(fc.nat(1000), { minLength: 120, maxLength: 120 }),
    });
    fc.assert(
      fc.property(arb, ({ n, pots: budgets, seed }) => {
        const ids = Array.from({ length: n }, (_, i) => `p${i}`);
        const rows: Counts = ids.map((id, i) => [id, seed[i]! % 50, seed[i + 40]! % 20]);
        const costs = new Map(ids.map((id, i) => [id, seed[i + 80]! % 400]));
        const pots: Pot[] = budgets.map((budget, i) => ({ id: `pot${i}`, label: `Pot ${i}`, budget }));
        const assigned = assignPots(ids, pots, Object.fromEntries(ids.map((id, i) => [id, `pot${(seed[i]! * 7) % pots.length}`])));
        if (!assigned.ok) throw new Error(assigned.message);
        const ranked = rankOptions(tallyOf(rows, 60), 3);
        const walks = allocatePots(ranked, costs, pots, assigned.value);
        const fundedAnywhere: string[] = [];
        walks.forEach((w, i) => {
          expect(w.spent).toBeLessThanOrEqual(pots[i]!.budget);
          expect(w.spent + w.left).toBe(pots[i]!.budget);
          expect(w.funded.reduce((s, id) => s + costs.get(id)!, 0)).toBe(w.spent);
          for (const l of w.lines) {
            expect(assigned.value.get(l.id)).toBe(w.id);
            if (!l.funded) expect(l.cost).toBeGreaterThan(l.remaining);
          }
          fundedAnywhere.push(...w.funded);
        });
        expect(new Set(fundedAnywhere).size).toBe(fundedAnywhere.length);
        expect(walks.reduce((s, w) => s + w.lines.length, 0)).toBe(n);
      }),
    );
  });
});
