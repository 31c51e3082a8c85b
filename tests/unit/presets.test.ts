import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  CORE_PRACTICE, defaultMinusVotes, defaultPlusVotes, NO_EXCLUSION, PRACTICE_PRESETS, PRESETS, presetOverrides, presetPots, resolveRules, withPracticePreset,
} from '../../shared/domain/index.ts';

describe('ballot presets from real uses (§4)', () => {
  it('NYC participatory budget: up to 5 plus, no minus (rule 4 plus-only variant)', () => {
    expect(presetOverrides('nyc', 67)).toEqual({ plus: 5, minus: 0, ratio: 0 });
  });
  it('Prague 10 "Moje stopa": 4 plus, 2 minus, minus needs plus', () => {
    expect(presetOverrides('prague10', 33)).toEqual({ plus: 4, minus: 2, ratio: 2 });
  });
  it('never more votes than options (rule 7: 0 ≤ M ≤ P ≤ C)', () => {
    for (const id of Object.keys(PRESETS) as (keyof typeof PRESETS)[]) {
      for (let c = 1; c <= 8; c++) {
        const o = presetOverrides(id, c);
        expect(o.plus).toBeLessThanOrEqual(c);
        expect(o.minus).toBeLessThanOrEqual(o.plus);
        expect(resolveRules(c, 1, o).ok).toBe(true);
      }
    }
  });
});

describe('§5 practice presets (published rules of real votes)', () => {
  it('§5.2 Praha 15 excludes above 25 % minus; §5.2+§5.3b Středočeský kraj net < 0 and plus, minus, draw', () => {
    expect(PRACTICE_PRESETS.praha15.rules.exclusion).toEqual({ netBelowZero: false, maxMinusPercent: 25, minPlus: null });
    expect(withPracticePreset(CORE_PRACTICE, 'stredocesky')).toMatchObject({ exclusion: { netBelowZero: true }, tieBreak: 'plusMinusDraw', rankBy: 'net' });
  });
  it('§5.5 Děčín 3:1 and Ďáblice minus after all plus with a shuffled ballot (§5.6)', () => {
    expect(withPracticePreset(CORE_PRACTICE, 'decin').ratio).toBe(3);
    expect(withPracticePreset(CORE_PRACTICE, 'dablice')).toMatchObject({ minusAfterAllPlus: true, shuffle: true });
  });
  it('the core preset switches nothing of §5 on', () => {
    expect(CORE_PRACTICE).toEqual({ exclusion: NO_EXCLUSION, tieBreak: 'flag', rankBy: 'net', ratio: null, minusAfterAllPlus: false, shuffle: null });
  });
});

describe('README vote-count examples state the number of proposals they hold for (§1 rule 3)', () => {
  const text = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  const examples = [...text.matchAll(/(\d+) proposals and (\d+) winners? (?:give |also )?(\d+)(?: plus)? \+ (\d+)/g)];
  it('has examples, and each matches the formula (9 proposals, 2 winners: 3 plus, not 4)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const [, c, w, p, m] of examples) {
      expect([defaultPlusVotes(Number(c), Number(w)), defaultMinusVotes(defaultPlusVotes(Number(c), Number(w)))]).toEqual([Number(p), Number(m)]);
    }
  });
});

describe('§5.7 preset pots in the assembly\'s language', () => {
  it('Prague 10\'s pots are named in Czech for a Czech assembly, English otherwise; budgets unchanged; NYC has none', () => {
    expect(presetPots('prague10', 'cs')?.map((p) => p.label)).toEqual(['Velké projekty', 'Malé projekty']);
    expect(presetPots('prague10', 'cs-CZ')?.map((p) => p.label)).toEqual(['Velké projekty', 'Malé projekty']);
    expect(presetPots('prague10', 'en')?.map((p) => p.label)).toEqual(['Large projects', 'Small projects']);
    expect(presetPots('prague10', 'de')?.map((p) => p.label)).toEqual(['Large projects', 'Small projects']);
    expect(presetPots('prague10', 'cs')?.map((p) => p.budget)).toEqual([3_000_000, 2_000_000]);
    expect(presetPots('nyc', 'cs')).toBeUndefined();
    // A copy: changing it does not change the preset.
    presetPots('prague10', 'cs')![0]!.label = 'x';
    expect(PRESETS.prague10.pots![0]!.label).toBe('Large projects');
  });
});
