import type { Request, Response } from 'express';
import type { z } from 'zod';
import { HTTP_STATUS, type ErrorCode } from '../../shared/protocol/errors.ts';
import type { HubResult } from '../hub/context.ts';
import { describeZodError } from '../commands/parse.ts';

/** REST replies use the same envelope as socket acks: { ok, data } or { ok, error }. */
export function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(HTTP_STATUS[code]).json({ ok: false, error: { code, message } });
}

export function send<T>(res: Response, result: HubResult<T>, status = 200): void {
  if (result.ok) res.status(status).json({ ok: true, data: result.value });
  else sendError(res, result.code, result.message);
}

/** Parses a body with a schema; on failure answers 400 and returns null. */
export function body<S extends z.ZodType>(req: Request, res: Response, schema: S): z.infer<S> | null {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  sendError(res, 'BAD_REQUEST', describeZodError(parsed.error));
  return null;
}

/** The bearer token of a request, if any. */
export function bearer(req: Request): string | undefined {
  const h = req.get('authorization');
  const m = h && /^Bearer\s+(.+)$/i.exec(h);
  return m ? m[1]!.trim() : undefined;
}
