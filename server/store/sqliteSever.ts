import type Database from 'better-sqlite3';
import type { SegmentBreakdown } from '../../shared/protocol/views.ts';
import type { Store } from './types.ts';

/** The round named @r is stored as closed. */
const CLOSED = `EXISTS (SELECT 1 FROM rounds WHERE id = @r AND status = 'closed')`;

/**
 * The SQLite store's `severRound` and `loadBreakdown` (types.ts; docs/security.md,
 * "The data file"): every statement acts only once the round is stored closed.
 * `write` and `read` are the store's group-commit queue and its read.
 */
export function sqliteSever(
  db: Database.Database,
  write: (run: () => void) => Promise<void>,
  read: <T>(run: () => T) => Promise<T>,
  file: string,
): Pick<Store, 'severRound' | 'loadBreakdown'> {
  let st: ReturnType<typeof prepare> | null = null;
  const prepare = () => ({
    sealBallots: db.prepare(
      `INSERT INTO ballots (round_id, participant_id, ballot_id, plus, minus, seq, at)
       SELECT @r, printf('sealed:%09d', row_number() OVER (ORDER BY p, m)), '', p, m, 0, 0 FROM (
         SELECT (SELECT json_group_array(value ORDER BY value) FROM json_each(b.plus)) AS p,
                (SELECT json_group_array(value ORDER BY value) FROM json_each(b.minus)) AS m
         FROM ballots b
         WHERE b.round_id = @r AND b.participant_id NOT LIKE 'sealed:%' AND ${CLOSED})`,
    ),
    dropLinkedBallots: db.prepare(`DELETE FROM ballots WHERE round_id = @r AND participant_id NOT LIKE 'sealed:%' AND ${CLOSED}`),
    dropHistory: db.prepare(`DELETE FROM ballot_history WHERE round_id = @r AND ${CLOSED}`),
    saveBreakdown: db.prepare(
      `INSERT INTO round_breakdowns (round_id, data) SELECT @r, @data WHERE ${CLOSED}
       ON CONFLICT(round_id) DO UPDATE SET data = excluded.data`,
    ),
    loadBreakdown: db.prepare(`SELECT data FROM round_breakdowns WHERE round_id = ?`).pluck(),
  });
  return {
    async severRound(roundId, breakdown) {
      await write(() => {
        const s = (st ??= prepare());
        // Deleted rows are overwritten in the file, not just unlinked.
        db.pragma('secure_delete = ON');
        s.saveBreakdown.run({ r: roundId, data: JSON.stringify(breakdown) });
        s.sealBallots.run({ r: roundId });
        s.dropLinkedBallots.run({ r: roundId });
        s.dropHistory.run({ r: roundId });
        db.pragma('secure_delete = OFF');
      });
      // The WAL still holds the pages as they were: write them back and empty it (once per close).
      if (file !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)');
    },
    loadBreakdown: (roundId) =>
      read(() => {
        const data = (st ??= prepare()).loadBreakdown.get(roundId) as string | undefined;
        return data === undefined ? null : (JSON.parse(data) as SegmentBreakdown[]);
      }),
  };
}
