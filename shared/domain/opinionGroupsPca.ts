import { prng } from './random.ts';
import type { VoteMatrix } from './opinionGroupsMatrix.ts';

/**
 * Steps 2–4 of the opinion-groups pipeline (docs/opinion-groups.md):
 * column-mean imputation, PCA to two components, and the sparsity-aware
 * projection of each voter (compdemocracy/polis math/src/polismath/math/
 * pca.clj, `powerit-pca` and `sparsity-aware-project-ptpt`).
 *
 * Pol.is (`observed` false): imputing a missing cell with its column mean
 * and then centring the columns makes that cell exactly 0, so the centred
 * matrix only has values where a vote was cast: x − mean. The covariance
 * matrix C = XᵀX / n is built from those cells alone (cost: Σ votes² per
 * ballot, small for D21).
 *
 * A D21 round (`observed` true): every proposal is on every paper, so a no
 * vote is an answer, 0, like a Pol.is "pass": it is in the mean, its
 * centred cell is 0 − mean, and C = XᵀX / n − μμᵀ over the whole rows
 * (the same sparse loop over the votes cast, then the rank-one term).
 * Centring only the cast votes there would leave the columns off centre
 * (by μ(1 − μ) in plus-only rounds) and the first axis would be "how many
 * votes a voter cast", not what they voted for.
 */

export interface Pca {
  /** Column means (the imputed value of a missing cell). */
  center: Float64Array;
  /** Up to two unit-length principal axes over the proposals, strongest first. */
  comps: Float64Array[];
  /** Variance along each axis (eigenvalues of C). */
  variance: number[];
  /** Total variance (trace of C): variance[i] / total is the share of the differences an axis shows. */
  total: number;
  /**
   * A no vote is an observed 0 (a D21 round), not a missing cell: it is
   * centred like any answer and every voter answered every proposal.
   */
  observed: boolean;
  /** With `observed`: −(center · axis) per axis, the place of a ballot with no votes. */
  offset: [number, number];
}

const ITERATIONS = 500;
const TOLERANCE = 1e-12;
/** Fixed seed of the start vectors: the same data always gives the same axes. */
const SEED = 0x9ca;

function covariance(m: VoteMatrix, rows: readonly number[], center: Float64Array, observed: boolean): Float64Array[] {
  const p = m.cols;
  const c = Array.from({ length: p }, () => new Float64Array(p));
  const idx = new Int32Array(p);
  const val = new Float64Array(p);
  for (const r of rows) {
    let k = 0;
    const base = r * p;
    for (let j = 0; j < p; j++) {
      const x = m.cells[base + j]!;
      if (x !== 0) {
        idx[k] = j;
        val[k++] = observed ? x : x - center[j]!;
      }
    }
    for (let a = 0; a < k; a++) {
      const row = c[idx[a]!]!;
      const va = val[a]!;
      for (let b = 0; b < k; b++) row[idx[b]!]! += va * val[b]!;
    }
  }
  const n = Math.max(1, rows.length);
  for (const row of c) for (let j = 0; j < p; j++) row[j]! /= n;
  // Whole rows centred: E[xxᵀ] − μμᵀ (the no-vote cells' −μ included).
  if (observed) c.forEach((row, a) => { for (let b = 0; b < p; b++) row[b]! -= center[a]! * center[b]!; });
  return c;
}

function mulVec(c: Float64Array[], v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < c.length; i++) {
    const row = c[i]!;
    let s = 0;
    for (let j = 0; j < v.length; j++) s += row[j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** Gram–Schmidt: makes `vs` orthonormal in place; a vector that vanishes becomes 0. */
function orthonormalise(vs: Float64Array[]): void {
  vs.forEach((v, i) => {
    for (let k = 0; k < i; k++) {
      const d = dot(v, vs[k]!);
      for (let j = 0; j < v.length; j++) v[j]! -= d * vs[k]![j]!;
    }
    const len = Math.sqrt(dot(v, v));
    for (let j = 0; j < v.length; j++) v[j] = len > 1e-300 ? v[j]! / len : 0;
  });
}

/**
 * PCA of the voters `rows` to (at most) two components, by orthogonal
 * (block power) iteration on the covariance matrix: Pol.is's power
 * iteration, extended to both axes at once so that two nearly equal
 * variances still give the right plane. Start vectors come from a fixed
 * seed (Pol.is starts from random or last-run vectors, which is why its
 * groups can change after a restart). The plane is then rotated onto the
 * eigenvectors (Rayleigh–Ritz on the 2 × 2 problem), and each axis's sign
 * is fixed so that its largest entry is positive: deterministic output.
 * `observed`: a no vote is an answer 0 (a D21 round), see the file's note.
 */
export function pca(m: VoteMatrix, rows: readonly number[], center: Float64Array, observed = false): Pca {
  const p = m.cols;
  const dims = Math.min(2, p);
  const c = covariance(m, rows, center, observed);
  const random = prng(SEED);
  let vs: Float64Array[] = Array.from({ length: dims }, () => Float64Array.from({ length: p }, () => random() - 0.5));
  orthonormalise(vs);
  for (let it = 0; it < ITERATIONS; it++) {
    const next = vs.map((v) => mulVec(c, v));
    orthonormalise(next);
    // Converged when the new basis spans the old plane (projection residual).
    let change = 0;
    for (const v of vs) {
      const inPlane = next.reduce((s, w) => s + dot(v, w) ** 2, 0);
      change = Math.max(change, 1 - inPlane);
    }
    vs = next;
    if (change < TOLERANCE) break;
  }
  // Rayleigh–Ritz: eigenvectors of the 2 × 2 matrix Vᵀ C V.
  let comps: Float64Array[] = vs;
  let variance = vs.map((v) => dot(v, mulVec(c, v)));
  if (dims === 2) {
    const [u, w] = vs as [Float64Array, Float64Array];
    const cu = mulVec(c, u);
    const a = dot(u, cu);
    const b = dot(w, cu);
    const d = dot(w, mulVec(c, w));
    const theta = 0.5 * Math.atan2(2 * b, a - d);
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    const first = u.map((x, j) => cos * x + sin * w[j]!);
    const second = u.map((x, j) => -sin * x + cos * w[j]!);
    comps = [first, second];
    variance = comps.map((v) => dot(v, mulVec(c, v)));
    if (variance[1]! > variance[0]!) {
      comps.reverse();
      variance.reverse();
    }
  }
  for (const v of comps) {
    let big = 0;
    for (let j = 1; j < p; j++) if (Math.abs(v[j]!) > Math.abs(v[big]!) + 1e-12) big = j;
    if (v[big]! < 0) for (let j = 0; j < p; j++) v[j] = -v[j]!;
  }
  const total = c.reduce((s, row, j) => s + row[j]!, 0);
  const offset = comps.map((v) => (observed ? -dot(center, v) : 0));
  return { center, comps, variance, total, observed, offset: [offset[0] ?? 0, offset[1] ?? 0] };
}

/**
 * Sparsity-aware projection of one voter (Pol.is `sparsity-aware-project-
 * ptpt`): only the cells they voted on, centred, dotted with each axis, then
 * scaled by √(proposals / votes cast). Without the scale a voter who used
 * little of the ballot would sit near the centre just for voting little.
 *
 * With `model.observed` (a D21 round) every cell is an answer, as Pol.is
 * counts a pass: the whole centred row is projected (the no votes' −mean is
 * the model's `offset`) and the scale is √(proposals / proposals) = 1.
 */
export function project(m: VoteMatrix, r: number, model: Pca): [number, number] {
  const [pc1, pc2] = model.comps;
  let votes = 0;
  let x = 0;
  let y = 0;
  const base = r * m.cols;
  for (let j = 0; j < m.cols; j++) {
    const v = m.cells[base + j]!;
    if (v === 0) continue;
    votes++;
    const d = model.observed ? v : v - model.center[j]!;
    x += d * (pc1?.[j] ?? 0);
    y += d * (pc2?.[j] ?? 0);
  }
  if (model.observed) return [x + model.offset[0], y + model.offset[1]];
  const scale = Math.sqrt(m.cols / Math.max(1, votes));
  return [x * scale, y * scale];
}
