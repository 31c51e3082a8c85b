import { hashString, prng } from './random.ts';

/**
 * Per-voter ballot order (d21-method.md §5.6): each voter sees the proposals
 * in a random order, seeded per voter so a reload shows the same order,
 * against ballot-order bias (Ďáblice; Decidim shuffles by default). The
 * projector keeps the facilitator's or the ranking order.
 */

/** From this many proposals a round shuffles unless the facilitator says otherwise. */
export const SHUFFLE_FROM = 8;

/** Whether a round shuffles: the facilitator's choice, else on from SHUFFLE_FROM proposals. */
export function shufflesBallot(setting: boolean | null | undefined, proposals: number): boolean {
  return setting ?? proposals >= SHUFFLE_FROM;
}

/**
 * The proposals in the order one voter sees them: a Fisher–Yates shuffle
 * driven by a PRNG seeded from `seed` (the server uses round id + voter id).
 * A permutation of `ids`; the same seed always gives the same order.
 */
export function ballotOrder(ids: readonly string[], seed: string): string[] {
  const out = [...ids];
  const next = prng(hashString(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
