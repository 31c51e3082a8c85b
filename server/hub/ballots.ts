import { applyBallot, validateBallot } from '../../shared/domain/index.ts';
import type { BallotSubmit } from '../../shared/protocol/schemas.ts';
import type { BallotReceipt } from '../../shared/protocol/views.ts';
import type { BallotRow } from '../store/types.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult, type LiveRound } from './context.ts';
import { paperHoldsVoter } from './paperState.ts';

export function receipt(row: BallotRow): BallotReceipt {
  return { roundId: row.roundId, ballotId: row.ballotId, plus: [...row.plus], minus: [...row.minus], at: row.at, seq: row.seq };
}

/**
 * Accepts a voter's ballot. Open or closed is decided from the round's
 * state and the server's receive time: a ballot received at or after the
 * deadline, or not yet accepted when closing began, is refused
 * (ROUND_CLOSED) whatever the timers are doing. It is checked against the
 * round's frozen paper and rules, the ones the phone was shown.
 *
 * The receipt is returned only after the ballot is committed; the tally
 * counts it at the same moment, in commit order, so the live tally always
 * equals a recount of what is stored. Resending any ballot id this voter
 * used in the round (the last or an earlier one, before or after a
 * restart) returns that ballot's original receipt and changes nothing.
 */
export function submitBallot(ctx: HubContext, a: AssemblyState, participantId: string, input: BallotSubmit): Promise<HubResult<BallotReceipt>> {
  const receivedAt = ctx.clock.now();
  if (a.revoked.has(participantId)) return Promise.resolve(hubErr('CODE_REVOKED', 'This phone’s access was withdrawn by the facilitator.'));
  const round = a.rounds.get(input.roundId);
  if (!round) return Promise.resolve(hubErr('NOT_FOUND', 'No round with that id in this assembly.'));
  const live = a.live.get(round.id);
  if (round.status === 'draft' || !live) return Promise.resolve(hubErr('ROUND_NOT_OPEN', 'Voting has not started yet.'));

  // One voter's submits run one after another: each sees the one before it settled.
  const before = live.voterQueue.get(participantId);
  const run = before ? before.then(() => submitInOrder(ctx, a, live, participantId, input, receivedAt)) : submitInOrder(ctx, a, live, participantId, input, receivedAt);
  const tail: Promise<unknown> = run
    .finally(() => {
      if (live.voterQueue.get(participantId) === tail) live.voterQueue.delete(participantId);
    })
    .catch(() => undefined);
  live.voterQueue.set(participantId, tail);
  return run;
}

async function submitInOrder(
  ctx: HubContext,
  a: AssemblyState,
  live: LiveRound,
  participantId: string,
  input: BallotSubmit,
  receivedAt: number,
): Promise<HubResult<BallotReceipt>> {
  // A closed, severed round: memory knows only each voter's last ballot id. Its
  // resend (an ack lost at the close) hears "counted", with the votes it carries.
  if (live.lastIds) {
    if (live.lastIds.get(participantId) !== input.ballotId) return hubErr('ROUND_CLOSED', 'Voting in this round has closed.');
    const valid = validateBallot(input, live.rules, live.optionSet);
    if (!valid.ok) return hubErr('ROUND_CLOSED', 'Voting in this round has closed.');
    return hubOk({ roundId: live.row.id, ballotId: input.ballotId, plus: [...valid.value.plus].sort(), minus: [...valid.value.minus].sort(), at: live.row.closedAt ?? receivedAt, seq: 0 });
  }
  const known = currentBallot(ctx, live, participantId);
  const latest = known instanceof Promise ? await known : known;
  if (latest?.ballotId === input.ballotId) return hubOk(receipt(latest));
  // A voter with no ballot has no earlier ones either; with one, the store is asked
  // only when the id may be an earlier one (the filter never misses one it was given).
  if (latest && (ctx.cluster || !live.usedIds || live.usedIds.mayHave(participantId, input.ballotId))) {
    const earlier = await ctx.store.getReceipt(live.row.id, participantId, input.ballotId);
    if (earlier) return hubOk(receipt(earlier));
  }

  // From here on nothing yields until the ballot is accepted or refused.
  const round = live.row;
  if (a.revoked.has(participantId)) return hubErr('CODE_REVOKED', 'This phone’s access was withdrawn by the facilitator.');
  if (round.status !== 'open' || !live.accepting || (round.deadline !== null && receivedAt >= round.deadline)) {
    return hubErr('ROUND_CLOSED', 'Voting in this round has closed.');
  }
  const previous = live.ballots.get(participantId) ?? null;
  if (previous && round.lockBallots) return hubErr('BALLOT_LOCKED', 'Ballots in this round cannot be changed once cast.');
  // One person votes one way (§5.1): a code keyed from a paper ballot of this round cannot vote on a phone.
  if (paperHoldsVoter(a.paper.get(round.id), a.codes.values(), participantId)) {
    return hubErr('CODE_OTHER_CHANNEL', 'This access code was already used on a paper ballot in this round: one person votes one way.');
  }

  const valid = validateBallot(input, live.rules, live.optionSet);
  if (!valid.ok) return hubErr(valid.code, valid.message);

  const row: BallotRow = {
    roundId: round.id,
    participantId,
    ballotId: input.ballotId,
    plus: valid.value.plus as string[],
    minus: valid.value.minus as string[],
    seq: ++live.seq,
    at: receivedAt,
  };
  live.ballots.set(participantId, row);
  // The replaced id becomes an earlier one (kept even if this commit fails: a false "maybe" only costs a lookup).
  if (previous) live.usedIds?.add(participantId, previous.ballotId);
  const committed = ctx.store.saveBallot(row).then(
    () => {
      // In a cluster the tally is the sum of every node's partials (server/cluster/tally.ts).
      if (!ctx.cluster?.sharedTally) {
        applyBallot(live.tally, previous ?? undefined, row);
        live.countedSeq = Math.max(live.countedSeq, row.seq);
      }
      ctx.counters.ballotsAccepted++;
      ctx.listener.tallyChanged(a, round.id, participantId);
    },
    (e: unknown) => {
      // Nothing was stored: forget the ballot so the voter can resend it. A replaced
      // ballot id means this node's memory of the voter was stale: read the store next time.
      if (live.ballots.get(participantId) === row) {
        if (staleMemory(e)) live.ballots.delete(participantId);
        else live.ballots.set(participantId, previous);
      }
      throw e;
    },
  );
  live.inflight.add(committed);
  try {
    await committed;
  } catch (e) {
    // PostgreSQL: the round closed on another node before this ballot's transaction decided.
    if ((e as { code?: unknown }).code === 'ROUND_NOT_OPEN') return hubErr('ROUND_CLOSED', 'Voting in this round has closed.');
    // PostgreSQL: the voter's first ballot in a locked round was taken by another node.
    if ((e as { code?: unknown }).code === 'BALLOT_LOCKED') return hubErr('BALLOT_LOCKED', 'Ballots in this round cannot be changed once cast.');
    // PostgreSQL: a resend of a ballot the voter replaced on another node: its first receipt, nothing changed.
    const earlier = staleMemory(e) ? await ctx.store.getReceipt(round.id, participantId, input.ballotId) : null;
    if (earlier) return hubOk(receipt(earlier));
    console.error('ballot commit failed', (e as Error).message);
    return hubErr('INTERNAL', 'The ballot could not be stored; please send it again.');
  } finally {
    live.inflight.delete(committed);
  }
  return hubOk(receipt(row));
}

/** Store refusals after which this node's memory of the voter is stale (another node took a ballot). */
const staleMemory = (e: unknown) => ['BALLOT_REPLACED', 'BALLOT_LOCKED'].includes(String((e as { code?: unknown } | null)?.code));

/**
 * A voter's last ballot in a round: from memory, else from the store (after
 * a restart only the store knows). Concurrent lookups for one voter share
 * one read, so two quick submits cannot both see "no previous ballot".
 */
export function currentBallot(ctx: HubContext, live: LiveRound, participantId: string): Promise<BallotRow | null> | BallotRow | null {
  const known = live.ballots.get(participantId);
  if (known !== undefined) return known;
  let pending = live.loading.get(participantId);
  if (!pending) {
    pending = ctx.store.getBallot(live.row.id, participantId).then(async (row) => {
      // A voter who voted before this process started: its earlier ids go into the filter first.
      const filter = live.usedIds;
      if (row && filter) for (const id of await ctx.store.ballotIds(live.row.id, participantId)) filter.add(participantId, id);
      live.loading.delete(participantId);
      // A submit that raced ahead of this read has already set the newer one.
      if (!live.ballots.has(participantId)) live.ballots.set(participantId, row);
      return live.ballots.get(participantId) ?? null;
    });
    live.loading.set(participantId, pending);
  }
  return pending;
}

/** The voter's own ballot in a round (never anyone else's). */
export async function myBallot(ctx: HubContext, a: AssemblyState, roundId: string, participantId: string): Promise<BallotReceipt | null> {
  const live = a.live.get(roundId);
  const row = live ? await currentBallot(ctx, live, participantId) : null;
  return row ? receipt(row) : null;
}
