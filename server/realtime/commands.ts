/**
 * Socket.IO registration generated from the command table: every command
 * is parsed with its schema, checked against its roles, run, and acked.
 * Whatever a client sends, it gets exactly one ack (or nothing, if it sent
 * no callback), and an exception never escapes to crash the process.
 */
import { COMMANDS, type CommandName } from '../../shared/protocol/commands.ts';
import { errAck, okAck, type Ack } from '../../shared/protocol/errors.ts';
import { COMMAND_TABLE, describeZodError, type Caller, type ServerCommand, type SessionPort } from '../commands/index.ts';
import type { HubContext } from '../hub/index.ts';
import type { IoSocket } from './types.ts';
import { storeErrorCode } from '../storeErrors.ts';

/** Runs one command from a socket: roles, schema, handler, exactly one ack. */
async function run<E extends CommandName>(hub: HubContext, socket: IoSocket, session: SessionPort, event: E, spec: ServerCommand<E>, payload: unknown, ack: unknown): Promise<void> {
  if (typeof ack !== 'function') return;
  const reply = ack as (a: Ack<unknown>) => void;
  try {
    const { role, assemblyId, participantId } = socket.data;
    if (spec.roles !== 'any') {
      if (!role) return reply(errAck('NOT_JOINED', 'Join an assembly first (session:join).'));
      if (!spec.roles.includes(role)) return reply(errAck('FORBIDDEN', `A ${role} cannot do this.`));
    }
    const parsed = COMMANDS[event].schema.safeParse(payload);
    if (!parsed.success) return reply(errAck('BAD_REQUEST', describeZodError(parsed.error)));
    const caller: Caller = { role, assembly: hub.assemblies.get(assemblyId ?? '') ?? null, participantId, session };
    const result = await spec.run(parsed.data as Parameters<ServerCommand<E>['run']>[0], caller, hub);
    reply(result.ok ? okAck(result.value) : errAck(result.code, result.message));
  } catch (e) {
    const coded = storeErrorCode(e);
    if (coded) return reply(errAck(coded.code, coded.message));
    console.error(`${event} failed:`, e);
    reply(errAck('INTERNAL', 'Something went wrong on the server; nothing was changed.'));
  }
}

/**
 * Serves every command of the table on a new socket, from one middleware
 * that runs after the rate limit. One function per socket rather than one
 * listener per command: 26 listeners cost each of 10,000 phones ~3 KB
 * (issue 16, RSS per idle voter; a heap snapshot showed them). Events that
 * are not commands go on to the socket's own listeners (e.g. none: a
 * client's unknown event gets no ack, as before).
 */
export function registerCommands(hub: HubContext, socket: IoSocket, session: SessionPort): void {
  socket.use((packet, next) => {
    const event = packet[0] as string;
    if (!Object.hasOwn(COMMAND_TABLE, event)) return next();
    const name = event as CommandName;
    void run(hub, socket, session, name, COMMAND_TABLE[name] as ServerCommand<typeof name>, packet[1], packet[2]);
  });
}
