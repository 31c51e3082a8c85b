import type { Ballot } from './ballot.ts';
import { share } from './indices.ts';

/**
 * Co-support, D21's "rich data" (d21-method.md §5.8): for proposals A and B,
 * the share of A's plus-voters who also gave B a plus, and who gave B a
 * minus ("62 % of those who backed the library also backed the park").
 */

/** A row is never shown when fewer than this many voters backed A (privacy, like segments). */
export const CO_SUPPORT_MIN_VOTERS = 5;

export interface CoSupportRow {
  id: string;
  /** Voters who gave A a plus. */
  backers: number;
  /** False when `backers` < minVoters: then every share in the row is null. */
  shown: boolean;
  /** Per B, in `optionIds` order: share of A's backers who plus'd / minus'd B; null on the diagonal or when not shown. */
  plus: (number | null)[];
  minus: (number | null)[];
}

export interface CoSupport {
  optionIds: string[];
  minVoters: number;
  rows: CoSupportRow[];
}

/** One pair for the words under the heatmap. */
export interface Overlap {
  a: string;
  b: string;
  /** Share of A's backers who also plus'd B. */
  share: number;
  backers: number;
}

/**
 * Co-support of a round from each voter's last ballot. O(Σ plus·(plus+minus))
 * over ballots plus C² for the shares; options not in `optionIds` are ignored.
 */
export function coSupport(optionIds: readonly string[], ballots: Iterable<Ballot>, minVoters = CO_SUPPORT_MIN_VOTERS): CoSupport {
  const c = optionIds.length;
  const index = new Map(optionIds.map((id, i) => [id, i]));
  const backers = new Float64Array(c);
  const both = new Float64Array(c * c);
  const against = new Float64Array(c * c);
  for (const b of ballots) {
    const plus = b.plus.flatMap((id) => index.get(id) ?? []);
    const minus = b.minus.flatMap((id) => index.get(id) ?? []);
    for (const a of plus) {
      backers[a]!++;
      for (const x of plus) if (x !== a) both[a * c + x]!++;
      for (const x of minus) against[a * c + x]!++;
    }
  }
  const rows = optionIds.map((id, a): CoSupportRow => {
    const n = backers[a]!;
    const shown = n >= minVoters;
    const cell = (m: Float64Array) => optionIds.map((_, x) => (shown && x !== a ? share(m[a * c + x]!, n) : null));
    return { id, backers: n, shown, plus: cell(both), minus: cell(against) };
  });
  return { optionIds: [...optionIds], minVoters, rows };
}

/** The `limit` largest plus overlaps among shown rows, largest share first (then more backers, then ids). */
export function largestOverlaps(cs: CoSupport, limit: number): Overlap[] {
  const all: Overlap[] = [];
  for (const row of cs.rows) {
    row.plus.forEach((s, x) => {
      if (s !== null && s > 0) all.push({ a: row.id, b: cs.optionIds[x]!, share: s, backers: row.backers });
    });
  }
  all.sort((p, q) => q.share - p.share || q.backers - p.backers || (p.a + p.b < q.a + q.b ? -1 : 1));
  return all.slice(0, Math.max(0, limit));
}
