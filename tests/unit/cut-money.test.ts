import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAmount, rankOptions, topKCut, type RankingSettings } from '../../shared/domain/index.ts';
import { tallyOf, type Counts } from '../support/tallies.ts';

const counts = fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { minLength: 1, maxLength: 40 }).map((rows): Counts => rows.map(([p, m], i) => [`p${i}`, p, m] as const));

describe('topKCut: the top K of a ranking (round:advance), one rule for the console and the server', () => {
  it('a tie straddling place K is tied at the cut with the places left for it', () => {
    const ranked = rankOptions(tallyOf([['a', 5, 0], ['b', 3, 0], ['c', 3, 0], ['d', 3, 0], ['e', 1, 0]]), 1);
    expect(topKCut(ranked, 2)).toEqual({ sure: ['a'], tied: ['b', 'c', 'd'], slots: 1 });
    expect(topKCut(ranked, 4)).toEqual({ sure: ['a', 'b', 'c', 'd'], tied: [], slots: 0 });
    expect(topKCut(ranked, 9)).toEqual({ sure: ['a', 'b', 'c', 'd', 'e'], tied: [], slots: 0 });
  });

  it('for every ranking and K it agrees with the ranking computed for K winners (default rule and plusMinusDraw, by net and by plus)', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 1, max: 45 }), fc.constantFrom<RankingSettings>({}, { tieBreak: 'plusMinusDraw', seed: 's' }, { rankBy: 'plus' }), (rows, k, settings) => {
        const t = tallyOf(rows);
        const kk = Math.min(k, rows.length);
        const forK = rankOptions(t, kk, settings);
        const cut = topKCut(rankOptions(t, 1, settings), kk);
        expect(cut.sure).toEqual(forK.filter((r) => r.status === 'winner').map((r) => r.id));
        expect(cut.tied).toEqual(forK.filter((r) => r.status === 'tied').map((r) => r.id));
        expect(cut.slots).toBe(kk - cut.sure.length);
        expect(cut.sure.length + (cut.tied.length > 0 ? cut.slots : 0)).toBeLessThanOrEqual(kk);
      }),
      { numRuns: 300 },
    );
  });

  it('excluded proposals never go through', () => {
    const ranked = [
      { id: 'a', rank: 1, status: 'winner' as const },
      { id: 'x', rank: 2, status: 'excluded' as const },
    ];
    expect(topKCut(ranked, 2)).toEqual({ sure: ['a'], tied: [], slots: 1 });
  });
});

describe('parseAmount: one money parser for the console and the CSV import', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['700000', 700000],
    ['700 000', 700000],
    ['700,000', 700000],
    ['700.000', 700000],
    ['700_000', 700000],
    ['1’250’000', 1250000],
    ['1\u202f250\u00a0000', 1250000],
    ['0', 0],
  ])('%j → %s', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it.each(['1.5', '1,5', '70,00', '1,000.000', '-5', '12e3', 'ten', '1.000,000'])('%j is refused (NaN), not guessed', (text) => {
    expect(parseAmount(text)).toBeNaN();
  });

  it('every whole amount written with any one thousands separator reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('', ' ', ',', '.', '_', '’', '\u202f'), (n, sep) => {
        const text = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(parseAmount(text)).toBe(n);
      }),
    );
  });
});
