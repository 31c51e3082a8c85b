import type { z } from 'zod';
import { errAck, okAck, type Ack, type ErrorCode } from '../../shared/protocol/errors.ts';
import type { ClientToServerEvents, SocketData } from '../../shared/protocol/events.ts';
import type { HubResult } from '../hub/context.ts';
import { describeZodError } from '../commands/parse.ts';
import type { IoSocket } from './types.ts';

type Role = NonNullable<SocketData['role']>;

/**
 * Registers one command: parse with its schema, check the role, run, ack.
 * Whatever a client sends, it gets exactly one ack (or nothing, if it sent
 * no callback), and an exception never escapes to crash the process.
 */
export function command<S extends z.ZodType, T>(
  socket: IoSocket,
  event: keyof ClientToServerEvents,
  schema: S,
  roles: readonly Role[] | 'any',
  run: (input: z.infer<S>, socket: IoSocket) => Promise<HubResult<T>> | HubResult<T>,
  guard?: (socket: IoSocket) => { code: ErrorCode; message: string } | null,
): void {
  socket.on(event, (async (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const reply = ack as (a: Ack<unknown>) => void;
    try {
      const blocked = guard?.(socket);
      if (blocked) return reply(errAck(blocked.code, blocked.message));
      if (roles !== 'any') {
        const role = socket.data.role;
        if (!role) return reply(errAck('NOT_JOINED', 'Join an assembly first (session:join).'));
        if (!roles.includes(role)) return reply(errAck('FORBIDDEN', `A ${role} cannot do this.`));
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return reply(errAck('BAD_REQUEST', describeZodError(parsed.error)));
      const result = await run(parsed.data, socket);
      reply(result.ok ? okAck(result.value) : errAck(result.code, result.message));
    } catch (e) {
      console.error(`${event} failed:`, e);
      reply(errAck('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
    }
  }) as never);
}
