import { paperResults, type BallotRules, type RoundResults, type Tally } from '../../shared/domain/index.ts';
import type { TallySnapshot, Turnout } from '../../shared/protocol/views.ts';
import type { RoundRow } from '../store/types.ts';
import { currentRound, hubErr, hubOk, onlineHere, type AssemblyState, type HubResult } from './context.ts';

/**
 * Results of an opened round. A closed round answers with its sealed
 * result, stored at close and never recomputed; an open one is computed
 * from the live tally against its frozen paper and the round's §5
 * settings. Null for a draft (reads never create round state).
 */
export function roundResults(a: AssemblyState, round: RoundRow): RoundResults | null {
  if (round.seal) return round.seal.result;
  const live = a.live.get(round.id);
  return live && round.paper ? tallyResults(round, live.rules, live.tally) : null;
}

/**
 * Results of an opened round from a given tally (the live one, or a
 * released copy of it): always through `paperResults`, with the frozen
 * paper's costs, the round's rules and its §5 settings, so every view of
 * the round ranks a tally the same way.
 */
export function tallyResults(round: RoundRow, rules: BallotRules, tally: Tally): RoundResults {
  return paperResults(tally, { rules, budget: round.budget, paper: round.paper ?? [], practice: round.practice });
}

/** A round whose results may be shown: drafts have none; hidden rounds show nothing until close. */
export function visibleRound(a: AssemblyState, roundId: string): HubResult<RoundRow> {
  const round = a.rounds.get(roundId);
  if (!round) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  // A draft has no results, and its question is not public (the error names no field of it).
  if (round.status === 'draft') return hubErr('ROUND_NOT_OPEN', 'This round has not been opened yet: it has no results.');
  if (round.visibility === 'hidden' && round.status !== 'closed') {
    return hubErr('RESULTS_HIDDEN', 'Results of this round are hidden until it closes.');
  }
  return hubOk(round);
}

/** Results as anyone may see them. */
export function visibleResults(a: AssemblyState, roundId: string): HubResult<RoundResults> {
  const round = visibleRound(a, roundId);
  if (!round.ok) return round;
  const results = roundResults(a, round.value);
  return results ? hubOk(results) : hubErr('ROUND_NOT_OPEN', 'This round has not been opened yet: it has no results.');
}

/** Turnout now: people joined and online, ballots in the round. For the live screens. */
export function turnout(a: AssemblyState, round: RoundRow | null): Turnout {
  const voted = round ? (round.seal?.turnout.voted ?? a.live.get(round.id)?.tally.ballots ?? 0) : 0;
  return { joined: a.participants, online: onlineHere(a) + (a.remoteOnline ?? 0), voted };
}

/** A round's own turnout: sealed at close for a closed round, live for an open one. For results, exports and the report. */
export function roundTurnout(a: AssemblyState, round: RoundRow): Turnout {
  return round.seal ? { ...round.seal.turnout } : turnout(a, round);
}

/**
 * The current round's tally as a screen draws it. `audience` 'room'
 * (projectors, anyone without the token) gets `results: null` while a hidden
 * round is open; 'facilitator' gets them anyway, and the console marks
 * them "only you see this" (issue 13).
 */
export function snapshot(a: AssemblyState, now: number, audience: 'room' | 'facilitator' = 'room'): TallySnapshot | null {
  const round = currentRound(a);
  const live = round && a.live.get(round.id);
  if (!round || !live) return null;
  const hidden = audience === 'room' && round.visibility === 'hidden' && round.status !== 'closed';
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
