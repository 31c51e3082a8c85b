import { applyBallot, validateBallot } from '../../shared/domain/index.ts';
import type { BallotSubmit } from '../../shared/protocol/schemas.ts';
import type { BallotReceipt } from '../../shared/protocol/views.ts';
import type { BallotRow } from '../store/types.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult, type LiveRound } from './context.ts';
import { liveRound } from './rounds.ts';

export function receipt(row: BallotRow): BallotReceipt {
  return { roundId: row.roundId, ballotId: row.ballotId, plus: [...row.plus], minus: [...row.minus], at: row.at, seq: row.seq };
}

/**
 * Accepts a voter's ballot. The receipt is returned only after the ballot is
 * committed; the tally counts it at the same moment, in commit order, so the
 * live tally always equals a recount of what is stored. Resending a ballot
 * id already accepted returns its receipt and counts nothing twice.
 */
export async function submitBallot(
  ctx: HubContext,
  a: AssemblyState,
  participantId: string,
  input: BallotSubmit,
): Promise<HubResult<BallotReceipt>> {
  if (a.revoked.has(participantId)) return hubErr('CODE_REVOKED', 'This phone’s access was withdrawn by the facilitator.');
  const round = a.rounds.get(input.roundId);
  if (!round) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  const live = liveRound(a, round);

  // Read the voter's earlier ballot first (from the store after a restart);
  // everything after this await runs without yielding, so concurrent
  // submits from one voter are applied one after the other.
  if (!live.ballots.has(participantId)) await currentBallot(ctx, live, participantId);

  const seen = live.receipts.get(input.ballotId);
  if (seen) {
    if (seen.participantId !== participantId) return hubErr('CONFLICT', 'That ballot id is already used.');
    await seen.committed;
    return hubOk(receipt(seen.row));
  }
  const status = a.rounds.get(round.id)?.status;
  if (status !== 'open') {
    return hubErr('ROUND_NOT_OPEN', status === 'draft' ? 'Voting has not started yet.' : 'Voting in this round has closed.');
  }
  const previous = live.ballots.get(participantId) ?? null;
  if (previous && previous.ballotId === input.ballotId) return hubOk(receipt(previous));
  if (previous && round.lockBallots) return hubErr('BALLOT_LOCKED', 'Ballots in this round cannot be changed once cast.');

  const valid = validateBallot(input, live.rules, live.optionSet);
  if (!valid.ok) return hubErr(valid.code, valid.message);

  const row: BallotRow = {
    roundId: round.id,
    participantId,
    ballotId: input.ballotId,
    plus: valid.value.plus as string[],
    minus: valid.value.minus as string[],
    seq: ++live.seq,
    at: ctx.clock.now(),
  };
  live.ballots.set(participantId, row);
  const committed = ctx.store.saveBallot(row).then(
    () => {
      // In a cluster the tally is the sum of every node's partials (server/cluster/tally.ts).
      if (!ctx.cluster?.sharedTally) {
        applyBallot(live.tally, previous ?? undefined, row);
        live.countedSeq = Math.max(live.countedSeq, row.seq);
      }
      ctx.listener.tallyChanged(a, round.id);
    },
    (e: unknown) => {
      // Nothing was stored: forget the ballot so the voter can resend it.
      if (live.ballots.get(participantId) === row) {
        live.ballots.set(participantId, previous);
      }
      live.receipts.delete(row.ballotId);
      throw e;
    },
  );
  live.receipts.set(row.ballotId, { participantId, row, committed });
  try {
    await committed;
  } catch (e) {
    // PostgreSQL: the round closed on another node before this ballot's transaction decided.
    if ((e as { code?: unknown }).code === 'ROUND_NOT_OPEN') return hubErr('ROUND_NOT_OPEN', 'Voting in this round has closed.');
    console.error('ballot commit failed', (e as Error).message);
    return hubErr('INTERNAL', 'The ballot could not be stored; please send it again.');
  }
  return hubOk(receipt(row));
}

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
    pending = ctx.store.getBallot(live.row.id, participantId).then((row) => {
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
