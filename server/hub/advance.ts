import { randomBytes, createHash } from 'node:crypto';
import { practiceResultSettings, rankOptions, sealedTally, topKCut } from '../../shared/domain/index.ts';
import type { RoundAdvance } from '../../shared/protocol/schemas.ts';
import type { RoundOrigin } from '../../shared/protocol/views.ts';
import { hubErr, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { createRound } from './rounds.ts';
import type { RoundRow } from '../store/types.ts';

/**
 * Deterministic draw from a recorded seed: sort the tied ids by
 * SHA-256(seed + id). Anyone can re-run it from the seed in the round's origin.
 */
export function drawOrder(seed: string, ids: readonly string[]): string[] {
  const key = (id: string) => createHash('sha256').update(`${seed}:${id}`).digest('hex');
  return [...ids].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/**
 * Multi-round shortlisting: a new draft round with the top K of a closed
 * round. A tie straddling the cut is never settled silently: without a
 * tie-break the call fails with TIE_AT_CUT naming the tied proposals, and
 * the facilitator chooses, includes them all, or draws with a recorded seed.
 */
export async function advanceRound(ctx: HubContext, a: AssemblyState, input: RoundAdvance): Promise<HubResult<RoundRow>> {
  const from = a.rounds.get(input.fromRoundId);
  if (!from) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  if (from.status !== 'closed' || !from.seal) return hubErr('ROUND_NOT_OPEN', 'Close the round before advancing its top proposals.');
  const k = Math.min(input.k, from.proposalIds.length);
  // The sealed counts (what the room saw at close, whatever happened since) under the round's own §5 rules:
  // excluded proposals never advance; a drawn tie-break settles the cut.
  const ranked = rankOptions(sealedTally(from.seal), k, practiceResultSettings(from.seal.practice ?? from.practice, from.proposalIds));
  const { sure, tied, slots } = topKCut(ranked, k);

  let taken: string[] = [];
  let seed: string | null = null;
  const tieBreak = input.tieBreak ?? null;
  if (tieBreak === 'revote') {
    // §5.3 re-vote: only the tied go on the new ballot, for the places left at the cut.
    if (tied.length === 0) return hubErr('BAD_REQUEST', `No tie at place ${k}: there is nothing to re-vote.`);
    return createRound(ctx, a, carriedFields(from, input, new Set(tied), tied, Math.min(input.winners ?? slots, tied.length)), { fromRoundId: from.id, k, tieBreak, tied, seed: null });
  }
  if (tied.length > 0) {
    if (tieBreak === null) {
      const titles = tied.map((id) => `“${from.paper?.find((p) => p.id === id)?.title ?? id}”`).join(', ');
      return hubErr('TIE_AT_CUT', `A tie at place ${k}: ${titles} share a rank for ${slots} place${slots === 1 ? '' : 's'}. Choose, include all, or draw.`);
    }
    if (tieBreak === 'include') taken = tied;
    else if (tieBreak === 'draw') {
      seed = randomBytes(16).toString('hex');
      taken = drawOrder(seed, tied).slice(0, slots);
    } else {
      const chosen = [...new Set(tieBreak.choose)];
      if (chosen.some((id) => !tied.includes(id))) return hubErr('BAD_REQUEST', 'Only proposals tied at the cut can be chosen.');
      if (chosen.length !== slots) return hubErr('BAD_REQUEST', `Choose exactly ${slots} of the tied proposals.`);
      taken = chosen;
    }
  }
  const advanced = new Set([...sure, ...taken]);
  // Keep the ranking order on the new ballot.
  const proposalIds = ranked.map((r) => r.id).filter((id) => advanced.has(id));
  const origin: RoundOrigin = { fromRoundId: from.id, k, tieBreak, tied, seed };
  return createRound(ctx, a, carriedFields(from, input, advanced, proposalIds, Math.min(input.winners ?? from.winners, proposalIds.length)), origin);
}

/**
 * The new round's fields: the old round's settings unless the request
 * overrides them, its pots for the proposals that go on, `winners` places.
 */
function carriedFields(from: RoundRow, input: RoundAdvance, advanced: ReadonlySet<string>, proposalIds: string[], winners: number) {
  return {
    question: input.question ?? from.question,
    proposalIds,
    winners,
    ...(input.plus !== undefined ? { plus: input.plus } : {}),
    ...(input.minus !== undefined ? { minus: input.minus } : {}),
    ...(input.ratio !== undefined ? { ratio: input.ratio } : {}),
    budget: input.budget === undefined ? from.budget : input.budget,
    ...(input.durationSec !== undefined ? { durationSec: input.durationSec } : {}),
    visibility: input.visibility ?? from.visibility,
    lockBallots: input.lockBallots ?? from.lockBallots,
    exclusion: input.exclusion ?? from.practice.exclusion,
    tieRule: input.tieRule ?? from.practice.tieRule,
    rankBy: input.rankBy ?? from.practice.rankBy,
    minusAfterAllPlus: input.minusAfterAllPlus ?? from.practice.minusAfterAllPlus,
    shuffle: input.shuffle === undefined ? from.practice.shuffle : input.shuffle,
    ...(input.pots !== undefined ? { pots: input.pots } : from.practice.pots ? { pots: from.practice.pots } : {}),
    potOf: input.potOf ?? Object.fromEntries(Object.entries(from.practice.potOf).filter(([id]) => advanced.has(id))),
  };
}
