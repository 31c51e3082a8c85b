/**
 * Test support: comparing two groupings of the same people, independent of
 * shared/domain.
 */

/**
 * Adjusted Rand index (Hubert & Arabie 1985): 1 = the same partition, ~0 =
 * no better than chance. Labels are compared only for equality.
 */
export function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  if (a.length !== b.length) throw new Error('groupings of different lengths');
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  a.forEach((x, i) => {
    const y = b[i]!;
    const k = `${x}\u0000${y}`;
    cells.set(k, (cells.get(k) ?? 0) + 1);
    rows.set(String(x), (rows.get(String(x)) ?? 0) + 1);
    cols.set(String(y), (cols.get(String(y)) ?? 0) + 1);
  });
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const index = sum(cells);
  const expected = (sum(rows) * sum(cols)) / pairs(a.length);
  const max = (sum(rows) + sum(cols)) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Pearson correlation of two equal-length series (0 when either is constant). */
export function correlation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}
