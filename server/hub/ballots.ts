import { applyBallot, validateBallot } from '../../shared/domain/index.ts';
import type { BallotSubmit } from '../../shared/protocol/schemas.ts';
import type { BallotReceipt } from '../../shared/protocol/views.ts';
import type { BallotRow } from '../store/types.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
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

  const seen = live.receipts.get(input.ballotId);
  if (seen) {
    if (seen.participantId !== participantId) return hubErr('CONFLICT', 'That ballot id is already used.');
    await seen.committed;
    return hubOk(receipt(seen.row));
  }
  if (round.status !== 'open') {
    return hubErr('ROUND_NOT_OPEN', round.status === 'draft' ? 'Voting has not started yet.' : 'Voting in this round has closed.');
  }
  const previous = live.ballots.get(participantId);
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
      applyBallot(live.tally, previous, row);
      live.countedSeq = Math.max(live.countedSeq, row.seq);
      ctx.listener.tallyChanged(a, round.id);
    },
    (e: unknown) => {
      // Nothing was stored: forget the ballot so the voter can resend it.
      if (live.ballots.get(participantId) === row) {
        if (previous) live.ballots.set(participantId, previous);
        else live.ballots.delete(participantId);
      }
      live.receipts.delete(row.ballotId);
      throw e;
    },
  );
  live.receipts.set(row.ballotId, { participantId, row, committed });
  try {
    await committed;
  } catch (e) {
    console.error('ballot commit failed', (e as Error).message);
    return hubErr('INTERNAL', 'The ballot could not be stored; please send it again.');
  }
  return hubOk(receipt(row));
}

/** The voter's own ballot in a round (never anyone else's). */
export function myBallot(a: AssemblyState, roundId: string, participantId: string): BallotReceipt | null {
  const live = a.live.get(roundId);
  const row = live?.ballots.get(participantId);
  return row ? receipt(row) : null;
}
