/**
 * The projector's state as a framework-free store (zustand/vanilla): the
 * socket factory and the server's public URL are injected; store.ts binds
 * it to React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GroupsReply } from '../../lib/opinionGroups.ts';
import { JOIN_RETRY_MS, runSession, type SessionFields, type SocketFactory } from '../../lib/session.ts';
import { ask, type AppSocket } from '../../lib/socket.ts';
import type { ScreenAssemblyView } from '../../../../shared/protocol/views.ts';
import { followScreenBroadcasts, initialStaffFields, screenFieldsOf, type StaffFields } from '../../lib/staffSession.ts';

/** A token-less screen: only what the room may see (docs/security.md). */
export interface ProjectorStore extends SessionFields, StaffFields<ScreenAssemblyView> {
  error: string | null;
  /** The address phones use (the server's LAN address, not this browser's). */
  joinUrl: string;
}

export interface ProjectorDeps {
  connect: SocketFactory;
  /** The base URL phones use, when the server knows it (null: this page's origin). */
  publicUrl(): Promise<string | null>;
  /** This page's origin, the join URL until the server's is known. */
  origin: string;
}

const initialState = (assemblyId: string, origin: string): ProjectorStore => ({
  assemblyId,
  connection: 'connecting',
  joined: false,
  error: null,
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

  async function join(): Promise<void> {
    if (!socket?.connected) return;
    const reply = await ask(socket, 'session:join', { assemblyId: get().assemblyId, role: 'screen' });
    if (!reply.ok) {
      if (reply.error.code === 'TIMEOUT') setTimeout(() => void join(), JOIN_RETRY_MS);
      else if (reply.error.code !== 'OFFLINE') set({ error: reply.error.code }); // the screen words the code in its language
      return;
    }
    const staff = screenFieldsOf(reply.data.state);
    if (staff) set({ ...staff, joined: true, error: null, connection: 'online' });
  }

  return {
    ...store,
    start(assemblyId) {
      set(initialState(assemblyId, deps.origin), true);
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
