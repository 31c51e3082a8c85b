import type { Ballot } from './ballot.ts';

/**
 * Step 1 of the opinion-groups pipeline (docs/opinion-groups.md): the vote
 * matrix, Pol.is's participant × statement "rating matrix"
 * (compdemocracy/polis math/src/polismath/math/conversation.clj,
 * `rating-mat`), with D21's ballots as rows and the round's proposals as
 * columns: plus = 1, minus = −1, no vote = 0 standing for "missing" (a D21
 * ballot has no "pass").
 *
 * Kept as one flat Int8Array (row-major) so a server can hand it to a
 * worker thread as a transferable buffer instead of cloning ten thousand
 * ballot objects on its event loop.
 */
export interface VoteMatrix {
  /** Ballots (voters). */
  rows: number;
  /** Proposals, in `optionIds` order. */
  cols: number;
  /** rows × cols cells, row-major: 1 plus, −1 minus, 0 no vote. */
  cells: Int8Array;
}

/** Builds the vote matrix of `ballots` over `optionIds`; ids not on the ballot paper are ignored. */
export function voteMatrix(optionIds: readonly string[], ballots: readonly Ballot[]): VoteMatrix {
  const cols = optionIds.length;
  const index = new Map(optionIds.map((id, i) => [id, i]));
  const cells = new Int8Array(ballots.length * cols);
  ballots.forEach((b, r) => {
    for (const id of b.plus) {
      const j = index.get(id);
      if (j !== undefined) cells[r * cols + j] = 1;
    }
    for (const id of b.minus) {
      const j = index.get(id);
      if (j !== undefined) cells[r * cols + j] = -1;
    }
  });
  return { rows: ballots.length, cols, cells };
}

/** Votes cast on row `r` (its non-missing cells). */
export function votesCast(m: VoteMatrix, r: number): number {
  let v = 0;
  for (let j = r * m.cols, end = j + m.cols; j < end; j++) if (m.cells[j] !== 0) v++;
  return v;
}

/**
 * The rule for leaving out voters with too few votes. Pol.is keeps a
 * participant once they have voted on min(7, statements) statements
 * (conversation.clj, `in-conv`). A D21 ballot carries few votes by design
 * (say 4 plus and 2 minus out of 20 proposals), so "7" would leave out
 * everyone; the threshold is scaled to what a ballot can carry:
 *
 *   minVotes = min(7, capacity, max(2, ⌈capacity / 2⌉))
 *
 * where capacity = the round's plus limit + minus limit, at most the number
 * of proposals (all proposals when unlimited, which gives back Pol.is's
 * min(7, statements)). One vote says which proposal a
 * voter likes but not how they weigh the others, so at least 2 are needed
 * to place them on the map; half the ballot keeps people who used most of
 * it and drops the near-empty ones that would otherwise sit on top of each
 * other in the middle.
 */
export function minVotesFor(proposals: number, capacity: number = proposals): number {
  const cap = Math.max(1, Math.min(capacity, proposals));
  return Math.min(7, cap, Math.max(2, Math.ceil(cap / 2)));
}

/**
 * A canonical order of the rows: by their votes (cell by cell), ties by
 * input position. Every later step runs in this order, so the same ballots
 * handed over in any order (the store returns them in any order) give the
 * same groups, bit for bit.
 */
export function canonicalOrder(m: VoteMatrix, rows: readonly number[]): number[] {
  const { cells, cols } = m;
  return [...rows].sort((a, b) => {
    for (let j = 0; j < cols; j++) {
      const d = cells[a * cols + j]! - cells[b * cols + j]!;
      if (d !== 0) return d;
    }
    return 0;
  });
}

/**
 * Column means over the voters who voted on each proposal (Pol.is's
 * imputation: a missing cell takes its column's mean, conversation.clj
 * `mat`). A proposal nobody voted on has mean 0. With `noVoteObserved`
 * (a D21 round, where every voter saw every proposal) the mean is over all
 * `rows`, a no vote counting 0.
 */
export function columnMeans(m: VoteMatrix, rows: readonly number[], noVoteObserved = false): Float64Array {
  const sum = new Float64Array(m.cols);
  const count = new Float64Array(m.cols);
  for (const r of rows) {
    const base = r * m.cols;
    for (let j = 0; j < m.cols; j++) {
      const x = m.cells[base + j]!;
      if (x !== 0) {
        sum[j]! += x;
        count[j]!++;
      }
    }
  }
  // D21 (noVoteObserved): every proposal is on every ballot paper, so "no vote" is
  // an answer (0) and the mean is over every voter; Pol.is: over the votes seen.
  if (noVoteObserved) return sum.map((s) => (rows.length > 0 ? s / rows.length : 0));
  return sum.map((s, j) => (count[j]! > 0 ? s / count[j]! : 0));
}
