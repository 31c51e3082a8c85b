import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisMax, overlapping, placeLabels, thresholds, type MapPoint } from '../../client/src/screens/projector/mapLayout.ts';

const point = (i: number, support: number, opposition: number, winner = false): MapPoint => ({ id: `p${i}`, label: String(i + 1), support, opposition, winner });

describe('consensus map geometry', () => {
  it('quadrant lines are fixed by the rules (P/C, M/C), not by the data', () => {
    const rules = { options: 20, plus: 5, minus: 2 };
    const a = thresholds(rules, [point(0, 0.9, 0), point(1, 0.8, 0)]);
    const b = thresholds(rules, [point(0, 0.3, 0), point(1, 0.35, 0.2)]);
    expect(a).toEqual({ support: 0.25, opposition: 0.1 });
    expect(b).toEqual(a);
    expect(thresholds(rules, [], { support: 0.4, opposition: 0.3 })).toEqual({ support: 0.4, opposition: 0.3 });
  });

  it('never puts a winner in "little interest" (below the support line)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ s: fc.double({ min: 0, max: 1, noNaN: true }), o: fc.double({ min: 0, max: 1, noNaN: true }), w: fc.boolean() }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (rows, plus) => {
        const pts = rows.map((r, i) => point(i, r.s, r.o, r.w));
        const t = thresholds({ options: pts.length, plus: Math.min(plus, pts.length), minus: 0 }, pts);
        for (const p of pts) if (p.winner && p.support >= 0.01) expect(p.support).toBeGreaterThanOrEqual(t.support);
      }),
    );
  });

  it('the axis holds every point', () => {
    const pts = [point(0, 0.42, 0.03), point(1, 0.1, 0.07)];
    const t = thresholds({ options: 9, plus: 3, minus: 1 }, pts);
    expect(axisMax(pts.map((p) => p.support), t.support)).toBe(0.5);
    expect(axisMax(pts.map((p) => p.opposition), t.opposition)).toBe(0.2); // the line M/C = 11 % needs 20 %
  });

  it('places 60 labels in a projector-sized plot (600 × 430) without overlap', () => {
    const pts = Array.from({ length: 60 }, (_, i) => point(i, (i % 7) / 200, (i % 3) / 300));
    const labels = placeLabels(pts, { width: 600, height: 430 }, { x: 0.25, y: 0.1 }, 24);
    expect(overlapping(labels, 24)).toBe(0);
  });

  it('places up to 60 labels without overlap, even when many points share one spot', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 60 }), (cells) => {
        const pts = cells.map(([s, o], i) => point(i, s / 40, o / 40));
        const labels = placeLabels(pts, { width: 820, height: 640 }, { x: 0.25, y: 0.25 }, 24);
        expect(labels).toHaveLength(pts.length);
        expect(overlapping(labels, 24)).toBe(0);
        for (const l of labels) {
          expect(l.lx).toBeGreaterThanOrEqual(24);
          expect(l.lx).toBeLessThanOrEqual(820 - 24);
        }
      }),
      { numRuns: 60 },
    );
  });
});
