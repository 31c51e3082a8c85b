import type { PoolClient } from 'pg';
import type { BallotRow, RoundCounts } from '../types.ts';

/** A ballot write (row) or a ballot removal (null) queued for the batch. */
export interface BallotWrite {
  roundId: string;
  participantId: string;
  row: BallotRow | null;
}

/** One node's contribution to a round's tally (a row of `round_tallies`). */
export interface Partial {
  ballots: number;
  abstentions: number;
  plus: Record<string, number>;
  minus: Record<string, number>;
  version: number;
}

/** Thrown for a ballot whose round is not open when its transaction decides. */
export class RoundNotOpenError extends Error {
  readonly code = 'ROUND_NOT_OPEN';
  constructor(roundId: string) {
    super(`Round ${roundId} is not open.`);
  }
}

/**
 * Thrown for a resend of a ballot id that this voter has since replaced
 * (possibly on another node): nothing is written; the hub answers with that
 * ballot's original receipt (Store.getReceipt).
 */
export class BallotReplacedError extends Error {
  readonly code = 'BALLOT_REPLACED';
  constructor(ballotId: string) {
    super(`Ballot ${ballotId} was replaced by a later one.`);
  }
}

/** Thrown for a changed ballot in a round with locked ballots, when the voter's first one is stored (from any node). */
export class BallotLockedError extends Error {
  readonly code = 'BALLOT_LOCKED';
  constructor(roundId: string) {
    super(`Ballots in round ${roundId} cannot be changed once cast.`);
  }
}

export const emptyPartial = (): Partial => ({ ballots: 0, abstentions: 0, plus: {}, minus: {}, version: 0 });

function add(p: Partial, b: { plus: string[]; minus: string[] }, sign: 1 | -1): void {
  for (const id of b.plus) p.plus[id] = (p.plus[id] ?? 0) + sign;
  for (const id of b.minus) p.minus[id] = (p.minus[id] ?? 0) + sign;
  p.ballots += sign;
  if (b.plus.length === 0 && b.minus.length === 0) p.abstentions += sign;
}

/** Sums partial tallies (one per node that took ballots) into the round's counts. */
export function sumPartials(rows: Partial[], maxSeq: number): RoundCounts & { version: number } {
  const total = emptyPartial();
  for (const r of rows) {
    total.ballots += r.ballots;
    total.abstentions += r.abstentions;
    total.version += r.version;
    for (const [id, n] of Object.entries(r.plus)) total.plus[id] = (total.plus[id] ?? 0) + n;
    for (const [id, n] of Object.entries(r.minus)) total.minus[id] = (total.minus[id] ?? 0) + n;
  }
  return { ...total, maxSeq };
}

const key = (roundId: string, participantId: string) => `${roundId}\u0000${participantId}`;

/**
 * Writes a run of ballot writes inside the batch transaction:
 * 1. the rounds' rows are read FOR SHARE: a close (an UPDATE of that row on
 *    any node) waits for this transaction or this one sees it closed, so no
 *    ballot is counted after close; ballots for a round that is not open
 *    are rejected one by one (`rejected`), the rest go on;
 * 2. each voter's key is locked (transaction advisory lock, in hash order so
 *    two nodes cannot deadlock), then the voter's stored ballot is read: a
 *    voter whose ballots land on two nodes is seen in commit order; a resend
 *    of an id the voter has since replaced is rejected (BallotReplacedError);
 * 3. ballots are upserted / deleted in one statement each;
 * 4. this node's partial tally of each round is updated by the difference
 *    (old ballot out, new one in) and written as one row per round and node.
 * `partialOf` returns a draft copy, kept by the caller only after COMMIT.
 */
export async function writeBallots<W>(
  client: PoolClient,
  writes: { w: W; b: BallotWrite }[],
  nodeId: string,
  partialOf: (roundId: string) => Partial,
  rejected: Map<W, unknown>,
): Promise<void> {
  const ballotRounds = [...new Set(writes.filter((x) => x.b.row).map((x) => x.b.roundId))];
  const open = new Set<string>();
  const locked = new Set<string>();
  if (ballotRounds.length > 0) {
    const res = await client.query<{ id: string; status: string; lock_ballots: boolean }>(`SELECT id, status, lock_ballots FROM rounds WHERE id = ANY($1) FOR SHARE`, [ballotRounds]);
    for (const r of res.rows) {
      if (r.status === 'open') open.add(r.id);
      if (r.lock_ballots) locked.add(r.id);
    }
  }
  const candidates = writes.filter(({ w, b }) => {
    if (b.row && !open.has(b.roundId)) rejected.set(w, new RoundNotOpenError(b.roundId));
    return !rejected.has(w);
  });
  if (candidates.length === 0) return;
  await client.query(
    `SELECT pg_advisory_xact_lock(h) FROM (
       SELECT DISTINCT hashtextextended(r || '/' || p, 0) AS h FROM unnest($1::text[], $2::text[]) AS k(r, p) ORDER BY h) AS s`,
    [candidates.map((x) => x.b.roundId), candidates.map((x) => x.b.participantId)],
  );
  // A resend of a ballot this voter has since replaced (its id is among the replaced ones) changes
  // nothing, whatever the node's memory says: another node may have taken the newer ballot.
  const resent = candidates.flatMap((x) => (x.b.row ? [x.b.row] : []));
  const replaced = new Set<string>();
  if (resent.length > 0) {
    const found = await client.query<{ round_id: string; participant_id: string; ballot_id: string }>(
      `SELECT r.round_id, r.participant_id, r.ballot_id FROM ballot_receipts r
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(r, p, i) ON r.round_id = k.r AND r.participant_id = k.p AND r.ballot_id = k.i`,
      [resent.map((r) => r.roundId), resent.map((r) => r.participantId), resent.map((r) => r.ballotId)],
    );
    for (const r of found.rows) replaced.add(`${key(r.round_id, r.participant_id)}\u0000${r.ballot_id}`);
  }
  // The last write per voter wins; earlier ones in this batch only need their ack.
  const final = new Map<string, BallotWrite>();
  for (const { w, b } of candidates) {
    if (b.row && replaced.has(`${key(b.roundId, b.participantId)}\u0000${b.row.ballotId}`)) {
      rejected.set(w, new BallotReplacedError(b.row.ballotId));
      continue;
    }
    final.set(key(b.roundId, b.participantId), b);
  }
  if (final.size === 0) return;
  const rounds = [...final.values()].map((b) => b.roundId);
  const voters = [...final.values()].map((b) => b.participantId);
  const old = await client.query<{ round_id: string; participant_id: string; ballot_id: string; plus: string[]; minus: string[] }>(
    `SELECT b.round_id, b.participant_id, b.ballot_id, b.plus, b.minus FROM ballots b
       JOIN unnest($1::text[], $2::text[]) AS k(r, p) ON b.round_id = k.r AND b.participant_id = k.p`,
    [rounds, voters],
  );
  const touched = new Map<string, Partial>();
  const partial = (roundId: string) => {
    let p = touched.get(roundId);
    if (!p) touched.set(roundId, (p = partialOf(roundId)));
    return p;
  };
  // A round whose ballots cannot be changed once cast: a voter with a stored ballot gets no other,
  // whichever node took the first one (this node's memory of the voter may be stale).
  const oldBy = new Map(old.rows.map((o) => [key(o.round_id, o.participant_id), o]));
  for (const { w, b } of candidates) {
    const o = oldBy.get(key(b.roundId, b.participantId));
    if (b.row && o && locked.has(b.roundId) && o.ballot_id !== b.row.ballotId && !rejected.has(w)) {
      rejected.set(w, new BallotLockedError(b.roundId));
      final.delete(key(b.roundId, b.participantId));
    }
  }
  for (const [k, o] of oldBy) if (final.has(k)) add(partial(o.round_id), o, -1);
  const upserts = [...final.values()].flatMap((b) => (b.row ? [b.row] : []));
  const deletes = [...final.values()].filter((b) => !b.row);
  for (const row of upserts) add(partial(row.roundId), row, 1);
  if (upserts.length > 0) {
    // The ballots these replace stay answerable under their ids (Store.getReceipt).
    await client.query(
      `INSERT INTO ballot_receipts (round_id, participant_id, ballot_id, plus, minus, seq, at)
       SELECT b.round_id, b.participant_id, b.ballot_id, b.plus, b.minus, b.seq, b.at FROM ballots b
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(r, p, i) ON b.round_id = k.r AND b.participant_id = k.p AND b.ballot_id <> k.i
       ON CONFLICT DO NOTHING`,
      [upserts.map((r) => r.roundId), upserts.map((r) => r.participantId), upserts.map((r) => r.ballotId)],
    );
    await client.query(
      `INSERT INTO ballots (round_id, participant_id, ballot_id, plus, minus, seq, at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::int[], $7::bigint[])
       ON CONFLICT (round_id, participant_id) DO UPDATE SET ballot_id = excluded.ballot_id, plus = excluded.plus,
         minus = excluded.minus, seq = excluded.seq, at = excluded.at`,
      [
        upserts.map((r) => r.roundId),
        upserts.map((r) => r.participantId),
        upserts.map((r) => r.ballotId),
        upserts.map((r) => JSON.stringify(r.plus)),
        upserts.map((r) => JSON.stringify(r.minus)),
        upserts.map((r) => r.seq),
        upserts.map((r) => r.at),
      ],
    );
  }
  if (deletes.length > 0) {
    await client.query(
      `DELETE FROM ballots b USING unnest($1::text[], $2::text[]) AS k(r, p) WHERE b.round_id = k.r AND b.participant_id = k.p`,
      [deletes.map((b) => b.roundId), deletes.map((b) => b.participantId)],
    );
  }
  const ids = [...touched.keys()];
  const parts = ids.map((id) => touched.get(id)!);
  for (const p of parts) p.version += 1;
  await client.query(
    `INSERT INTO round_tallies (round_id, node_id, ballots, abstentions, plus, minus, version)
     SELECT r, $2, b, a, p, m, v FROM unnest($1::text[], $3::int[], $4::int[], $5::jsonb[], $6::jsonb[], $7::bigint[]) AS t(r, b, a, p, m, v)
     ON CONFLICT (round_id, node_id) DO UPDATE SET ballots = excluded.ballots, abstentions = excluded.abstentions,
       plus = excluded.plus, minus = excluded.minus, version = excluded.version`,
    [
      ids,
      nodeId,
      parts.map((p) => p.ballots),
      parts.map((p) => p.abstentions),
      parts.map((p) => JSON.stringify(p.plus)),
      parts.map((p) => JSON.stringify(p.minus)),
      parts.map((p) => p.version),
    ],
  );
}
