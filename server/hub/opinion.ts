import { opinionGroups } from '../../shared/domain/index.ts';
import type { OpinionGroupsView } from '../../shared/protocol/views.ts';
import type { BallotRow } from '../store/types.ts';
import { hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { visibleRound } from './results.ts';
import { MIN_GROUP } from './segments.ts';

/**
 * Opinion groups of a round, computed on demand from the stored ballots
 * (tens of milliseconds for ten thousand voters): never part of every
 * snapshot. Visible like the results: not while a hidden round is open.
 */
export async function opinionGroupsView(
  ctx: HubContext,
  a: AssemblyState,
  roundId: string,
  /** The round's stored ballots, when the caller has read them already. */
  preloaded?: BallotRow[],
): Promise<HubResult<OpinionGroupsView>> {
  const visible = visibleRound(a, roundId);
  if (!visible.ok) return visible;
  const round = visible.value;
  const ballots = (preloaded ?? (await ctx.store.loadBallots(round.id))).filter((b) => !a.revoked.has(b.participantId));
  const g = opinionGroups(round.proposalIds, ballots, { minGroup: MIN_GROUP });
  const voters = ballots.filter((b) => b.plus.length + b.minus.length > 0).length;
  if (!g) return hubOk({ roundId, voters, groups: [], minGroup: MIN_GROUP, silhouette: null, options: [] });
  return hubOk({
    roundId,
    voters: g.voters,
    groups: g.sizes.map((size, index) => ({ index, size })),
    minGroup: MIN_GROUP,
    silhouette: g.silhouette,
    options: [...g.options].sort((x, y) => y.agreement - x.agreement),
  });
}
