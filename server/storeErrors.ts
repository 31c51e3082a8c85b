import { HTTP_STATUS, type ErrorCode } from '../shared/protocol/errors.ts';

/**
 * The stable error code a store error carries, if any: the PostgreSQL store
 * turns down a ballot whose round closed on another node (ROUND_NOT_OPEN)
 * and a round change that lost to another node's (ROUND_CONFLICT). The
 * command layer and the REST error handler send that code instead of
 * INTERNAL, with the error's message.
 */
export function storeErrorCode(e: unknown): { code: ErrorCode; message: string } | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code in HTTP_STATUS) || !(e instanceof Error)) return null;
  return { code: code as ErrorCode, message: e.message };
}
