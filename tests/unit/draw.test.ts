import { describe, expect, it } from 'vitest';
import { drawOrder } from '../../server/hub/advance.ts';

describe('recorded draws for ties at the cut (§2, ours)', () => {
  it('the same seed gives the same order, whatever the input order', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const first = drawOrder('seed-1', ids);
    expect(drawOrder('seed-1', [...ids].reverse())).toEqual(first);
    expect([...first].sort()).toEqual(ids);
  });
  it('different seeds give different orders (not a fixed ranking)', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const orders = new Set(Array.from({ length: 20 }, (_, i) => drawOrder(`s${i}`, ids).join(',')));
    expect(orders.size).toBeGreaterThan(15);
  });
});
