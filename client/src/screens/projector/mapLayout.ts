/**
 * Pure geometry of the projector's consensus map (no React, unit tested).
 *
 * Axes are absolute: support and opposition as shares of voters, 0–100 %,
 * zoomed only to a fixed scale step that holds every point. Quadrant lines
 * sit at documented thresholds (docs/projector.md), not at averages:
 *
 * - support line: the share a proposal gets when plus votes are spread
 *   evenly, P / C, unless the assembly sets one; moved down to the lowest
 *   winner's support if needed, so a winner is never in "little interest";
 * - opposition line: M / C (minus votes spread evenly), at least 5 %,
 *   unless the assembly sets one.
 *
 * Every proposal is plotted: a small dot at its true place and a numbered
 * label (its place in the list) in the nearest free spot, with a leader
 * line when it had to move.
 */

export interface MapPoint {
  id: string;
  label: string;
  support: number;
  opposition: number;
  winner: boolean;
}

export interface Thresholds {
  support: number;
  opposition: number;
}

/** The quadrant lines for a round: fixed by its rules, optionally set per assembly (shares 0–1). */
export function thresholds(
  rules: { options: number; plus: number; minus: number },
  points: readonly MapPoint[],
  configured: Partial<Thresholds> = {},
): Thresholds {
  const c = Math.max(1, rules.options);
  let support = configured.support ?? rules.plus / c;
  const winners = points.filter((p) => p.winner).map((p) => p.support);
  if (winners.length > 0) support = Math.min(support, Math.min(...winners));
  const opposition = configured.opposition ?? Math.max(0.05, rules.minus / c);
  return { support: clamp(support, 0.01, 0.99), opposition: clamp(opposition, 0.01, 0.99) };
}

/** An axis maximum: the smallest of 10 %, 20 %, 25 %, 50 %, 100 % that holds every value and its line. */
export function axisMax(values: readonly number[], line: number): number {
  const top = Math.max(line, ...values);
  return [0.1, 0.2, 0.25, 0.5, 1].find((m) => top <= m * 0.96) ?? 1;
}

export interface PlacedLabel extends MapPoint {
  /** True position in pixels. */
  x: number;
  y: number;
  /** Label centre in pixels (equal to x, y when it did not move). */
  lx: number;
  ly: number;
}

/**
 * Places round labels of radius `r` so no two overlap and none leaves the
 * plot: in list order, each label takes the free spot nearest its point,
 * searched on rings of growing radius (16 directions per ring).
 * Deterministic: the same tally draws the same picture on every screen.
 */
export function placeLabels(points: readonly MapPoint[], size: { width: number; height: number }, max: { x: number; y: number }, r: number): PlacedLabel[] {
  const gap = 2 * r + 1;
  const placed: PlacedLabel[] = [];
  for (const p of points) {
    const x = (p.support / max.x) * size.width;
    const y = size.height - (p.opposition / max.y) * size.height;
    const cx = clamp(x, r, size.width - r);
    const cy = clamp(y, r, size.height - r);
    let spot: [number, number] | null = null;
    search: for (let ring = 0; ring < 400; ring++) {
      const radius = ring * r * 0.35;
      const steps = ring === 0 ? 1 : 16;
      for (let k = 0; k < steps; k++) {
        // Upwards first: the crowd of little-opposed proposals sits on the bottom edge.
        const angle = -Math.PI / 2 + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * (Math.PI / 8);
        const lx = cx + radius * Math.cos(angle);
        const ly = cy + radius * Math.sin(angle);
        if (lx < r || lx > size.width - r || ly < r || ly > size.height - r) continue;
        if (placed.every((o) => Math.hypot(o.lx - lx, o.ly - ly) >= gap)) {
          spot = [lx, ly];
          break search;
        }
      }
    }
    // A crowded plot: the nearest free spot on a fine grid over the whole plot.
    spot ??= nearestFree(placed, cx, cy, size, r, gap) ?? [cx, cy];
    placed.push({ ...p, x, y, lx: spot[0], ly: spot[1] });
  }
  return placed;
}

function nearestFree(placed: readonly PlacedLabel[], cx: number, cy: number, size: { width: number; height: number }, r: number, gap: number): [number, number] | null {
  let best: [number, number] | null = null;
  let bestD = Infinity;
  const step = Math.max(2, r / 4);
  for (let ly = r; ly <= size.height - r; ly += step) {
    for (let lx = r; lx <= size.width - r; lx += step) {
      const d = Math.hypot(lx - cx, ly - cy);
      if (d >= bestD) continue;
      if (placed.every((o) => Math.hypot(o.lx - lx, o.ly - ly) >= gap)) {
        best = [lx, ly];
        bestD = d;
      }
    }
  }
  return best;
}

/** Whether any two labels of radius r overlap (for tests and a guard). */
export function overlapping(labels: readonly { lx: number; ly: number }[], r: number): number {
  let n = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (Math.hypot(labels[i]!.lx - labels[j]!.lx, labels[i]!.ly - labels[j]!.ly) < 2 * r - 0.5) n++;
    }
  }
  return n;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
