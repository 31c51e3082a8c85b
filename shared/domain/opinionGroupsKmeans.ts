import { prng } from './random.ts';

/**
 * Step 5 of the opinion-groups pipeline (docs/opinion-groups.md): k-means
 * in the 2-D projection, k from 2 to `maxK` chosen by silhouette
 * (compdemocracy/polis math/src/polismath/math/clusters.clj `kmeans`,
 * `silhouette`; conversation.clj `group-clusterings`).
 *
 * Differences from Pol.is, all for determinism or size: Pol.is first
 * squeezes participants into 100 "base clusters" and starts each run from
 * the previous run's clusters (so a restart can change the groups); here
 * k-means runs on the voters themselves, seeded with k-means++ from a fixed
 * seed, several restarts keeping the tightest, and the silhouette is
 * computed on an evenly spaced sample of at most `SAMPLE` voters (exact
 * below that). Points must arrive in a canonical order (see
 * `canonicalOrder`) for the result not to depend on ballot order.
 */

export type Point = readonly [number, number];

export interface Clustering {
  k: number;
  /** Group of each point, 0..k−1. */
  assignment: Int32Array;
  centres: [number, number][];
  sizes: number[];
  silhouette: number;
}

const ITERATIONS = 100;
const RESTARTS = 4;
const SAMPLE = 2000;

const d2 = (a: Point, b: Point) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

function nearest(p: Point, centres: readonly Point[]): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < centres.length; c++) {
    const d = d2(p, centres[c]!);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** One k-means run (Lloyd's algorithm, weighted points) from k-means++ seeds drawn with `random`. */
function lloyd(points: readonly Point[], weights: Float64Array, k: number, random: () => number): { assignment: Int32Array; centres: [number, number][]; inertia: number } {
  const n = points.length;
  const centres: [number, number][] = [[...points[Math.floor(random() * n)]!]];
  const gap = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      gap[i] = Math.min(gap[i]!, d2(points[i]!, centres[centres.length - 1]!));
      total += gap[i]! * weights[i]!;
    }
    let r = random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= gap[i]! * weights[i]!;
      if (r < 0) {
        pick = i;
        break;
      }
    }
    centres.push([...points[pick]!]);
  }
  const assignment = new Int32Array(n).fill(-1);
  for (let it = 0; it < ITERATIONS; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const c = nearest(points[i]!, centres);
      if (assignment[i] !== c) {
        assignment[i] = c;
        moved++;
      }
    }
    if (moved === 0) break;
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const count = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      const w = weights[i]!;
      sx[c]! += w * points[i]![0];
      sy[c]! += w * points[i]![1];
      count[c]! += w;
    }
    // An emptied group keeps its centre (it may win points back).
    for (let c = 0; c < k; c++) if (count[c]! > 0) centres[c] = [sx[c]! / count[c]!, sy[c]! / count[c]!];
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += weights[i]! * d2(points[i]!, centres[assignment[i]!]!);
  return { assignment, centres, inertia };
}

/**
 * Mean silhouette (−1..1): for each point, a = mean distance to its own
 * group, b = mean distance to the nearest other group, s = (b − a) /
 * max(a, b); a point alone in its group scores 0, as in Pol.is. With
 * weights, a point stands for `weight` voters at one place (distance 0
 * to each other) and counts `weight` times.
 */
export function silhouette(points: readonly Point[], assignment: Int32Array, k: number, weights?: Float64Array, sample = SAMPLE): number {
  const n = points.length;
  const w = weights ?? new Float64Array(n).fill(1);
  const idx: number[] = [];
  if (n <= sample) for (let i = 0; i < n; i++) idx.push(i);
  else for (let s = 0; s < sample; s++) idx.push(Math.floor((s * n) / sample));
  let total = 0;
  let weight = 0;
  for (const i of idx) {
    const sums = new Float64Array(k);
    const counts = new Float64Array(k);
    const p = points[i]!;
    for (const j of idx) {
      const c = assignment[j]!;
      if (j === i) {
        counts[c]! += w[j]! - 1;
        continue;
      }
      sums[c]! += w[j]! * Math.sqrt(d2(p, points[j]!));
      counts[c]! += w[j]!;
    }
    weight += w[i]!;
    const own = assignment[i]!;
    if (counts[own]! <= 0) continue;
    const a = sums[own]! / counts[own]!;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, sums[c]! / counts[c]!);
    const m = Math.max(a, b);
    if (Number.isFinite(b) && m > 0) total += w[i]! * ((b - a) / m);
  }
  return weight ? total / weight : -1;
}

/** The tightest of `RESTARTS` seeded k-means runs for one k. */
function bestRun(points: readonly Point[], weights: Float64Array, k: number) {
  let best: ReturnType<typeof lloyd> | null = null;
  for (let restart = 0; restart < RESTARTS; restart++) {
    const run = lloyd(points, weights, k, prng(0x5eed + 97 * k + restart));
    if (!best || run.inertia < best.inertia - 1e-9) best = run;
  }
  return best!;
}

/**
 * Groups `points` (canonical order; each standing for `weights[i]` voters,
 * default 1) into the k in 2..maxK with the best silhouette whose every
 * group has at least `minGroup` voters; ties go to the smaller k. Null when
 * no k qualifies (too few voters, or everyone in one place).
 */
export function chooseClustering(points: readonly Point[], maxK: number, minGroup: number, weights?: Float64Array): Clustering | null {
  const w = weights ?? new Float64Array(points.length).fill(1);
  const voters = w.reduce((s, x) => s + x, 0);
  let best: Clustering | null = null;
  for (let k = 2; k <= Math.min(maxK, Math.floor(voters / minGroup), points.length); k++) {
    const run = bestRun(points, w, k);
    const sizes = Array.from({ length: k }, () => 0);
    run.assignment.forEach((c, i) => (sizes[c]! += w[i]!));
    if (sizes.some((s) => s < minGroup)) continue;
    const score = silhouette(points, run.assignment, k, w);
    if (!best || score > best.silhouette + 1e-9) best = { k, assignment: run.assignment, centres: run.centres, sizes, silhouette: score };
  }
  return best && relabel(best);
}

/**
 * Names groups in a fixed order: largest first, ties by centre (x, then
 * y), so "Group A" is the same group however the run numbered it.
 */
function relabel(c: Clustering): Clustering {
  const order = c.sizes.map((_, g) => g).sort((a, b) => c.sizes[b]! - c.sizes[a]! || c.centres[a]![0] - c.centres[b]![0] || c.centres[a]![1] - c.centres[b]![1]);
  const rename = new Int32Array(c.k);
  order.forEach((g, name) => (rename[g] = name));
  return {
    ...c,
    assignment: c.assignment.map((g) => rename[g]!),
    centres: order.map((g) => c.centres[g]!),
    sizes: order.map((g) => c.sizes[g]!),
  };
}

/**
 * Above `exactUpTo` voters, k-means and the silhouette run on a grid of
 * `bins` × `bins` cells over the map instead of on every voter: each
 * occupied cell becomes one point at the mean place of its voters, weighted
 * by their number (Pol.is likewise first folds participants into 100 "base
 * clusters"). Work then grows with the occupied cells, not the voters.
 * Voters keep their own place on the map; a cell's voters share its group.
 */
export function foldToGrid(points: readonly Point[], bins: number): { points: Point[]; weights: Float64Array; cellOf: Int32Array } {
  let scale = 0;
  for (const [x, y] of points) scale = Math.max(scale, Math.abs(x), Math.abs(y));
  scale = scale > 0 ? scale : 1;
  const cell = (v: number) => Math.min(bins - 1, Math.floor(((v / scale + 1) / 2) * bins));
  const index = new Map<number, number>();
  const sx: number[] = [];
  const sy: number[] = [];
  const n: number[] = [];
  const cellOf = new Int32Array(points.length);
  const keys = points.map(([x, y]) => cell(x) * bins + cell(y));
  // Cells numbered in grid order, so the result does not depend on the points' order.
  for (const key of [...new Set(keys)].sort((a, b) => a - b)) index.set(key, index.size);
  points.forEach(([x, y], i) => {
    const c = index.get(keys[i]!)!;
    cellOf[i] = c;
    sx[c] = (sx[c] ?? 0) + x;
    sy[c] = (sy[c] ?? 0) + y;
    n[c] = (n[c] ?? 0) + 1;
  });
  return { points: n.map((m, c) => [sx[c]! / m, sy[c]! / m] as const), weights: Float64Array.from(n), cellOf };
}
