import { opinionGroups } from '../../shared/domain/index.ts';
import type { OpinionGroupsView } from '../../shared/protocol/views.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { MIN_GROUP } from './segments.ts';

/**
 * Opinion groups of a round, computed on demand from the stored ballots
 * (tens of milliseconds for ten thousand voters): never part of every
 * snapshot. Visible like the results: not while a hidden round is open.
 */
export async function opinionGroupsView(ctx: HubContext, a: AssemblyState, roundId: string): Promise<HubResult<OpinionGroupsView>> {
  const round = a.rounds.get(roundId);
  if (!round) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  if (round.visibility === 'hidden' && round.status !== 'closed') {
    return hubErr('RESULTS_HIDDEN', 'Results of this round are hidden until it closes.');
  }
  const ballots = (await ctx.store.loadBallots(round.id)).filter((b) => !a.revoked.has(b.participantId));
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
