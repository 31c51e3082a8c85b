import type { BallotRow, RoundRow } from '../store/types.ts';
import type { AssemblyState, HubContext } from './context.ts';

/**
 * Every voter's current ballot in a round, for whole-round views (opinion
 * groups, segments) that are recomputed every few seconds while a round is
 * open (issue 15: reading 10,000 ballots from SQLite on the hub's thread
 * held its event loop for ~160 ms each time).
 *
 * On one node the hub's memory already holds each ballot it accepted
 * (`live.ballots`); once it holds them all (`live.allKnown`: the round was
 * opened by this process, or was filled once from the store here after a
 * start) they come from memory and the store is not read. Ballots being
 * committed are included (the view says how many ballots it rests on).
 *
 * In a cluster other nodes' ballots exist only in PostgreSQL, which is read
 * each time (an asynchronous read: the event loop is free meanwhile).
 */
export async function roundBallots(ctx: HubContext, a: AssemblyState, round: RoundRow): Promise<BallotRow[]> {
  const live = a.live.get(round.id);
  if (!live || ctx.cluster) return ctx.store.loadBallots(round.id);
  if (!live.allKnown) {
    const stored = await ctx.store.loadBallots(round.id);
    // A ballot accepted while the store was read is newer than the stored one: memory keeps it.
    for (const row of stored) if (!live.ballots.has(row.participantId)) live.ballots.set(row.participantId, row);
    live.allKnown = true;
  }
  const rows: BallotRow[] = [];
  for (const row of live.ballots.values()) if (row) rows.push(row);
  return rows;
}
