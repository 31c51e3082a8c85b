import type { Ballot } from './ballot.ts';
import { groupInformedConsensus, type GroupCounts } from './indices.ts';
import { chooseClustering, foldToGrid, type Point } from './opinionGroupsKmeans.ts';
import { canonicalOrder, columnMeans, minVotesFor, voteMatrix, votesCast, type VoteMatrix } from './opinionGroupsMatrix.ts';
import { pca, project } from './opinionGroupsPca.ts';
import { representatives, type Representative } from './opinionGroupsRepness.ts';
import { bridgesGroups } from './opinionGroupsBridging.ts';

/**
 * Opinion groups (d21-method.md §4; docs/opinion-groups.md): voters grouped
 * by how they vote, as Pol.is does, so the room can see where it divides
 * and which proposals every group backs. The pipeline, one file per step:
 *
 * 1. vote matrix, plus 1 / minus −1 / no vote missing   opinionGroupsMatrix.ts
 * 2. voters with too few votes left out (D21-scaled)    opinionGroupsMatrix.ts
 * 3. column-mean imputation, PCA to 2 components       opinionGroupsPca.ts
 * 4. projection scaled by √(proposals / votes cast)     opinionGroupsPca.ts
 *    (a D21 round: whole centred rows, no vote = 0 observed, scale 1)
 * 5. k-means in the projection, k 2..5 by silhouette    opinionGroupsKmeans.ts
 * 6. what each group stands for (representativeness)   opinionGroupsRepness.ts
 * plus Pol.is's group-informed consensus per proposal (indices.ts) and
 * whether it bridges the groups (opinionGroupsBridging.ts).
 *
 * Deterministic: the same ballots, in any order, give the same groups
 * (canonical row order, fixed seeds). No group smaller than `minGroup`
 * is formed; with too few voters there are no groups at all (null).
 */

export interface OpinionGroupsOptions {
  /** Largest k tried (Pol.is: 5). */
  maxGroups?: number;
  /** Smallest group allowed (privacy, and no group rests on a handful). */
  minGroup?: number;
  /** Votes a ballot can carry (plus limit + minus limit); sets the minimum-votes rule. */
  capacity?: number;
  /** Overrides the minimum-votes rule. */
  minVotes?: number;
  /**
   * A D21 round: every proposal was on every voter's paper, so "no vote" is
   * an observed answer 0 (as a Pol.is "pass"), not a statement the voter
   * never saw: each column's mean is over all voters, and the whole rows
   * are centred for the axes and the places (no vote = −mean, no sparsity
   * scale). With plus votes only, Pol.is's mean is 1 in every column and
   * every voter looks the same; centring only the cast votes makes the
   * first axis "votes cast" (docs/opinion-groups.md, steps 3–4).
   */
  noVoteObserved?: boolean;
}

export interface OpinionGroupOption {
  id: string;
  /** Per group (index = group): ballots, plus and minus votes. */
  groups: GroupCounts[];
  /** Pol.is group-informed consensus (and its mirror for rejection). */
  agreement: number;
  rejection: number;
  /** Spread of the groups' net stance, (plus − minus) / n, max − min: 0 = all groups alike, 2 = opposite. */
  split: number;
  /** Every group backs it clearly (Pol.is's consensus test within each group; opinionGroupsBridging.ts). */
  bridging: boolean;
}

export interface OpinionGroups {
  /** Voters placed in a group. */
  voters: number;
  /** Ballots with at least one vote, and those left out for having fewer than `minVotes`. */
  ballots: number;
  leftOut: number;
  minVotes: number;
  /** Group of each input ballot, or −1 (empty or too few votes). */
  assignment: number[];
  /** Each input ballot's place on the map (NaN when left out). */
  x: Float64Array;
  y: Float64Array;
  sizes: number[];
  centres: [number, number][];
  silhouette: number;
  /** Share of the differences between ballots that the two map axes show. */
  explained: [number, number];
  options: OpinionGroupOption[];
  /** Per group, the proposals that set it apart, best first. */
  representatives: Representative[][];
}

/** Voters clustered one by one up to this many; above it, on a grid of cells (foldToGrid). */
const EXACT_UP_TO = 2000;
const GRID = 40;

/** Step 5 on every voter, or on the grid above EXACT_UP_TO voters; the assignment is per voter either way. */
function cluster(points: Point[], maxGroups: number, minGroup: number) {
  if (points.length <= EXACT_UP_TO) return chooseClustering(points, maxGroups, minGroup);
  const grid = foldToGrid(points, GRID);
  const c = chooseClustering(grid.points, maxGroups, minGroup, grid.weights);
  return c && { ...c, assignment: Int32Array.from(grid.cellOf, (cell) => c.assignment[cell]!) };
}

/** Opinion groups of `ballots` over the round's `optionIds`. */
export function opinionGroups(optionIds: readonly string[], ballots: readonly Ballot[], opts: OpinionGroupsOptions = {}): OpinionGroups | null {
  return opinionGroupsOfMatrix(optionIds, voteMatrix(optionIds, ballots), opts);
}

/** The same, from a vote matrix (what a worker thread receives). */
export function opinionGroupsOfMatrix(optionIds: readonly string[], m: VoteMatrix, opts: OpinionGroupsOptions = {}): OpinionGroups | null {
  const maxGroups = opts.maxGroups ?? 5;
  const minGroup = opts.minGroup ?? 5;
  const minVotes = opts.minVotes ?? minVotesFor(m.cols, opts.capacity);
  if (m.cols === 0) return null;

  const voted: number[] = [];
  const kept: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    const v = votesCast(m, r);
    if (v > 0) voted.push(r);
    if (v >= minVotes && v > 0) kept.push(r);
  }
  if (kept.length < 2 * minGroup) return null;

  // As Pol.is, the axes come from every ballot with a vote; only voters
  // past the minimum are placed in groups (and on the map).
  const everyone = canonicalOrder(m, voted);
  const observed = opts.noVoteObserved ?? false;
  const model = pca(m, everyone, columnMeans(m, everyone, observed), observed);
  const keep = new Set(kept);
  const rows = everyone.filter((r) => keep.has(r));
  const points: Point[] = rows.map((r) => project(m, r, model));
  const clustering = cluster(points, maxGroups, minGroup);
  if (!clustering) return null;

  const assignment = Array.from({ length: m.rows }, () => -1);
  const x = new Float64Array(m.rows).fill(NaN);
  const y = new Float64Array(m.rows).fill(NaN);
  rows.forEach((r, i) => {
    assignment[r] = clustering.assignment[i]!;
    x[r] = points[i]![0];
    y[r] = points[i]![1];
  });

  const options = optionIds.map((id, j): OpinionGroupOption => {
    const groups: GroupCounts[] = clustering.sizes.map((n) => ({ n, plus: 0, minus: 0 }));
    for (const r of rows) {
      const v = m.cells[r * m.cols + j]!;
      if (v === 1) groups[assignment[r]!]!.plus++;
      else if (v === -1) groups[assignment[r]!]!.minus++;
    }
    const net = groups.map((g) => (g.plus - g.minus) / g.n);
    return { id, groups, ...groupInformedConsensus(groups), split: Math.max(...net) - Math.min(...net), bridging: bridgesGroups(groups) };
  });
  const share = (v: number | undefined) => (model.total > 0 && v !== undefined ? v / model.total : 0);
  return {
    voters: rows.length,
    ballots: voted.length,
    leftOut: voted.length - rows.length,
    minVotes,
    assignment,
    x,
    y,
    sizes: clustering.sizes,
    centres: clustering.centres,
    silhouette: clustering.silhouette,
    explained: [share(model.variance[0]), share(model.variance[1])],
    options,
    representatives: representatives(options, clustering.k),
  };
}
