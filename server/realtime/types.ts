import type { Server, Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/protocol/events.ts';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const rooms = {
  all: (assemblyId: string) => `a:${assemblyId}`,
  /** Facilitator consoles: everything about the assembly. */
  facilitators: (assemblyId: string) => `a:${assemblyId}:facilitators`,
  /** Token-less screens: only what the projector shows (docs/security.md). */
  screens: (assemblyId: string) => `a:${assemblyId}:screens`,
  voters: (assemblyId: string) => `a:${assemblyId}:voters`,
  /** Staff links' entry screens: the round to key for (never tallies). */
  entry: (assemblyId: string) => `a:${assemblyId}:entry`,
  /** Every socket of one staff link: revoking it closes them. */
  staffLink: (staffId: string) => `s:${staffId}`,
  /** Every socket of one participant (several tabs, a reconnect). */
  participant: (participantId: string) => `p:${participantId}`,
};
