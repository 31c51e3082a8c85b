import type { OpinionGroups } from './opinionGroups.ts';

/**
 * The map of the room (docs/opinion-groups.md): every grouped voter as an
 * anonymous dot at their place in the 2-D projection, coloured by group.
 *
 * What leaves the server is not a list of voters: places are snapped to a
 * `bins` × `bins` grid over [−1, 1]² (scaled by the farthest voter), voters
 * of one group in one cell become one dot with a count, and dots are sorted
 * by group and place, so nothing ties a dot to a ballot, a join order or a
 * participant id.
 */
export interface MapDot {
  /** Cell centre, −1..1 (x right, y up). */
  x: number;
  y: number;
  group: number;
  /** Voters of this group in this cell. */
  count: number;
}

export interface RoomMap {
  dots: MapDot[];
  /** Group centres on the same scale, index = group. */
  centres: { x: number; y: number }[];
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export function roomMap(g: Pick<OpinionGroups, 'assignment' | 'x' | 'y' | 'centres'>, bins = 64): RoomMap {
  let scale = 0;
  g.assignment.forEach((group, i) => {
    if (group >= 0) scale = Math.max(scale, Math.abs(g.x[i]!), Math.abs(g.y[i]!));
  });
  scale = scale > 0 ? scale : 1;
  const cell = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor(((v / scale + 1) / 2) * bins)));
  const centre = (c: number) => round3(((c + 0.5) / bins) * 2 - 1);
  const counts = new Map<number, number>();
  g.assignment.forEach((group, i) => {
    if (group < 0) return;
    const key = (group * bins + cell(g.x[i]!)) * bins + cell(g.y[i]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const dots = [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([key, count]) => ({ group: Math.floor(key / (bins * bins)), x: centre(Math.floor(key / bins) % bins), y: centre(key % bins), count }));
  return { dots, centres: g.centres.map(([x, y]) => ({ x: round3(x / scale), y: round3(y / scale) })) };
}
