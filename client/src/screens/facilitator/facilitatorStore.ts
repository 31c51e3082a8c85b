/**
 * The facilitator console's state as a framework-free store
 * (zustand/vanilla): the socket factory, the storage for the token and the
 * "recent assemblies" list are injected; store.ts binds it to React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AssemblyView, SecurityReport } from '../../../../shared/protocol/views.ts';
import type { Reply } from '../../lib/reply.ts';
import { JOIN_RETRY_MS, runSession, type SessionFields, type SocketFactory } from '../../lib/session.ts';
import { ask, type AckData, type AppSocket, type CommandInput, type CommandName } from '../../lib/socket.ts';
import { followStaffBroadcasts, initialStaffFields, staffFieldsOf, type StaffFields } from '../../lib/staffSession.ts';
import { keys, type KeyValueStorage } from '../../lib/storage.ts';
import { errorText } from '../../i18n/errors.ts';
import { t } from '../../i18n/i18n.ts';

export interface FacilitatorStore extends SessionFields, StaffFields {
  token: string | null;
  authError: string | null;
  /** Joins per address and failed code attempts (security:updated). */
  security: SecurityReport | null;
  /** Bumped on every `codes:updated`; the codes panel reloads its list. */
  codesVersion: number;
  /** Bumped on every `paper:updated`; the paper ballots panel reloads its queue. */
  paperVersion: number;
  /** The draft round loaded into the setup form, if any. */
  editingRoundId: string | null;
  /** The round whose results the results panel shows (null: the current one). */
  viewedRoundId: string | null;
  setToken(token: string): void;
  editRound(roundId: string | null): void;
  viewRound(roundId: string | null): void;
}

export interface FacilitatorDeps {
  connect: SocketFactory;
  storage: KeyValueStorage;
  /** Remembers an assembly this browser facilitates (the home page lists them). */
  remember(assemblyId: string, title: string): void;
}

type Data = Omit<FacilitatorStore, 'setToken' | 'editRound' | 'viewRound'>;

const initialData = (assemblyId: string, token: string | null): Data => ({
  assemblyId,
  token,
  connection: 'connecting',
  joined: false,
  authError: null,
  ...initialStaffFields(),
  security: null,
  codesVersion: 0,
  paperVersion: 0,
  editingRoundId: null,
  viewedRoundId: null,
});

export type FacilitatorStoreApi = StoreApi<FacilitatorStore> & {
  /** Connects to one assembly with the token (from the link or storage); returns the cleanup. */
  start(assemblyId: string, token: string | null): () => void;
  /** Runs a facilitator command: its data, or the error for the form to show inline. */
  command<E extends CommandName>(event: E, payload: CommandInput<E>): Promise<Reply<AckData<E>>>;
};

export function createFacilitatorStore(deps: FacilitatorDeps): FacilitatorStoreApi {
  let socket: AppSocket | null = null;

  const store = createStore<FacilitatorStore>()((set, get) => ({
    ...initialData('', null),
    setToken(token) {
      deps.storage.save(keys.facilitatorToken(get().assemblyId), token);
      set({ token, authError: null });
      void join();
    },
    editRound(roundId) {
      set({ editingRoundId: roundId });
    },
    viewRound(roundId) {
      set({ viewedRoundId: roundId });
    },
  }));
  const { getState: get, setState: set } = store;

  async function join(): Promise<void> {
    const s = get();
    if (!socket?.connected) return;
    if (!s.token) {
      set({ authError: t('console.token.needed') });
      return;
    }
    const reply = await ask(socket, 'session:join', { assemblyId: s.assemblyId, role: 'facilitator', token: s.token });
    if (!reply.ok) {
      if (reply.error.code === 'TIMEOUT') setTimeout(() => void join(), JOIN_RETRY_MS);
      else if (reply.error.code !== 'OFFLINE') set({ authError: errorText(reply.error) });
      return;
    }
    const staff = staffFieldsOf(reply.data.state);
    if (!staff) return;
    set({ ...staff, joined: true, authError: null, connection: 'online' });
    deps.remember(staff.assembly.id, staff.assembly.title);
  }

  /** A round leaves the setup form once it is no longer a draft. */
  function assemblyUpdated(assembly: AssemblyView): void {
    const s = get();
    const patch: Partial<FacilitatorStore> = { assembly };
    if (s.editingRoundId && assembly.rounds.find((r) => r.id === s.editingRoundId)?.status !== 'draft') patch.editingRoundId = null;
    set(patch);
  }

  return {
    ...store,
    start(assemblyId, token) {
      set(initialData(assemblyId, token));
      const sock = deps.connect();
      socket = sock;
      followStaffBroadcasts(sock, store, assemblyUpdated);
      // Access cards used or revoked at the door: panels that list codes reload.
      sock.on('codes:updated', () => set({ codesVersion: get().codesVersion + 1 }));
      sock.on('security:updated', (security) => set({ security }));
      sock.on('paper:updated', () => set({ paperVersion: get().paperVersion + 1 }));
      const stop = runSession(sock, store, join);
      return () => {
        stop();
        if (socket === sock) socket = null;
      };
    },
    async command(event, payload) {
      if (!socket) return { ok: false, error: { code: 'OFFLINE', message: errorText({ code: 'OFFLINE' }) } };
      const reply = await ask(socket, event, payload);
      // Forms show the message: in the console's language, from the stable code (the server's English one is for API users).
      return reply.ok ? reply : { ok: false, error: { ...reply.error, message: errorText(reply.error) } };
    },
  };
}
