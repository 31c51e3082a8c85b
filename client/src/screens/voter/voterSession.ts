/**
 * One start()…stop() of the voter store (voterStore.ts): its socket, its
 * storage, whether it is still live, and timers that die with it. A kiosk's
 * "Start over" ends one and starts the next; nothing of the ended one may
 * reach the next (tests/unit/voter-session.test.ts).
 */
import type { AppSocket } from '../../lib/socket.ts';
import type { KeyValueStorage } from '../../lib/storage.ts';

/**
 * One start()…stop() of the voter store: the socket and the storage it
 * was given, whether it is still live, and timers that die with it. Every
 * asynchronous step (an ack, a socket event, a timer) checks `live()`
 * before it touches the store, the storage or the server: an ended
 * session's late callbacks do nothing.
 */
export interface VoterSession {
  readonly socket: AppSocket;
  readonly storage: KeyValueStorage;
  /** False from the moment the session ends (stop, or a kiosk's forgetVisitor): never true again. */
  live(): boolean;
  /** `fn` after `ms`, unless the session has ended by then (the timer is cancelled when it ends). */
  later(ms: number, fn: () => void): void;
}

/** The store's own view of a session: what the join sees, plus what only the store needs. */
export interface Session extends VoterSession {
  /** 1, 2, …: which session this is (a screen tells one visitor's state from the next's). */
  readonly id: number;
  /** A resend is scheduled (one at a time). */
  retrying: boolean;
  /** Cancels the timers, runs the cleanup given at open (listeners off, socket closed); not live afterwards. Idempotent. */
  end(): void;
}

/**
 * A live session on `socket` and `storage`. `wire` attaches the listeners
 * and returns their cleanup, run once when the session ends; `onEnd` lets
 * the store forget it.
 */
export function openSession(id: number, socket: AppSocket, storage: KeyValueStorage, wire: (ses: Session) => () => void, onEnd: (ses: Session) => void): Session {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let ended = false;
  let cleanup: () => void = () => {};
  const ses: Session = {
    id,
    socket,
    storage,
    retrying: false,
    live: () => !ended,
    later(ms, fn) {
      if (ended) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!ended) fn();
      }, ms);
      timers.add(timer);
    },
    end() {
      if (ended) return;
      ended = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      cleanup(); // listeners off, socket closed: the server hears nothing more from this session
      onEnd(ses);
    },
  };
  cleanup = wire(ses);
  return ses;
}
