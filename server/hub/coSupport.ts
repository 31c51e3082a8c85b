import { CO_SUPPORT_MIN_VOTERS, coSupport, largestOverlaps } from '../../shared/domain/index.ts';
import type { CoSupportView } from '../../shared/protocol/views.ts';
import type { BallotRow } from '../store/types.ts';
import { hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { visibleRound } from './results.ts';
import { countedPaperBallots } from './paperState.ts';

/** How many overlaps the console and the report name in words. */
export const OVERLAPS_IN_WORDS = 5;

/**
 * Co-support of a round (d21-method.md §5.8) from its stored ballots and counted paper ballots,
 * visible like the results. O(Σ plus·(plus+minus)) over ballots: a few
 * milliseconds for thousands of D21 ballots (few votes each), so it runs on
 * request and is never part of a snapshot. Rows backed by fewer than 5
 * voters are never shown.
 */
export async function coSupportView(
  ctx: HubContext,
  a: AssemblyState,
  roundId: string,
  /** The round's stored ballots, when the caller has read them already. */
  preloaded?: BallotRow[],
): Promise<HubResult<CoSupportView>> {
  const visible = visibleRound(a, roundId);
  if (!visible.ok) return visible;
  const round = visible.value;
  const phones = (preloaded ?? (await ctx.store.loadBallots(round.id))).filter((b) => !a.revoked.has(b.participantId));
  // Counted paper ballots (§5.1) are voters too.
  const ballots = [...phones, ...countedPaperBallots(a.paper.get(round.id))];
  const cs = coSupport(round.proposalIds, ballots, CO_SUPPORT_MIN_VOTERS);
  return hubOk({ roundId, voters: ballots.length, ...cs, overlaps: largestOverlaps(cs, OVERLAPS_IN_WORDS) });
}
