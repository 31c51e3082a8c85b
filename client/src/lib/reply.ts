import type { ErrorBody } from '../../../shared/protocol/errors.ts';

/** Failures that never reach the server: no connection, no ack in time, no HTTP answer. */
export interface ClientError {
  code: 'OFFLINE' | 'TIMEOUT' | 'NETWORK';
  message: string;
}

/** The client's one reply shape: the server's ack (or REST body), or a failure on the way. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody | ClientError };
