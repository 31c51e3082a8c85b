/**
 * The connection lifecycle the three screens share (phone, console,
 * projector): a socket from an injected factory, "connecting" until the
 * first join and "reconnecting" after a drop, a fresh session:join on every
 * connect, and one cleanup that removes every listener and disconnects.
 */
import type { AppSocket } from './socket.ts';

export type Connection = 'connecting' | 'online' | 'reconnecting';

/** What every screen's store says about its connection. */
export interface SessionFields {
  assemblyId: string;
  connection: Connection;
  /** True once the first join succeeded. */
  joined: boolean;
}

/** The part of a store the session helper reads and writes. */
interface SessionStore {
  getState(): { joined: boolean };
  setState(partial: { connection: Connection }): void;
}

/** Makes a new socket; the browser passes createSocket, tests a fake. */
export type SocketFactory = () => AppSocket;

/** After the server closed the connection (it stops or restarts), the screen connects again this long later. */
export const SERVER_DISCONNECT_RETRY_MS = 1000;

/**
 * Wires the shared lifecycle on `socket`; `join` runs on every connect.
 * Returns the cleanup (listeners removed, the pending reconnect cancelled,
 * socket closed): after it nothing of this socket reaches the store, and
 * the socket does not come back by itself.
 */
export function runSession(socket: AppSocket, store: SessionStore, join: () => Promise<void>): () => void {
  let reconnect: ReturnType<typeof setTimeout> | null = null;
  // An event already on its way when the cleanup ran is dropped too.
  let ended = false;
  socket.on('connect', () => {
    if (ended) return;
    store.setState({ connection: store.getState().joined ? 'reconnecting' : 'connecting' });
    void join();
  });
  socket.on('disconnect', (reason) => {
    if (ended) return;
    store.setState({ connection: 'reconnecting' });
    // socket.io does not retry after a server-side disconnect, but a
    // restarting server comes back. The timer lives here, not in the socket
    // factory, so the cleanup cancels it: an ended session (a kiosk's last
    // visitor) must not reconnect.
    if (reason === 'io server disconnect' && !reconnect) {
      reconnect = setTimeout(() => {
        reconnect = null;
        socket.connect();
      }, SERVER_DISCONNECT_RETRY_MS);
    }
  });
  return () => {
    ended = true;
    if (reconnect) clearTimeout(reconnect);
    reconnect = null;
    socket.removeAllListeners();
    socket.disconnect();
  };
}

/** A session:join that got no answer is tried again after this long. */
export const JOIN_RETRY_MS = 1500;

/** A join refused as RATE_LIMITED is tried again after 1 s, doubling each time up to 30 s. */
export const JOIN_BACKOFF_MS = 1000;
export const JOIN_BACKOFF_MAX_MS = 30_000;

/**
 * How long to wait before the `attempt`-th retry (0 first) of a join the
 * server refused as RATE_LIMITED: 1 s doubling to 30 s, of which the
 * second half is random, so a hall of screens that were refused together
 * (one address behind the venue's NAT) do not all come back in the same
 * instant and get refused again.
 */
export function joinBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(JOIN_BACKOFF_MAX_MS, JOIN_BACKOFF_MS * 2 ** Math.max(0, attempt));
  return Math.round(base / 2 + (random() * base) / 2);
}
