import type { CutStatus } from './ranking.ts';

/** Who goes through a top-K cut: the sure ones, the tie straddling place K, and the places left for it. */
export interface TopKCut {
  /** Proposals whose whole tie group fits in the first K places. */
  sure: string[];
  /** The tie group straddling place K (empty when the cut falls between groups). */
  tied: string[];
  /** Places left for the tied group: K (at most the number of proposals) minus the sure ones. */
  slots: number;
}

/**
 * The top-K cut of a ranking, for multi-round shortlisting (round:advance):
 * a proposal goes through when its whole tie group (the proposals sharing
 * its rank, d21-method.md §2) fits in the first K places; a group that
 * straddles place K is tied at the cut and never settled silently.
 * Excluded proposals (§5.2) never go through. `ranking` is any ranking with
 * shared ranks (rankOptions, a round's results), in ranking order.
 */
export function topKCut(ranking: readonly { id: string; rank: number; status: CutStatus }[], k: number): TopKCut {
  const eligible = ranking.filter((o) => o.status !== 'excluded');
  const groupSize = new Map<number, number>();
  for (const o of eligible) groupSize.set(o.rank, (groupSize.get(o.rank) ?? 0) + 1);
  const sure: string[] = [];
  const tied: string[] = [];
  for (const o of eligible) {
    const last = o.rank + (groupSize.get(o.rank) ?? 1) - 1;
    if (last <= k) sure.push(o.id);
    else if (o.rank <= k) tied.push(o.id);
  }
  return { sure, tied, slots: Math.max(0, Math.min(k, ranking.length) - sure.length) };
}
