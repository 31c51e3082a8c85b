/** Orderings and cuts of a round's ranking, as the console and the projector show them. */
import type { OptionResult } from '../../../shared/domain/index.ts';

/**
 * Proposals ranked by polarisation (4 · support · opposition), most divisive
 * first; equal values by how many people voted on them at all, then by rank.
 */
export function byPolarisation(options: readonly OptionResult[]): OptionResult[] {
  return [...options].sort((a, b) => b.polarisation - a.polarisation || b.plus + b.minus - (a.plus + a.minus) || a.rank - b.rank);
}
