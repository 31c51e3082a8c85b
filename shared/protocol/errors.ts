import type { BallotError } from '../domain/ballot.ts';

/**
 * Stable error codes. Clients, tests and scripts match on these; messages
 * are for humans and may change.
 */
export type ErrorCode =
  | BallotError
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_JOINED'
  | 'INVALID_RULES'
  | 'ROUND_NOT_OPEN'
  | 'ROUND_NOT_DRAFT'
  | 'ROUND_CONFLICT'
  | 'ROUND_CLOSED'
  | 'PROPOSALS_NOT_APPROVED'
  | 'PROPOSAL_FROZEN'
  | 'BALLOT_LOCKED'
  | 'RESULTS_HIDDEN'
  | 'TIE_AT_CUT'
  | 'CODE_REQUIRED'
  | 'CODE_INVALID'
  | 'CODE_USED'
  | 'CODE_REVOKED'
  | 'SUBMISSION_LIMIT'
  | 'LINK_REVOKED'
  | 'SERIAL_KEYED'
  | 'SERIAL_COMPLETE'
  | 'SERIAL_DECIDED'
  | 'CODE_OTHER_CHANNEL'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'INTERNAL';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** Every command's acknowledgement (architecture.md). */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const okAck = <T>(data: T): Ack<T> => ({ ok: true, data });
export const errAck = (code: ErrorCode, message: string): Ack<never> => ({ ok: false, error: { code, message } });

/** HTTP status for each error code, for the REST API. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  TOO_MANY_PLUS: 422,
  TOO_MANY_MINUS: 422,
  MINUS_NEEDS_PLUS: 422,
  UNKNOWN_OPTION: 422,
  DUPLICATE_OPTION: 422,
  PLUS_AND_MINUS: 422,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_JOINED: 401,
  INVALID_RULES: 422,
  ROUND_NOT_OPEN: 409,
  ROUND_NOT_DRAFT: 409,
  ROUND_CONFLICT: 409,
  ROUND_CLOSED: 409,
  PROPOSALS_NOT_APPROVED: 409,
  PROPOSAL_FROZEN: 409,
  BALLOT_LOCKED: 409,
  RESULTS_HIDDEN: 403,
  TIE_AT_CUT: 409,
  CODE_REQUIRED: 401,
  CODE_INVALID: 401,
  CODE_USED: 409,
  CODE_REVOKED: 401,
  SUBMISSION_LIMIT: 409,
  LINK_REVOKED: 401,
  SERIAL_KEYED: 409,
  SERIAL_COMPLETE: 409,
  SERIAL_DECIDED: 409,
  CODE_OTHER_CHANNEL: 409,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  INTERNAL: 500,
};
