import { computeResults, type RoundResults } from '../../shared/domain/index.ts';
import type { TallySnapshot, Turnout } from '../../shared/protocol/views.ts';
import type { RoundRow } from '../store/types.ts';
import { currentRound, hubErr, hubOk, type AssemblyState, type HubResult } from './context.ts';
import { liveRound } from './rounds.ts';

export function roundResults(a: AssemblyState, round: RoundRow): RoundResults {
  const live = liveRound(a, round);
  const costs = new Map<string, number>();
  for (const id of round.proposalIds) {
    const cost = a.proposals.get(id)?.cost;
    if (cost != null) costs.set(id, cost);
  }
  return computeResults(live.tally, { winners: round.winners, budget: round.budget, costs });
}

/** A round whose results may be shown: hidden rounds show nothing until close. */
export function visibleRound(a: AssemblyState, roundId: string): HubResult<RoundRow> {
  const round = a.rounds.get(roundId);
  if (!round) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  if (round.visibility === 'hidden' && round.status !== 'closed') {
    return hubErr('RESULTS_HIDDEN', 'Results of this round are hidden until it closes.');
  }
  return hubOk(round);
}

/** Results as anyone may see them. */
export function visibleResults(a: AssemblyState, roundId: string): HubResult<RoundResults> {
  const round = visibleRound(a, roundId);
  return round.ok ? hubOk(roundResults(a, round.value)) : round;
}

export function turnout(a: AssemblyState, round: RoundRow | null): Turnout {
  const voted = round ? (a.live.get(round.id)?.tally.ballots ?? 0) : 0;
  return { joined: a.participants, online: a.online.size + (a.remoteOnline ?? 0), voted };
}

export function snapshot(a: AssemblyState, now: number): TallySnapshot | null {
  const round = currentRound(a);
  if (!round) return null;
  const live = liveRound(a, round);
  const hidden = round.visibility === 'hidden' && round.status !== 'closed';
  return {
    assemblyId: a.row.id,
    roundId: round.id,
    status: round.status,
    seq: live.countedSeq,
    at: now,
    deadline: round.deadline,
    turnout: turnout(a, round),
    results: hidden ? null : roundResults(a, round),
  };
}
