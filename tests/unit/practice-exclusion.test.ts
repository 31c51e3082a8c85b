import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeResults, exclusionReasons, hasExclusion, NO_EXCLUSION, type ExclusionRules } from '../../shared/domain/index.ts';
import { tallyOf, type Counts } from '../support/tallies.ts';

const rules = (over: Partial<ExclusionRules>): ExclusionRules => ({ ...NO_EXCLUSION, ...over });

describe('§5.2 exclusion thresholds: which proposals are excluded and why', () => {
  it.each<[string, { plus: number; minus: number }, number, Partial<ExclusionRules>, string[]]>([
    ['§5.2 net below 0 (Středočeský kraj)', { plus: 3, minus: 4 }, 10, { netBelowZero: true }, ['NET_BELOW_ZERO']],
    ['§5.2 net exactly 0 stays eligible', { plus: 4, minus: 4 }, 10, { netBelowZero: true }, []],
    ['§5.2 Praha 15: minus over 25 % of voters', { plus: 50, minus: 26 }, 100, { maxMinusPercent: 25 }, ['MINUS_OVER_SHARE']],
    ['§5.2 Praha 15: exactly 25 % is not "over"', { plus: 50, minus: 25 }, 100, { maxMinusPercent: 25 }, []],
    ['§5.2 the share is of voters, not of votes (abstentions count in n)', { plus: 0, minus: 3 }, 13, { maxMinusPercent: 25 }, []],
    ['§5.2 fewer than N plus votes', { plus: 4, minus: 0 }, 10, { minPlus: 5 }, ['TOO_FEW_PLUS']],
    ['§5.2 exactly N plus votes stays eligible', { plus: 5, minus: 0 }, 10, { minPlus: 5 }, []],
    ['§5.2 every reason at once, in a fixed order', { plus: 1, minus: 9 }, 10, { netBelowZero: true, maxMinusPercent: 25, minPlus: 2 }, ['NET_BELOW_ZERO', 'MINUS_OVER_SHARE', 'TOO_FEW_PLUS']],
    ['§5.2 thresholds off: nothing excluded', { plus: 0, minus: 99 }, 100, {}, []],
  ])('%s', (_name, counts, voters, over, reasons) => {
    expect(exclusionReasons(counts, voters, rules(over))).toEqual(reasons);
  });

  it('§5.2 hasExclusion is false only with every threshold off', () => {
    expect(hasExclusion(NO_EXCLUSION)).toBe(false);
    expect(hasExclusion(rules({ minPlus: 0 }))).toBe(true);
    expect(hasExclusion(rules({ maxMinusPercent: 25 }))).toBe(true);
    expect(hasExclusion(rules({ netBelowZero: true }))).toBe(true);
  });

  it('§5.2 regression: the top-ranked plus count loses to exclusion; the next eligible wins; reasons carried', () => {
    const rows: Counts = [['popular-divisive', 60, 30], ['quiet', 20, 0], ['tiny', 2, 0]];
    const r = computeResults(tallyOf(rows, 100), { winners: 1, rankBy: 'plus', exclusion: rules({ maxMinusPercent: 25, minPlus: 5 }) });
    expect(r.winners).toEqual(['quiet']);
    expect(r.excluded).toEqual([
      { id: 'popular-divisive', reasons: ['MINUS_OVER_SHARE'] },
      { id: 'tiny', reasons: ['TOO_FEW_PLUS'] },
    ]);
    expect(r.options.map((o) => [o.id, o.rank, o.status])).toEqual([
      ['quiet', 1, 'winner'],
      ['popular-divisive', 2, 'excluded'],
      ['tiny', 3, 'excluded'],
    ]);
  });
});

const countsArb = fc.uniqueArray(fc.constantFrom(...'abcdefghijklmnopqrst'.split('')), { minLength: 1, maxLength: 20 }).chain((ids) =>
  fc.tuple(fc.constant(ids), fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { minLength: ids.length, maxLength: ids.length })),
);
const rulesArb = fc.record({
  netBelowZero: fc.boolean(),
  maxMinusPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  minPlus: fc.option(fc.nat(40), { nil: null }),
});

describe('§5.2 properties: an excluded proposal is never a winner, never tied, never funded', () => {
  it('holds for any counts, thresholds, W, tie-break rule, ranking and budget', () => {
    fc.assert(
      fc.property(
        countsArb,
        rulesArb,
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom('flag' as const, 'plusMinusDraw' as const, 'revote' as const),
        fc.constantFrom('net' as const, 'plus' as const),
        fc.nat(500),
        ([ids, counts], exclusion, w, tieBreak, rankBy, budget) => {
          const rows: Counts = ids.map((id, i) => [id, counts[i]![0], counts[i]![1]]);
          const t = tallyOf(rows, 120);
          const costs = new Map(ids.map((id, i) => [id, (i * 37) % 90]));
          const r = computeResults(t, { winners: w, exclusion, tieBreak, rankBy, seed: 's', budget, costs });
          const out = new Set(r.excluded.map((e) => e.id));
          for (const o of r.options) {
            const expected = exclusionReasons(o, t.ballots, exclusion);
            expect(o.excluded).toEqual(expected);
            expect(o.status === 'excluded').toBe(expected.length > 0);
          }
          for (const id of [...r.winners, ...r.tiedAtCut, ...r.budget!.funded]) expect(out.has(id)).toBe(false);
          // Excluded proposals rank after every eligible one.
          const firstExcluded = r.options.findIndex((o) => o.status === 'excluded');
          if (firstExcluded >= 0) expect(r.options.slice(firstExcluded).every((o) => o.status === 'excluded')).toBe(true);
        },
      ),
    );
  });
});
