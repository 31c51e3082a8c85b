import { createHash } from 'node:crypto';
import { createTally, sealRound, sealRoundWithPaper } from '../../shared/domain/index.ts';
import type { RoundRow } from '../store/types.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult, type LiveRound } from './context.ts';
import { drawAtClose } from './practice.ts';
import { severClosedRound } from './segments.ts';
import { roundRules } from './views.ts';
import { BallotIdFilter } from './ballotIdFilter.ts';
import { storedChannelBallots } from './paperViews.ts';
import { severPaperCodes } from './paperSever.ts';

/**
 * The round owner: the one writer of rounds. A round is a state machine
 *
 *     draft ──open──▶ open ──close (facilitator or deadline)──▶ closed
 *       ▲  │ update     │ extend
 *       └──┘            └──┘
 *
 * and every change goes through `commitRound`, which checks the
 * transition, persists the row (one atomic write: closing stores the
 * status and the sealed result together), updates memory, re-arms the
 * deadline and announces. Lifecycle commands run one at a time per
 * assembly through `serialised`, so two commands sent in the same tick
 * are decided one after the other against the state the first left.
 *
 * Reads never create or change round state: live state exists only for
 * rounds that were opened.
 */

/** node:crypto's SHA-256 (native, fast); the same digest as the domain's pure one, which the verify script uses. */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What changed, for the announcement. */
export type RoundChange = 'created' | 'updated' | 'opened' | 'extended' | 'closed';

/**
 * Runs `run` after every lifecycle command queued before it on this
 * assembly has finished (success or failure). Same-tick races get one
 * winner: the second command sees what the first did.
 */
export function serialised<T>(a: AssemblyState, run: () => Promise<T>): Promise<T> {
  const result = a.lifecycle.then(run, run);
  a.lifecycle = result.catch(() => undefined);
  return result;
}

/** Why a transition is impossible; null when it is allowed. Programming errors: commands check first. */
function transitionError(a: AssemblyState, before: RoundRow | undefined, after: RoundRow): string | null {
  if (!before) return after.status === 'draft' ? null : 'a round is created as a draft';
  if (before.id !== after.id || before.assemblyId !== after.assemblyId) return 'a round keeps its id and assembly';
  if (before.status === 'closed') return 'a closed round is final';
  if (before.status === 'draft') {
    if (after.status === 'closed') return 'a draft cannot close';
    if (after.status === 'open') {
      if (!after.paper || after.openedAt === null) return 'opening freezes the paper and records the time';
      for (const r of a.rounds.values()) if (r.status === 'open' && r.id !== after.id) return 'another round is open';
    }
    return null;
  }
  // before.status === 'open': only the deadline may move, then the close.
  // The tie-break draw's seed (§5.3b) is drawn in the closing write, never before.
  const frozen = (r: RoundRow) => JSON.stringify({ ...r, status: null, deadline: null, closedAt: null, seal: null, practice: { ...r.practice, drawSeed: null } });
  if (before.practice.drawSeed !== after.practice.drawSeed && (before.practice.drawSeed !== null || after.status !== 'closed')) return 'the draw is seeded once, at close';
  if (after.status === 'draft') return 'an opened round cannot go back to draft';
  if (frozen(before) !== frozen(after)) return 'an open round changes only its deadline or its status';
  if (after.status === 'closed' && (!after.seal || after.closedAt === null)) return 'closing stores the sealed result';
  return null;
}

/** The in-memory live state of a round that has just opened (or was open or closed at start). */
export function newLiveRound(row: RoundRow): LiveRound {
  const rules = roundRules(row);
  return {
    row,
    rules,
    optionSet: new Set(row.proposalIds),
    tally: createTally(row.proposalIds),
    ballots: new Map(),
    allKnown: false,
    usedIds: row.status === 'open' ? new BallotIdFilter() : null,
    lastIds: null,
    loading: new Map(),
    voterQueue: new Map(),
    inflight: new Set(),
    accepting: row.status === 'open',
    seq: 0,
    countedSeq: 0,
    timer: null,
  };
}

/**
 * Applies one round change: checks the transition, persists it, updates
 * memory, re-arms the deadline and announces. Throws (nothing changed in
 * memory) if the store write fails or the transition breaks an invariant.
 */
export async function commitRound(ctx: HubContext, a: AssemblyState, row: RoundRow, change: RoundChange): Promise<void> {
  const problem = transitionError(a, a.rounds.get(row.id), row);
  if (problem) throw new Error(`round ${row.id}: ${problem}`);
  await ctx.store.saveRound(row);
  // Memory follows the committed row exactly as when another node wrote it.
  adoptStoredRound(ctx, a, row);
  // Opened here on a single node: no ballot exists outside this process's memory.
  if (change === 'opened' && !ctx.cluster) a.live.get(row.id)!.allKnown = true;
  ctx.listener.assemblyChanged(a);
  if (change === 'created' || change === 'updated') return;
  ctx.listener.currentRoundChanged(a);
  ctx.listener.tallyChanged(a, row.id);
}

/**
 * Closes an open round and seals it; call inside `serialised`. From its
 * first line no further ballot is accepted; it waits for the commits of
 * the ballots accepted before, counts what is stored, and stores the
 * status and the sealed result in one write. A round whose deadline has
 * passed closes at its deadline, however late this runs.
 */
export async function closeNow(ctx: HubContext, a: AssemblyState, roundId: string): Promise<HubResult<RoundRow>> {
  const row = a.rounds.get(roundId);
  const live = a.live.get(roundId);
  if (!row) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  if (row.status !== 'open' || !live || !row.paper) return hubErr('ROUND_NOT_OPEN', 'This round is not open.');
  const now = ctx.clock.now();
  const closedAt = row.deadline !== null && row.deadline <= now ? row.deadline : now;
  live.accepting = false;
  try {
    await Promise.allSettled([...live.inflight]);
    // Phones' ballots and the paper ballots that count (§5.1), as stored.
    const { phone: ballots, paper, keyed } = await storedChannelBallots(ctx, roundId);
    // A round that breaks ties by a draw (§5.3b) gets its seed now, sealed with it.
    const drawn = drawAtClose(row);
    const seal = sealRoundWithPaper(
      { roundId, closedAt, rules: live.rules, budget: row.budget, paper: row.paper, practice: drawn.practice, turnout: { joined: a.participants, online: a.online.size } },
      ballots,
      paper,
      keyed,
      sha256,
    );
    const closed: RoundRow = { ...drawn, status: 'closed', closedAt, seal };
    await commitRound(ctx, a, closed, 'closed');
    // Closed and sealed: the ballots no longer need their voters. A failure here
    // leaves the round closed; the next start severs it (load.ts).
    await severClosedRound(ctx, a, closed, ballots).catch((e: unknown) => console.error('severing the closed round failed', e));
    await severPaperCodes(ctx, a, closed).catch((e: unknown) => console.error('severing the closed round’s paper codes failed', e));
    return hubOk(closed);
  } catch (e) {
    // Nothing was stored: the round stays open and takes ballots again.
    live.accepting = a.rounds.get(roundId)?.status === 'open';
    throw e;
  }
}

/**
 * A closed round's memory no longer links voters to ballots, like the
 * store once it is severed (docs/security.md, "The data file"): only each
 * voter's last ballot id stays, to answer a resend of it. Whole-round views
 * read the anonymous rows from the store from now on.
 */
function forgetVoters(live: LiveRound): void {
  live.lastIds = new Map([...live.ballots].flatMap(([participantId, row]) => (row ? [[participantId, row.ballotId] as const] : [])));
  live.ballots.clear();
  live.allKnown = false;
  live.usedIds = null;
}

/** Queues the close of a round whose deadline (still this one) has come. */
function closeAtDeadline(ctx: HubContext, a: AssemblyState, roundId: string, deadline: number): void {
  // In a cluster only the leader closes at the deadline (a new leader re-arms the timers); ballots are refused by time anyway.
  if (!(ctx.cluster?.leads() ?? true)) return;
  serialised(a, async () => {
    const r = a.rounds.get(roundId);
    if (r?.status === 'open' && r.deadline === deadline) await closeNow(ctx, a, roundId);
  }).catch((e: unknown) => console.error('auto-close failed', e));
}

/**
 * Arms (or disarms) the round's deadline on the injected clock. Timers are
 * re-armed from the stored deadline at start, so a restart keeps the same
 * deadline; one that passed while the server was down closes the round at
 * once, at its deadline. A late timer changes nothing: ballots are judged
 * by their receive time, not by when the timer runs.
 */
export function armDeadline(ctx: HubContext, a: AssemblyState, live: LiveRound): void {
  live.timer?.cancel();
  live.timer = null;
  const { deadline, status, id } = live.row;
  if (status !== 'open' || deadline === null) return;
  if (deadline <= ctx.clock.now()) {
    closeAtDeadline(ctx, a, id, deadline);
    return;
  }
  live.timer = ctx.clock.at(deadline, () => {
    live.timer = null;
    closeAtDeadline(ctx, a, id, deadline);
  });
}

/**
 * Rounds stored before papers and seals existed (data from an older
 * version): an opened round gets the paper of its proposals as they are
 * now (the closest record of what voters saw), a closed one is sealed
 * from its stored ballots. Written once, at start; later starts read the
 * stored copies.
 */
export async function upgradeLegacyRound(ctx: HubContext, a: AssemblyState, row: RoundRow): Promise<RoundRow> {
  if (row.status === 'draft' || (row.paper && (row.status === 'open' || row.seal))) return row;
  const paper =
    row.paper ??
    row.proposalIds.map((id) => {
      const p = a.proposals.get(id);
      return { id, title: p?.title ?? '(deleted)', description: p?.description ?? '', cost: p?.cost ?? null };
    });
  let upgraded: RoundRow = { ...row, paper };
  if (row.status === 'closed') {
    const ballots = await ctx.store.loadBallots(row.id);
    const closedAt = row.closedAt ?? ctx.clock.now();
    const drawn = drawAtClose(upgraded);
    const seal = sealRound({ roundId: row.id, closedAt, rules: roundRules(row), budget: row.budget, paper, practice: drawn.practice, turnout: { joined: a.participants, online: 0 } }, ballots, sha256);
    upgraded = { ...drawn, closedAt, seal };
  }
  await ctx.store.saveRound(upgraded);
  a.rounds.set(row.id, upgraded);
  return upgraded;
}

/**
 * Cluster: a round row another node committed (read back from the store).
 * Memory follows the store; nothing is written or announced here (the
 * writing node announced it through the Socket.IO adapter).
 */
export function adoptStoredRound(ctx: HubContext, a: AssemblyState, row: RoundRow): void {
  a.rounds.set(row.id, row);
  if (row.status === 'draft') return;
  let live = a.live.get(row.id);
  if (!live) {
    live = newLiveRound(row);
    a.live.set(row.id, live);
  }
  live.row = row;
  live.accepting = row.status === 'open';
  // A closed round takes no new ballots, and memory forgets who voted what
  // (on every node, at once: the store is severed right after, docs/security.md).
  if (row.status === 'closed' && !live.lastIds) forgetVoters(live);
  armDeadline(ctx, a, live);
}

/** Cancels every deadline timer (the hub is stopping). */
export function disarmAll(a: AssemblyState): void {
  for (const live of a.live.values()) {
    live.timer?.cancel();
    live.timer = null;
  }
}
