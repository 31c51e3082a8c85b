import type Database from 'better-sqlite3';
import { readInPages } from './pages.ts';
import { ballotTuple } from './rows.ts';
import type { Store } from './types.ts';

/** The ballot part of the Store interface. */
export type BallotStore = Pick<Store, 'saveBallot' | 'getReceipt' | 'ballotIds' | 'loadBallots' | 'getBallot' | 'countRound' | 'deleteBallot' | 'countBallots'>;

const COLUMNS = 'round_id, participant_id, ballot_id, plus, minus, seq, at';

/**
 * The voter's chain of ballots in a round, newest first: the current one
 * (in `ballots`), then each one it replaced. A ballot replaced by the
 * ballot numbered `seq` is kept in `ballot_history` under
 * (round_id, replaced_by = seq), so the chain is walked by primary key and
 * every insert into the history lands at the end of its B-tree (sequence
 * numbers grow in commit order): keeping receipts costs one appended row,
 * not a write into a random page of a table that grows with every change.
 */
const CHAIN = `WITH RECURSIVE chain(${COLUMNS}, depth) AS (
    SELECT ${COLUMNS}, 0 FROM ballots WHERE round_id = @r AND participant_id = @p
    UNION ALL
    SELECT h.round_id, h.participant_id, h.ballot_id, h.plus, h.minus, h.seq, h.at, c.depth + 1
    FROM ballot_history h JOIN chain c ON h.round_id = c.round_id AND h.replaced_by = c.seq AND h.participant_id = c.participant_id
  )`;

function prepare(db: Database.Database) {
  return {
    saveBallot: db.prepare(
      `INSERT INTO ballots (${COLUMNS})
       VALUES (@roundId, @participantId, @ballotId, @plus, @minus, @seq, @at)
       ON CONFLICT(round_id, participant_id) DO UPDATE SET ballot_id=excluded.ballot_id,
         plus=excluded.plus, minus=excluded.minus, seq=excluded.seq, at=excluded.at`,
    ),
    // The ballot being replaced, kept under its id (same transaction as the replacement).
    archiveBallot: db.prepare(
      `INSERT INTO ballot_history (round_id, replaced_by, participant_id, ballot_id, plus, minus, seq, at)
       SELECT round_id, @seq, participant_id, ballot_id, plus, minus, seq, at FROM ballots
       WHERE round_id = @roundId AND participant_id = @participantId AND ballot_id <> @ballotId`,
    ),
    getReceipt: db.prepare(`${CHAIN} SELECT ${COLUMNS} FROM chain WHERE ballot_id = @b LIMIT 1`).raw(true),
    ballotIds: db.prepare(`${CHAIN} SELECT ballot_id FROM chain WHERE depth > 0`).pluck(true),
    deleteBallot: db.prepare(`DELETE FROM ballots WHERE round_id = ? AND participant_id = ?`),
    loadBallots: db.prepare(`SELECT ${COLUMNS} FROM ballots WHERE round_id = ? AND participant_id > ? ORDER BY participant_id LIMIT ?`).raw(true),
    getBallot: db.prepare(`SELECT ${COLUMNS} FROM ballots WHERE round_id = ? AND participant_id = ?`).raw(true),
    // Aggregated inside SQLite: a million ballots are counted without
    // building a million JavaScript objects.
    roundTotals: db.prepare(
      `SELECT count(*) AS ballots, coalesce(sum(plus = '[]' AND minus = '[]'), 0) AS abstentions, coalesce(max(seq), 0) AS maxSeq
       FROM ballots WHERE round_id = ?`,
    ),
    // A revoked voter's deleted ballot may have held the highest number; numbers in the history are never handed out again.
    historyMaxSeq: db.prepare(`SELECT coalesce(max(replaced_by), 0) FROM ballot_history WHERE round_id = ?`).pluck(true),
    plusCounts: db.prepare(`SELECT j.value AS id, count(*) AS n FROM ballots b, json_each(b.plus) j WHERE b.round_id = ? GROUP BY j.value`).raw(true),
    minusCounts: db.prepare(`SELECT j.value AS id, count(*) AS n FROM ballots b, json_each(b.minus) j WHERE b.round_id = ? GROUP BY j.value`).raw(true),
    countBallots: db.prepare(`SELECT count(*) AS n FROM ballots WHERE round_id = ?`),
  };
}

/** Runs a synchronous read now (without waiting for queued writes), as a promise. */
function now<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * SQLite's ballot statements. `write` queues a write into the next group
 * commit; `read` first commits what is queued. Statements are prepared on
 * first use (after migrations).
 */
export function sqliteBallotStore(db: Database.Database, write: (run: () => void) => Promise<void>, read: <T>(run: () => T) => Promise<T>): BallotStore {
  let s: ReturnType<typeof prepare> | null = null;
  const st = () => (s ??= prepare(db));
  return {
    saveBallot: (row) =>
      write(() => {
        st().archiveBallot.run({ roundId: row.roundId, participantId: row.participantId, ballotId: row.ballotId, seq: row.seq });
        st().saveBallot.run({ ...row, plus: JSON.stringify(row.plus), minus: JSON.stringify(row.minus) });
      }),
    getReceipt: (roundId, participantId, ballotId) =>
      now(() => {
        const r = st().getReceipt.get({ r: roundId, p: participantId, b: ballotId }) as unknown[] | undefined;
        return r ? ballotTuple(r) : null;
      }),
    ballotIds: (roundId, participantId) => now(() => st().ballotIds.all({ r: roundId, p: participantId }) as string[]),
    // In pages, yielding between them: a bulk read must not hold the event loop (issue 15).
    loadBallots: (roundId) => readInPages((after, n) => read(() => (st().loadBallots.all(roundId, after, n) as unknown[][]).map(ballotTuple)), (b) => b.participantId),
    getBallot: (roundId, participantId) =>
      now(() => {
        const r = st().getBallot.get(roundId, participantId) as unknown[] | undefined;
        return r ? ballotTuple(r) : null;
      }),
    countRound: (roundId) =>
      read(() => {
        const totals = st().roundTotals.get(roundId) as { ballots: number; abstentions: number; maxSeq: number };
        const asRecord = (rows: unknown[][]) => Object.fromEntries(rows.map((r) => [r[0] as string, r[1] as number]));
        return {
          ...totals,
          maxSeq: Math.max(totals.maxSeq, st().historyMaxSeq.get(roundId) as number),
          plus: asRecord(st().plusCounts.all(roundId) as unknown[][]),
          minus: asRecord(st().minusCounts.all(roundId) as unknown[][]),
        };
      }),
    deleteBallot: (roundId, participantId) => write(() => st().deleteBallot.run(roundId, participantId)),
    countBallots: (roundId) => read(() => (st().countBallots.get(roundId) as { n: number }).n),
  };
}
