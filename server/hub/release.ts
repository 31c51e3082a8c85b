import { createTally, type RoundResults, type Tally } from '../../shared/domain/index.ts';
import type { TallySnapshot } from '../../shared/protocol/views.ts';
import type { RoundRow } from '../store/types.ts';
import type { AssemblyState } from './context.ts';
import { snapshot, tallyResults } from './results.ts';
import { roundRules } from './views.ts';

/**
 * Public tallies are released in batches (docs/security.md, "Timing"): a
 * token-less screen or the public results read sees an open round's counts
 * only as of the last release, and a release happens when ballots from
 * RELEASE_BATCH different voters have been counted since the one before
 * (a voter changing a ballot three times counts once). In a quiet room, a
 * card being used and the next snapshot changing can then never be paired
 * to one ballot. Closed rounds are shown in full; the facilitator's console
 * sees the live tally.
 */
export const RELEASE_BATCH = 5;

interface Release {
  /** Highest acceptance sequence number included. */
  seq: number;
  /** A copy of the tally at the release. */
  tally: Tally;
}
interface RoundRelease {
  release: Release | null;
  /** Results of `release`, computed once per release (every snapshot and public read shows them). */
  results?: { of: Release | null; value: RoundResults };
  /** Voters counted since the last release. */
  pending: Set<string>;
}

const releases = new WeakMap<AssemblyState, Map<string, RoundRelease>>();

function stateOf(a: AssemblyState, roundId: string): RoundRelease {
  let byRound = releases.get(a);
  if (!byRound) releases.set(a, (byRound = new Map()));
  let st = byRound.get(roundId);
  if (!st) byRound.set(roundId, (st = { release: null, pending: new Set() }));
  return st;
}

/** Called as each ballot is counted: releases the tally when a full batch of voters is in. */
export function noteCounted(a: AssemblyState, roundId: string, participantId: string): void {
  const live = a.live.get(roundId);
  if (!live || live.row.status !== 'open') return;
  const st = stateOf(a, roundId);
  st.pending.add(participantId);
  if (st.pending.size < RELEASE_BATCH) return;
  const t = live.tally;
  st.release = { seq: live.countedSeq, tally: { ...t, plus: [...t.plus], minus: [...t.minus] } };
  st.pending.clear();
}

/**
 * Cluster: ballots arrive on every node and here only the summed tally is
 * known, so a release also happens when at least RELEASE_BATCH more ballots
 * are counted than at the previous release (changed ballots ride along).
 */
export function noteCountedTotal(a: AssemblyState, roundId: string): void {
  const live = a.live.get(roundId);
  if (!live || live.row.status !== 'open') return;
  const st = stateOf(a, roundId);
  if (live.tally.ballots - (st.release?.tally.ballots ?? 0) < RELEASE_BATCH) return;
  const t = live.tally;
  st.release = { seq: live.countedSeq, tally: { ...t, plus: [...t.plus], minus: [...t.minus] } };
  st.pending.clear();
}

/**
 * The released tally's results, computed exactly as the live and sealed ones
 * are (`paperResults`: the frozen paper's costs, the round's rules and §5
 * settings), so the room and the console rank the same tally the same way.
 */
function releasedResults(a: AssemblyState, round: RoundRow): { seq: number; results: RoundResults; voted: number } {
  const st = stateOf(a, round.id);
  const r = st.release;
  const tally = r?.tally ?? createTally(round.proposalIds);
  if (st.results?.of !== r) {
    // The rules frozen at open (the live round's); from the round row only if this node holds no live state.
    const rules = a.live.get(round.id)?.rules ?? roundRules(round);
    st.results = { of: r, value: tallyResults(round, rules, tally) };
  }
  return { seq: r?.seq ?? 0, results: st.results.value, voted: tally.ballots };
}

/** A snapshot as token-less roles receive it: open rounds as of their last release. */
export function publicSnapshot(a: AssemblyState, now: number, live = snapshot(a, now)): TallySnapshot | null {
  if (!live || live.status !== 'open' || live.results === null) return live;
  const round = a.rounds.get(live.roundId);
  if (!round) return live;
  const r = releasedResults(a, round);
  return { ...live, seq: r.seq, results: r.results, turnout: { ...live.turnout, voted: r.voted } };
}

/** Results and ballots counted of a round as the public may see them now. */
export function publicRoundFigures(a: AssemblyState, round: RoundRow, results: RoundResults, voted: number): { results: RoundResults; voted: number } {
  if (round.status !== 'open') return { results, voted };
  const r = releasedResults(a, round);
  return { results: r.results, voted: r.voted };
}

/**
 * Opinion groups of an open round are computed from every ballot counted so
 * far, so a token-less reader could difference them ballot by ballot: they
 * are published to token-less roles once the round closes.
 */
export function groupsNotYetPublic(a: AssemblyState, roundId: string): { ok: false; code: 'RESULTS_HIDDEN'; message: string } | null {
  const round = a.rounds.get(roundId);
  if (round?.status !== 'open') return null;
  return { ok: false, code: 'RESULTS_HIDDEN', message: 'Opinion groups are published when the round closes.' };
}
