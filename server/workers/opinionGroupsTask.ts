import { minVotesFor, opinionGroupsOfMatrix, roomMap, votesCast, type VoteMatrix } from '../../shared/domain/index.ts';
import type { OpinionGroupsView } from '../../shared/protocol/views.ts';

/** Input of the `opinionGroups` worker task: a round's vote matrix (cells travel as a transferable). */
export interface OpinionGroupsTaskInput extends VoteMatrix {
  optionIds: string[];
  /** Votes a ballot can carry (plus limit + minus limit), for the minimum-votes rule. */
  capacity?: number;
  minGroup: number;
  /** A D21 round: no vote is an observed answer (OpinionGroupsOptions.noVoteObserved). */
  noVoteObserved?: boolean;
}

export type OpinionGroupsTaskOutput = Omit<OpinionGroupsView, 'roundId' | 'computedAt'>;

/**
 * Worker task: the opinion groups of one round, shaped for the wire
 * (shared/domain/opinionGroups.ts does the work). Per-voter assignments
 * and places stay in the worker; only counts, representatives and the
 * binned map come back.
 */
export function opinionGroupsTask(input: OpinionGroupsTaskInput): OpinionGroupsTaskOutput {
  const m: VoteMatrix = { rows: input.rows, cols: input.cols, cells: input.cells };
  const g = opinionGroupsOfMatrix(input.optionIds, m, { minGroup: input.minGroup, noVoteObserved: input.noVoteObserved ?? false, ...(input.capacity !== undefined ? { capacity: input.capacity } : {}) });
  if (!g) {
    let ballots = 0;
    for (let r = 0; r < m.rows; r++) if (votesCast(m, r) > 0) ballots++;
    return { voters: 0, ballots, leftOut: 0, minVotes: minVotesFor(m.cols, input.capacity), groups: [], minGroup: input.minGroup, silhouette: null, explained: null, options: [], representatives: [], map: { dots: [], centres: [] } };
  }
  return {
    voters: g.voters,
    ballots: g.ballots,
    leftOut: g.leftOut,
    minVotes: g.minVotes,
    groups: g.sizes.map((size, index) => ({ index, size })),
    minGroup: input.minGroup,
    silhouette: g.silhouette,
    explained: g.explained,
    options: [...g.options].sort((x, y) => y.agreement - x.agreement || (x.id < y.id ? -1 : 1)),
    representatives: g.representatives.map((list) => list.map(({ optionId, stance, share, restShare, restOpposite, z, significant }) => ({ optionId, stance, share, restShare, restOpposite, z, significant }))),
    map: roomMap(g),
  };
}
