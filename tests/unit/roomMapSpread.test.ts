import { describe, expect, it } from 'vitest';
import { spread } from '../../client/src/components/RoomMap.tsx';

/** The groups' letter discs on the map of the room never cover each other (issue 13: 32 px letters on the projector). */
describe('spread: the letter discs of the map of the room', () => {
  const gaps = (cs: { x: number; y: number }[]) => cs.flatMap((a, i) => cs.slice(i + 1).map((b) => Math.hypot(a.x - b.x, a.y - b.y)));

  it('moves close and coincident centres at least two radii apart, inside the map', () => {
    const centres = [{ x: 0.1, y: 0.1 }, { x: 0.12, y: 0.08 }, { x: 0.1, y: 0.1 }, { x: 1.05, y: 1.05 }, { x: 0.9, y: 1 }];
    const out = spread(centres, 0.24);
    expect(Math.min(...gaps(out))).toBeGreaterThanOrEqual(0.48 - 1e-6);
    for (const c of out) {
      expect(Math.abs(c.x)).toBeLessThanOrEqual(1.1 - 0.24 + 1e-9);
      expect(Math.abs(c.y)).toBeLessThanOrEqual(1.1 - 0.24 + 1e-9);
    }
  });

  it('leaves centres that are far enough apart where they are', () => {
    const centres = [{ x: -0.6, y: 0.2 }, { x: 0.5, y: -0.4 }];
    expect(spread(centres, 0.11)).toEqual(centres);
  });
});
