import type { Ballot } from './ballot.ts';
import { groupInformedConsensus, type GroupCounts } from './indices.ts';
import { prng } from './random.ts';

/**
 * Opinion groups (d21-method.md §3): voters grouped by how they vote, as
 * Pol.is does, so that the group-informed consensus can show which
 * proposals every group supports ("bridging") and which divide them.
 *
 * Each ballot is a vector over the options (+1 plus, −1 minus, 0 none).
 * k-means with k = 2..maxGroups, seeded deterministically (k-means++ with a
 * fixed-seed PRNG, so the same ballots always give the same groups); the k
 * with the best mean silhouette wins, computed on an evenly spaced sample so
 * it stays cheap for ten thousand voters. Empty ballots carry no opinion and
 * are left out. Groups smaller than `minGroup` are not formed (privacy, and
 * no group rests on a handful of people): with fewer voters, no groups.
 */

export interface OpinionGroupsOptions {
  maxGroups?: number;
  minGroup?: number;
  /** Voters used to score each k (silhouette is quadratic). */
  sample?: number;
  iterations?: number;
}

export interface OpinionGroups {
  /** Voters with a non-empty ballot that were grouped. */
  voters: number;
  /** Group index of each input ballot, or -1 for an empty ballot. */
  assignment: number[];
  sizes: number[];
  silhouette: number;
  /** Per option, in input order: counts per group and the Pol.is indices. */
  options: { id: string; groups: GroupCounts[]; agreement: number; rejection: number }[];
}

function dist2(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! - b[i]!;
    d += x * x;
  }
  return d;
}

function kmeans(points: Float64Array[], k: number, iterations: number, random: () => number): { assignment: Int32Array; centres: Float64Array[] } {
  const n = points.length;
  const dims = points[0]!.length;
  // k-means++ seeding.
  const centres: Float64Array[] = [Float64Array.from(points[Math.floor(random() * n)]!)];
  const nearest = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, dist2(points[i]!, centres[centres.length - 1]!));
      total += nearest[i]!;
    }
    let r = random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= nearest[i]!;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centres.push(Float64Array.from(points[pick]!));
  }
  const assignment = new Int32Array(n).fill(-1);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = dist2(points[i]!, centres[c]!);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (assignment[i] !== best) {
        assignment[i] = best;
        moved++;
      }
    }
    const sums = Array.from({ length: k }, () => new Float64Array(dims));
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      counts[c]!++;
      const p = points[i]!;
      const s = sums[c]!;
      for (let d = 0; d < dims; d++) s[d]! += p[d]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue; // keep an empty group's centre where it was
      for (let d = 0; d < dims; d++) centres[c]![d] = sums[c]![d]! / counts[c]!;
    }
    if (moved === 0) break;
  }
  return { assignment, centres };
}

/** Mean silhouette of a sample of points (−1..1; higher = better separated groups). */
function silhouette(points: Float64Array[], assignment: Int32Array, k: number, sample: number): number {
  const n = points.length;
  const step = Math.max(1, Math.floor(n / sample));
  const idx: number[] = [];
  for (let i = 0; i < n; i += step) idx.push(i);
  let total = 0;
  let counted = 0;
  for (const i of idx) {
    const sums = new Float64Array(k);
    const counts = new Int32Array(k);
    for (const j of idx) {
      if (j === i) continue;
      const c = assignment[j]!;
      sums[c]! += Math.sqrt(dist2(points[i]!, points[j]!));
      counts[c]!++;
    }
    const own = assignment[i]!;
    if (counts[own] === 0) continue;
    const a = sums[own]! / counts[own]!;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, sums[c]! / counts[c]!);
    if (!Number.isFinite(b)) continue;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
    counted++;
  }
  return counted ? total / counted : -1;
}

export function opinionGroups(
  optionIds: readonly string[],
  ballots: readonly Ballot[],
  opts: OpinionGroupsOptions = {},
): OpinionGroups | null {
  const maxGroups = opts.maxGroups ?? 4;
  const minGroup = opts.minGroup ?? 5;
  const sample = opts.sample ?? 400;
  const iterations = opts.iterations ?? 30;
  const index = new Map(optionIds.map((id, i) => [id, i]));

  let rows: number[] = [];
  let points: Float64Array[] = [];
  ballots.forEach((b, i) => {
    if (b.plus.length === 0 && b.minus.length === 0) return;
    const v = new Float64Array(optionIds.length);
    for (const id of b.plus) {
      const k = index.get(id);
      if (k !== undefined) v[k] = 1;
    }
    for (const id of b.minus) {
      const k = index.get(id);
      if (k !== undefined) v[k] = -1;
    }
    rows.push(i);
    points.push(v);
  });
  if (points.length < 2 * minGroup || optionIds.length === 0) return null;

  // The same ballots in any order give the same groups: cluster them in a
  // canonical order (by their vectors), then map back.
  const order = points.map((p, i) => ({ i, key: p.join(',') })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.i - y.i));
  rows = order.map((o) => rows[o.i]!);
  points = order.map((o) => points[o.i]!);

  let best: { assignment: Int32Array; k: number; score: number } | null = null;
  for (let k = 2; k <= Math.min(maxGroups, Math.floor(points.length / minGroup)); k++) {
    // A few seeded restarts; keep the tightest (k-means finds local optima).
    let assignment: Int32Array | null = null;
    let bestInertia = Infinity;
    for (let restart = 0; restart < 3; restart++) {
      const run = kmeans(points, k, iterations, prng(0x5eed + 97 * k + restart));
      let inertia = 0;
      for (let i = 0; i < points.length; i++) inertia += dist2(points[i]!, run.centres[run.assignment[i]!]!);
      if (inertia < bestInertia - 1e-9) {
        bestInertia = inertia;
        assignment = run.assignment;
      }
    }
    if (!assignment) continue;
    const sizes = new Int32Array(k);
    for (const c of assignment) sizes[c]!++;
    if (sizes.some((s) => s < minGroup)) continue;
    const score = silhouette(points, assignment, k, sample);
    if (!best || score > best.score + 1e-9) best = { assignment, k, score };
  }
  if (!best) return null;

  const assignment = ballots.map(() => -1);
  rows.forEach((row, i) => (assignment[row] = best.assignment[i]!));
  const sizes = Array.from({ length: best.k }, (_, c) => best.assignment.filter((x) => x === c).length);
  const options = optionIds.map((id, o) => {
    const groups: GroupCounts[] = sizes.map((n) => ({ n, plus: 0, minus: 0 }));
    points.forEach((p, i) => {
      const g = groups[best.assignment[i]!]!;
      if (p[o] === 1) g.plus++;
      else if (p[o] === -1) g.minus++;
    });
    return { id, groups, ...groupInformedConsensus(groups) };
  });
  return { voters: points.length, assignment, sizes, silhouette: best.score, options };
}
