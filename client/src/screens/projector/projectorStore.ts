/**
 * The projector's state as a framework-free store (zustand/vanilla): the
 * socket factory and the server's public URL are injected; store.ts binds
 * it to React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GroupsReply } from '../../lib/opinionGroups.ts';
import { JOIN_RETRY_MS, joinBackoffMs, runSession, type SessionFields, type SocketFactory } from '../../lib/session.ts';
import { ask, type AppSocket } from '../../lib/socket.ts';
import type { ScreenAssemblyView } from '../../../../shared/protocol/views.ts';
import { followScreenBroadcasts, initialStaffFields, screenFieldsOf, type StaffFields } from '../../lib/staffSession.ts';

/** A token-less screen: only what the room may see (docs/security.md). */
export interface ProjectorStore extends SessionFields, StaffFields<ScreenAssemblyView> {
  error: string | null;
  /** A join was refused as RATE_LIMITED and is tried again by itself after a back-off: the screen shows it calmly, not as an error. */
  retrying: boolean;
  /** The address phones use (the server's LAN address, not this browser's). */
  joinUrl: string;
}

export interface ProjectorDeps {
  connect: SocketFactory;
  /** The base URL phones use, when the server knows it (null: this page's origin). */
  publicUrl(): Promise<string | null>;
  /** This page's origin, the join URL until the server's is known. */
  origin: string;
  /** The back-off's jitter (tests pass a fixed one); Math.random by default. */
  random?: () => number;
}

const initialState = (assemblyId: string, origin: string): ProjectorStore => ({
  assemblyId,
  connection: 'connecting',
  joined: false,
  error: null,
  retrying: false,
  ...initialStaffFields(),
  joinUrl: assemblyId ? `${origin}/a/${assemblyId}` : '',
});

export type ProjectorStoreApi = StoreApi<ProjectorStore> & {
  /** Connects to one assembly; returns the cleanup. */
  start(assemblyId: string): () => void;
  /** The opinion groups of a round (computed on demand by the server). */
  fetchGroups(roundId: string): Promise<GroupsReply>;
};

export function createProjectorStore(deps: ProjectorDeps): ProjectorStoreApi {
  const store = createStore<ProjectorStore>()(() => initialState('', deps.origin));
  const { getState: get, setState: set } = store;
  let socket: AppSocket | null = null;
  /** Rate-limited joins in a row (the back-off's exponent) and the pending retry. */
  let refused = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const cancelRetry = () => {
    if (retry) clearTimeout(retry);
    retry = null;
  };

  async function join(): Promise<void> {
    cancelRetry(); // a reconnect joins at once: the pending retry would be a second join
    if (!socket?.connected) return;
    const asked = socket;
    const reply = await ask(asked, 'session:join', { assemblyId: get().assemblyId, role: 'screen' });
    if (socket !== asked) return; // stopped (or restarted) meanwhile
    if (!reply.ok) {
      if (reply.error.code === 'TIMEOUT') setTimeout(() => void join(), JOIN_RETRY_MS);
      else if (reply.error.code === 'RATE_LIMITED') {
        // A projector is unattended: a busy server is waited out, never shown as an error in the hall.
        set({ retrying: true, error: null });
        retry = setTimeout(() => void join(), joinBackoffMs(refused++, deps.random));
      } else if (reply.error.code !== 'OFFLINE') set({ error: reply.error.code, retrying: false }); // the screen words the code in its language
      return;
    }
    refused = 0;
    const staff = screenFieldsOf(reply.data.state);
    if (staff) set({ ...staff, joined: true, error: null, retrying: false, connection: 'online' });
  }

  return {
    ...store,
    start(assemblyId) {
      set(initialState(assemblyId, deps.origin), true);
      cancelRetry();
      refused = 0;
      let live = true;
      void deps.publicUrl().then((url) => {
        if (live && url) set({ joinUrl: `${url.replace(/\/+$/, '')}/a/${assemblyId}` });
      });
      const sock = deps.connect();
      socket = sock;
      followScreenBroadcasts(sock, store);
      const stop = runSession(sock, store, join);
      return () => {
        live = false;
        cancelRetry();
        stop();
        if (socket === sock) socket = null;
      };
    },
    async fetchGroups(roundId) {
      if (!socket) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected.' } };
      return ask(socket, 'groups:get', { roundId });
    },
  };
}
