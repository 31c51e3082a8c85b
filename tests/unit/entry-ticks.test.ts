import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTypedNumbers } from '../../shared/domain/paperEntry.ts';
import { lineOf, ticksOf, toggle } from '../../client/src/screens/entry/ticks.ts';

/** §5.1 the entry screen's typed line and tick boxes are one draft. */
describe('§5.1 entry screen: typed numbers and ticks', () => {
  const ticks = fc.record({ plus: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }), minus: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 3 }) }).map((t) => ({
    plus: new Set(t.plus),
    minus: new Set(t.minus.filter((n) => !t.plus.includes(n))),
  }));

  it('§5.1 ticks written as a line read back as the same ticks, and parse as the same numbers', () => {
    fc.assert(
      fc.property(ticks, (t) => {
        const line = lineOf(t);
        expect(ticksOf(line)).toEqual(t);
        const parsed = parseTypedNumbers(line);
        expect(parsed.ok && new Set(parsed.value.plus)).toEqual(t.plus);
      }),
    );
  });

  it('§5.1 ticking a plus clears that number’s minus and the reverse; ticking twice undoes', () => {
    fc.assert(
      fc.property(ticks, fc.integer({ min: 1, max: 40 }), fc.constantFrom('plus' as const, 'minus' as const), (t, n, sign) => {
        const once = toggle(t, n, sign);
        const other = sign === 'plus' ? once.minus : once.plus;
        if ((sign === 'plus' ? once.plus : once.minus).has(n)) expect(other.has(n)).toBe(false);
        if (!(sign === 'plus' ? t.plus : t.minus).has(n) && !(sign === 'plus' ? t.minus : t.plus).has(n)) expect(toggle(once, n, sign)).toEqual(t);
      }),
    );
  });

  it('§5.1 a line with a bad token still ticks the numbers it has', () => {
    expect(ticksOf('2 x -5 7')).toEqual({ plus: new Set([2, 7]), minus: new Set([5]) });
    expect(lineOf(toggle(ticksOf('2 -5'), 5, 'plus'))).toBe('2 5');
  });
});
