import { performance } from 'node:perf_hooks';

/**
 * One clock for every process of a run: epoch milliseconds with sub-ms
 * resolution. All bench processes run on this machine, so the values are
 * comparable across the orchestrator, the generators and the projector.
 */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Percentiles of raw samples (nearest-rank). Empty input gives null. */
export function percentiles(samples: ArrayLike<number>, qs: readonly number[]): (number | null)[] {
  const n = samples.length;
  if (n === 0) return qs.map(() => null);
  const sorted = Float64Array.from(samples as ArrayLike<number>).sort();
  return qs.map((q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!);
}

export function summarize(samples: ArrayLike<number>): { n: number; p50: number | null; p90: number | null; p99: number | null; max: number | null } {
  const [p50, p90, p99, max] = percentiles(samples, [0.5, 0.9, 0.99, 1]);
  return { n: samples.length, p50: p50!, p90: p90!, p99: p99!, max: max! };
}

export function round(x: number | null | undefined, digits = 1): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Concatenates typed arrays (one per generator). */
export function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
