import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_PRACTICE, PRESETS, type RoundPractice } from '../../shared/domain/index.ts';
import { phoneOrder, potTotals, practiceRuleLines } from '../../client/src/screens/voter/practice.ts';
import { ruleLines } from '../../client/src/screens/voter/ballotLogic.ts';
import { practiceForm, practicePayload, withPreset } from '../../client/src/screens/facilitator/practiceForm.ts';
import { tieBreakText } from '../../client/src/lib/practiceText.ts';

const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);

describe('§5.6 the phone\'s ballot order', () => {
  it('§5.6 property: shuffled rounds give each token its own stable permutation; unshuffled keep the list', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (t1) => {
        const round = { id: 'r1', shuffled: true };
        const a = phoneOrder(ids, round, t1);
        expect([...a].sort()).toEqual([...ids].sort());
        expect(phoneOrder(ids, round, t1)).toEqual(a); // a reload
        expect(phoneOrder(ids, { id: 'r1', shuffled: false }, t1)).toEqual(ids);
      }),
    );
    const orders = new Set(Array.from({ length: 50 }, (_, v) => phoneOrder(ids, { id: 'r1', shuffled: true }, `token-${v}`).join()));
    expect(orders.size).toBe(50);
  });
});

describe('§5.2 §5.4 §5.5 "How to vote" on the phone', () => {
  it('§5.2 names every threshold; §5.4 says what ranks', () => {
    const lines = practiceRuleLines({ exclusion: { netBelowZero: true, maxMinusPercent: 25, minPlus: 3 }, rankBy: 'plus' });
    expect(lines[0]).toBe('A proposal is out (cannot win or be funded) if it gets more minus than plus votes, more than 25% of voters give it a minus vote, or it gets fewer than 3 plus votes.');
    expect(lines[1]).toMatch(/ranked by their plus votes/);
    expect(practiceRuleLines({ exclusion: DEFAULT_PRACTICE.exclusion, rankBy: 'net' })).toEqual([]);
  });
  it('§5.5 the minus-after-all-plus rule replaces the ratio line', () => {
    const lines = ruleLines({ options: 9, winners: 2, plus: 3, minus: 1, ratio: 2, minusAfterAllPlus: true }, false);
    expect(lines).toContain('A minus vote only after all 3 plus votes are given.');
    expect(lines.some((l) => l.startsWith('Each minus vote needs'))).toBe(false);
  });
});

describe('§5.7 pot totals on the phone', () => {
  it('§5.7 each pot sums the costs of the voter\'s plus votes in it; unassigned proposals count in the first pot', () => {
    const pots = PRESETS.prague10.pots!;
    const costs = new Map<string, number | null>([['a', 1_000_000], ['b', 500_000], ['c', 300_000], ['d', null]]);
    expect(potTotals(pots, { c: 'small', d: 'small' }, costs, ['a', 'b', 'c', 'd'])).toEqual([
      { id: 'large', label: 'Large projects', budget: 3_000_000, chosen: 1_500_000, count: 2 },
      { id: 'small', label: 'Small projects', budget: 2_000_000, chosen: 300_000, count: 2 },
    ]);
  });
});

describe('§5 console form', () => {
  it('round-trips the stored settings through the form', () => {
    const p: RoundPractice = {
      ...DEFAULT_PRACTICE,
      exclusion: { netBelowZero: true, maxMinusPercent: 25, minPlus: 2 },
      tieRule: 'plusMinusDraw',
      rankBy: 'plus',
      minusAfterAllPlus: true,
      shuffle: false,
      pots: [{ id: 'large', label: 'Large', budget: 3_000_000 }, { id: 'small', label: 'Small', budget: 2_000_000 }],
      potOf: { x: 'small' },
    };
    const out = practicePayload(practiceForm(p), ['x', 'y']);
    expect(out).toEqual({
      ok: true,
      potsTotal: 5_000_000,
      fields: { exclusion: p.exclusion, tieRule: 'plusMinusDraw', rankBy: 'plus', minusAfterAllPlus: true, shuffle: false, pots: p.pots, potOf: { x: 'small' } },
    });
  });
  it('refuses a percentage over 100, a fractional plus count, a nameless pot', () => {
    const f = practiceForm();
    expect(practicePayload({ ...f, maxMinusPercent: '120' }, [])).toMatchObject({ ok: false });
    expect(practicePayload({ ...f, minPlus: '2.5' }, [])).toMatchObject({ ok: false });
    expect(practicePayload({ ...f, potsOn: true, pots: [{ id: 'a', label: ' ', budget: '10' }] }, [])).toMatchObject({ ok: false, problem: 'Every pot needs a name.' });
  });
  it('presets fill only what the place published (Děčín sets the ratio, Praha 15 the minus share)', () => {
    expect(withPreset(practiceForm(), 'decin')).toMatchObject({ ratio: 3, form: practiceForm() });
    expect(withPreset(practiceForm(), 'praha15').form.maxMinusPercent).toBe('25');
  });
  it('§5.3b the tie-break record in words names the rule, the deciding step and the seed', () => {
    const text = tieBreakText({ rule: 'plusMinusDraw', seed: 'abc', groups: [{ ids: ['a', 'b', 'c'], rank: 2, atCut: true, decidedBy: ['plus', 'draw'] }], revote: null }, { a: 'Library', b: 'Park', c: 'Pool' });
    expect(text).toContain('“Library” before “Park” by more plus votes');
    expect(text).toContain('“Park” before “Pool” by the draw');
    expect(text).toContain('seed abc');
  });
});

describe('§5.8 heatmap colours stay readable', () => {
  it('every share gives text at WCAG AA contrast (≥ 4.5:1) on its cell', async () => {
    const { heatColours } = await import('../../client/src/components/CoSupportHeatmap.tsx');
    const lum = (css: string) => {
      const [r, g, b] = (css.match(/\d+/g) ?? ['0', '0', '0']).map(Number).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (let i = 0; i <= 100; i++) {
      const { background, color } = heatColours(i / 100);
      const [hi, lo] = [lum(background), color === '#ffffff' ? 1 : 0].sort((x, y) => y - x) as [number, number];
      expect((hi + 0.05) / (lo + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('§5.3 a re-vote among the tied, in words', () => {
  it('the new round says where it came from, in English and Czech', async () => {
    const { originText } = await import('../../client/src/components/roundText.ts');
    const { setLocale } = await import('../../client/src/i18n/i18n.ts');
    const origin = { fromRoundId: 'r1', k: 2, tieBreak: 'revote' as const, tied: ['b', 'c'], seed: null };
    expect(originText(origin, 1)).toBe('a re-vote among the 2 tied at place 2 of vote 1');
    await setLocale('cs');
    try {
      expect(originText(origin, 1)).toBe('nové hlasování mezi 2 návrhy se shodou na 2. místě v 1. kole');
    } finally {
      await setLocale('en');
    }
  });
});
