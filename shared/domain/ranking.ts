import type { Tally } from './tally.ts';

/** Where an option stands against the cut line for W winners. */
export type CutStatus = 'winner' | 'tied' | 'out';

export interface RankedOption {
  id: string;
  plus: number;
  minus: number;
  net: number;
  /** Shared ("min") rank: 1, 2, 2, 4 (d21-method.md §2). */
  rank: number;
  status: CutStatus;
}

/**
 * Ranks by net score, ties sharing the lowest rank. Within a tie the list
 * order is by more plus votes, then by ballot order, for a stable display
 * only: the rank, and so the cut, never depends on it.
 *
 * An option is a `winner` when its whole tie group fits within W seats,
 * `tied` when the group straddles the cut (left to the facilitator: re-vote
 * or a recorded draw, *ours*), `out` otherwise.
 */
export function rankOptions(t: Tally, winners: number): RankedOption[] {
  const rows = t.optionIds.map((id, i) => {
    const plus = t.plus[i]!;
    const minus = t.minus[i]!;
    return { id, plus, minus, net: plus - minus, order: i };
  });
  rows.sort((a, b) => b.net - a.net || b.plus - a.plus || a.order - b.order);

  const ranked: RankedOption[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start;
    while (end + 1 < rows.length && rows[end + 1]!.net === rows[start]!.net) end++;
    const rank = start + 1;
    const lastPlace = end + 1;
    const status: CutStatus = lastPlace <= winners ? 'winner' : rank <= winners ? 'tied' : 'out';
    for (let k = start; k <= end; k++) {
      const r = rows[k]!;
      ranked.push({ id: r.id, plus: r.plus, minus: r.minus, net: r.net, rank, status });
    }
    start = end + 1;
  }
  return ranked;
}
