import type { RoundRow } from '../types.ts';

/**
 * A round change that lost to another node's: e.g. two facilitators' close
 * (or a close and the deadline) on two nodes, an extend after a close, two
 * rounds opened at once. The round upsert refuses to move a round out of a
 * state the writer did not see (sql.saveRound's WHERE): the first commit
 * wins and the other write is turned down with this error, whose code the
 * command layer sends as the ack's error code.
 */
export class RoundConflictError extends Error {
  readonly code = 'ROUND_CONFLICT';
  constructor(row: RoundRow) {
    super(`Round ${row.seq} was changed by another command first (now not ${row.status === 'open' ? 'openable' : 'changeable'} this way); reload and try again.`);
  }
}
