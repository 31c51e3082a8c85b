import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../../shared/protocol/errors.ts';
import type { Reply } from './reply.ts';
import type { CommandInput, CommandName, CommandReply } from '../../../shared/protocol/commands.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol/events.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type { CommandInput, CommandName };

/** The data a command's successful ack carries. */
export type AckData<E extends CommandName> = CommandReply<E>;

export type { ClientError, Reply } from './reply.ts';

/** The one io() call: websocket first (no long-poll start on phones), polling as the fallback. */
export function createSocket(): AppSocket {
  const socket: AppSocket = io({
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    randomizationFactor: 0.4,
    timeout: 8000,
  });
  // The reconnect after a server-side disconnect (a restarting server) is
  // runSession's (lib/session.ts), whose cleanup can cancel it.
  return socket;
}

/**
 * Sends a command and waits for its ack. A command is never buffered while
 * offline (it would run later, unexpectedly): it fails at once with OFFLINE.
 */
export async function ask<E extends CommandName>(
  socket: AppSocket,
  event: E,
  payload: CommandInput<E>,
  timeoutMs = 10_000,
): Promise<Reply<AckData<E>>> {
  if (!socket.connected) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected to the server. Reconnecting…' } };
  try {
    // One generic call for every event: the event map types `payload` per event above.
    const reply = (await socket.timeout(timeoutMs).emitWithAck(event as 'state:sync', payload as CommandInput<'state:sync'>)) as Ack<AckData<E>>;
    return reply;
  } catch {
    return { ok: false, error: { code: 'TIMEOUT', message: 'The server did not answer in time.' } };
  }
}
