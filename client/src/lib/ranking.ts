/** Orderings and cuts of a round's ranking, as the console and the projector show them. */
import type { OptionResult } from '../../../shared/domain/index.ts';

/**
 * Proposals ranked by polarisation (4 · support · opposition), most divisive
 * first; equal values by how many people voted on them at all, then by rank.
 */
export function byPolarisation(options: readonly OptionResult[]): OptionResult[] {
  return [...options].sort((a, b) => b.polarisation - a.polarisation || b.plus + b.minus - (a.plus + a.minus) || a.rank - b.rank);
}

/**
 * The top-K cut of a ranking, as the server computes it for round:advance:
 * proposals whose whole tie group fits in K go through; a group straddling
 * place K is tied, with `slots` places left for it.
 */
export function cutAt(options: readonly OptionResult[], k: number): { sure: string[]; tied: string[]; slots: number } {
  const groupSize = new Map<number, number>();
  for (const o of options) groupSize.set(o.net, (groupSize.get(o.net) ?? 0) + 1);
  const sure: string[] = [];
  const tied: string[] = [];
  for (const o of options) {
    const last = o.rank + (groupSize.get(o.net) ?? 1) - 1;
    if (last <= k) sure.push(o.id);
    else if (o.rank <= k) tied.push(o.id);
  }
  return { sure, tied, slots: Math.max(0, Math.min(k, options.length) - sure.length) };
}
