import { describe, expect, it } from 'vitest';
import { PRESETS, presetOverrides, resolveRules } from '../../shared/domain/index.ts';

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
