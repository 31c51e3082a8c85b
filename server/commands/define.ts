/**
 * The shape of the server's command table. Each command is declared once
 * (server/commands/*.ts): who may send it, what it does in the hub and how
 * its result is shown, and its REST route where it has one. The payload
 * schema and the ack type come from the wire contract
 * (shared/protocol/commands.ts). Socket.IO registration
 * (server/realtime/commands.ts) and the Express router
 * (server/http/commands.ts) are generated from the table.
 */
import type { CommandName, CommandParsed, CommandReply } from '../../shared/protocol/commands.ts';
import type { Role, SessionState } from '../../shared/protocol/index.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult, type JoinPolicy } from '../hub/index.ts';

export type { Role };

/**
 * The socket's side of a session, for session:join and state:sync: joining
 * rooms and reading the role's state are the transport's business.
 */
export interface SessionPort {
  /** Binds the connection to an assembly and role (leaving any previous one); `staffId` for a staff link. */
  enter(a: AssemblyState, role: Role, participantId: string | null, staffId?: string | null): Promise<void>;
  /** What this role sees of the assembly now (`id`: the voter's participant or the staff link). */
  state(a: AssemblyState, role: Role, id: string | null): Promise<SessionState>;
  /** A staff link's session: the link's id (every staff command checks it is not revoked); null for other roles. */
  staffId(): string | null;
  /** Limits on new participants and code attempts for this connection (docs/security.md, "Limits"). */
  joinPolicy(a: AssemblyState): JoinPolicy & { codeWait(): number };
}

/** Who sent a command, as the transport established it. */
export interface Caller {
  role: Role | null;
  /** The caller's assembly: the socket's joined one, or the REST path's (token checked). */
  assembly: AssemblyState | null;
  participantId: string | null;
  /** Socket commands only. */
  session: SessionPort | null;
}

/** A REST route for a facilitator command: `/assemblies/:id` + `path`, bearer token checked first. */
export interface RestRoute<E extends CommandName> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Below `/assemblies/:id`, e.g. `/rounds/:rid/open` ('' for the assembly itself). */
  path: string;
  /** Path parameters that fill payload fields, e.g. `{ rid: 'roundId' }`. */
  params?: Record<string, keyof CommandParsed<E> & string>;
  /**
   * Where the JSON body goes: 'payload' (default) is the payload minus the
   * path's fields; a field name nests it (`patch`); 'none' ignores any body.
   */
  body?: 'payload' | 'none' | (keyof CommandParsed<E> & string);
  /** HTTP status on success (default 200). */
  status?: number;
}

export interface ServerCommand<E extends CommandName> {
  /** Roles allowed to send it on a socket; 'any' also allows a socket that has not joined. */
  roles: readonly Role[] | 'any';
  /** The hub call and the view mapping of its result. */
  run(input: CommandParsed<E>, caller: Caller, hub: HubContext): Reply<CommandReply<E>>;
  rest?: RestRoute<E>;
}

/** The whole table: tsc fails when a command of the wire contract has no entry here. */
export type CommandTable = { [E in CommandName]: ServerCommand<E> };

/** The roles of facilitator-only commands. */
export const only = ['facilitator'] as const;

export const assemblyGone = (): HubResult<never> => hubErr('NOT_FOUND', 'The assembly is gone.');

type Reply<T> = Promise<HubResult<T>> | HubResult<T>;

/** A facilitator command on the caller's assembly. */
export function onAssembly<I, T>(run: (input: I, a: AssemblyState, hub: HubContext, caller: Caller) => Reply<T>): (input: I, caller: Caller, hub: HubContext) => Reply<T> {
  return (input, caller, hub) => (caller.assembly ? run(input, caller.assembly, hub, caller) : assemblyGone());
}

/** A voter command: the caller's assembly and participant. */
export function asVoter<I, T>(
  run: (input: I, a: AssemblyState, participantId: string, hub: HubContext) => Reply<T>,
): (input: I, caller: Caller, hub: HubContext) => Reply<T> {
  return (input, caller, hub) => {
    if (!caller.assembly || !caller.participantId) return hubErr('NOT_JOINED', 'Join an assembly first.');
    // Every voter command, whatever it does: a revoked phone can do nothing (a socket may outlive the revocation).
    if (caller.assembly.revoked.has(caller.participantId)) return revokedErr();
    return run(input, caller.assembly, caller.participantId, hub);
  };
}

/** The answer to anything a revoked phone asks. */
export const revokedErr = (): HubResult<never> => hubErr('CODE_REVOKED', 'This phone’s access was withdrawn by the facilitator. Ask for a new code.');

/** Maps a hub result's value for the wire. */
export function mapResult<A, B>(r: HubResult<A>, f: (a: A) => B): HubResult<B> {
  return r.ok ? hubOk(f(r.value)) : r;
}
