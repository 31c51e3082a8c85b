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
  staff: (assemblyId: string) => `a:${assemblyId}:staff`,
  /** Facilitator consoles only (a subset of staff): a hidden round's live results go here alone. */
  facilitators: (assemblyId: string) => `a:${assemblyId}:facilitators`,
  voters: (assemblyId: string) => `a:${assemblyId}:voters`,
  /** Every socket of one participant (several tabs, a reconnect). */
  participant: (participantId: string) => `p:${participantId}`,
};
