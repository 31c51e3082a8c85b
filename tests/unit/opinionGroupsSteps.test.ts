import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnMeans, minVotesFor, opinionGroups, prng, propTest, twoPropTest, voteMatrix, type Ballot } from '../../shared/domain/index.ts';
import { chooseClustering, silhouette } from '../../shared/domain/opinionGroupsKmeans.ts';
import { pca, project } from '../../shared/domain/opinionGroupsPca.ts';
import { adjustedRandIndex, correlation } from '../support/clusterAgreement.ts';

/** Each step of the pipeline against its definition (docs/opinion-groups.md). */

describe('step 1–2: vote matrix and who is left out', () => {
  it('plus 1, minus −1, no vote 0 (missing); ids not on the ballot ignored', () => {
    const m = voteMatrix(['a', 'b', 'c'], [{ plus: ['a', 'zz'], minus: ['c'] }, { plus: [], minus: [] }]);
    expect([...m.cells]).toEqual([1, 0, -1, 0, 0, 0]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
  });

  it.each([
    // proposals, capacity (plus + minus limits), minimum votes
    [54, 54, 7], // Pol.is conversations: its own rule, min(7, statements)
    [5, 5, 3],
    [20, 6, 3], // D21: 4 plus + 2 minus
    [20, 3, 2], // 3 plus, plus-only
    [20, 1, 1], // one vote per ballot: nothing else to go on
    [1, 1, 1],
    [12, 30, 6], // limits above the ballot size count as the ballot size
  ])('%i proposals, %i votes per ballot → at least %i votes', (proposals, capacity, expected) => {
    expect(minVotesFor(proposals, capacity)).toBe(expected);
  });

  it('column means over the voters who voted (the imputed value of a missing cell)', () => {
    const m = voteMatrix(['a', 'b', 'c'], [{ plus: ['a'], minus: ['b'] }, { plus: ['a', 'b'], minus: [] }, { plus: [], minus: ['a'] }]);
    expect([...columnMeans(m, [0, 1, 2])]).toEqual([1 / 3, 0, 0]);
  });
});

describe('step 3–4: PCA and the scaled projection', () => {
  const random = prng(11);
  const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
  const ballots: Ballot[] = Array.from({ length: 200 }, () => {
    const plus = ids.filter(() => random() < 0.3);
    return { plus, minus: ids.filter((id) => !plus.includes(id) && random() < 0.15) };
  });
  const m = voteMatrix(ids, ballots);
  const rows = ballots.map((_, i) => i);
  const center = columnMeans(m, rows);
  const model = pca(m, rows, center);

  it('gives two orthonormal eigenvectors of the covariance of the imputed, centred matrix, largest variance first', () => {
    // Covariance computed the slow, obvious way: impute, centre, XᵀX / n.
    const x = rows.map((r) => ids.map((_, j) => (m.cells[r * 12 + j] === 0 ? center[j]! : m.cells[r * 12 + j]!) - center[j]!));
    const c = ids.map((_, a) => ids.map((_, b) => x.reduce((s, row) => s + row[a]! * row[b]!, 0) / rows.length));
    const [v1, v2] = model.comps as [Float64Array, Float64Array];
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i]!, 0);
    expect(dot(v1, v1)).toBeCloseTo(1, 9);
    expect(dot(v2, v2)).toBeCloseTo(1, 9);
    expect(dot(v1, v2)).toBeCloseTo(0, 9);
    model.comps.forEach((v, k) => {
      const cv = c.map((row) => dot(row, v));
      cv.forEach((val, j) => expect(val).toBeCloseTo(model.variance[k]! * v[j]!, 6));
    });
    expect(model.variance[0]!).toBeGreaterThanOrEqual(model.variance[1]!);
    expect(model.total).toBeCloseTo(c.reduce((s, row, j) => s + row[j]!, 0), 9);
  });

  it('projects only the cells voted on, scaled by √(proposals / votes cast)', () => {
    const r = 5;
    const voted = ids.map((_, j) => j).filter((j) => m.cells[r * 12 + j] !== 0);
    const [x, y] = project(m, r, model);
    const raw = (v: Float64Array) => voted.reduce((s, j) => s + (m.cells[r * 12 + j]! - center[j]!) * v[j]!, 0);
    const scale = Math.sqrt(12 / voted.length);
    expect(x).toBeCloseTo(raw(model.comps[0]!) * scale, 12);
    expect(y).toBeCloseTo(raw(model.comps[1]!) * scale, 12);
  });

  it('in a D21 round (no vote observed, a 0 like a Pol.is pass) uses the whole centred rows, for the axes and the places', () => {
    const mean = columnMeans(m, rows, true);
    const d21 = pca(m, rows, mean, true);
    // Every cell is an answer: x − mean everywhere, a no vote's cell −mean.
    const x = rows.map((r) => ids.map((_, j) => m.cells[r * 12 + j]! - mean[j]!));
    const c = ids.map((_, a) => ids.map((_, b) => x.reduce((s, row) => s + row[a]! * row[b]!, 0) / rows.length));
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i]!, 0);
    d21.comps.forEach((v, k) => c.map((row) => dot(row, v)).forEach((val, j) => expect(val).toBeCloseTo(d21.variance[k]! * v[j]!, 6)));
    expect(d21.total).toBeCloseTo(c.reduce((s, row, j) => s + row[j]!, 0), 9);
    // Places: the whole row dotted with each axis, no scale; they are centred on 0.
    const places = rows.map((r) => project(m, r, d21));
    places.forEach(([px, py], r) => {
      expect(px).toBeCloseTo(dot(x[r]!, d21.comps[0]!), 9);
      expect(py).toBeCloseTo(dot(x[r]!, d21.comps[1]!), 9);
    });
    expect(places.reduce((s, p) => s + p[0], 0) / rows.length).toBeCloseTo(0, 9);
  });
});

describe('step 5: k-means by silhouette', () => {
  const blob = (cx: number, cy: number, n: number, random: () => number) => Array.from({ length: n }, () => [cx + random() - 0.5, cy + random() - 0.5] as const);

  it('picks k = 3 for three separate blobs, names groups largest first, and never forms a group under minGroup', () => {
    const random = prng(3);
    const points = [...blob(0, 0, 40, random), ...blob(10, 0, 30, random), ...blob(0, 10, 20, random)];
    const c = chooseClustering(points, 5, 5)!;
    expect(c.k).toBe(3);
    expect(c.sizes).toEqual([40, 30, 20]);
    expect(c.silhouette).toBeGreaterThan(0.8);
    expect(silhouette(points, c.assignment, 3)).toBe(c.silhouette);
    // Blobs of 4 cannot stand alone with minGroup 5.
    const small = [...blob(0, 0, 40, random), ...blob(10, 0, 4, random)];
    const s = chooseClustering(small, 5, 5);
    if (s) expect(Math.min(...s.sizes)).toBeGreaterThanOrEqual(5);
  });
});

describe('step 6: Pol.is significance tests', () => {
  it('prop-test and two-prop-test as in Pol.is stats.clj (with +1 smoothing)', () => {
    expect(propTest(8, 10)).toBeCloseTo(2 * Math.sqrt(11) * (9 / 11 - 0.5), 12);
    const [s1, s2, n1, n2] = [9, 3, 11, 21];
    const p = (s1 + s2) / (n1 + n2);
    expect(twoPropTest(8, 2, 10, 20)).toBeCloseTo((s1 / n1 - s2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2)), 12);
    expect(twoPropTest(5, 5, 5, 5)).toBe(0); // everyone: no difference to test
  });
});

describe('activity does not make the groups (the failure of k-means on raw ballots)', () => {
  it('two opinions, each with heavy and light voters: the groups are the opinions (property over seeds)', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const random = prng(seed);
        const opinion: number[] = [];
        const ballots: Ballot[] = Array.from({ length: 120 }, (_, v) => {
          const side = v % 2;
          opinion.push(side);
          const heavy = random() < 0.5;
          const mine = ids.filter((_, j) => j % 2 === side && random() < (heavy ? 0.9 : 0.35));
          const theirs = ids.filter((_, j) => j % 2 !== side && random() < (heavy ? 0.4 : 0.15));
          return { plus: mine, minus: theirs };
        });
        const g = opinionGroups(ids, ballots)!;
        const kept = ballots.map((_, i) => i).filter((i) => g.assignment[i]! >= 0);
        expect(adjustedRandIndex(kept.map((i) => opinion[i]!), kept.map((i) => g.assignment[i]!))).toBeGreaterThan(0.9);
        const votes = kept.map((i) => ballots[i]!.plus.length + ballots[i]!.minus.length);
        g.sizes.forEach((_, k) => expect(Math.abs(correlation(kept.map((i) => (g.assignment[i] === k ? 1 : 0)), votes))).toBeLessThan(0.5));
      }),
      { numRuns: 15 },
    );
  });
});
