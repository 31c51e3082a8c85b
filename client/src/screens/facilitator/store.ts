import { create } from 'zustand';
import type { DisplayMode } from '../../../../shared/protocol/schemas.ts';
import type { AssemblyView, SessionState, TallySnapshot, Turnout } from '../../../../shared/protocol/views.ts';
import { noteServerTime } from '../../lib/clock.ts';
import { ask, createSocket, type AckData, type AppSocket, type CommandInput, type CommandName } from '../../lib/socket.ts';
import { keys, load, save } from '../../lib/storage.ts';
import { rememberAssembly } from '../../lib/recentAssemblies.ts';

export type Connection = 'connecting' | 'online' | 'reconnecting';

export interface FacilitatorStore {
  assemblyId: string;
  token: string | null;
  connection: Connection;
  joined: boolean;
  authError: string | null;
  assembly: AssemblyView | null;
  snapshot: TallySnapshot | null;
  /** People joined and online, also before any round opens (turnout:updated). */
  turnout: Turnout | null;
  /** Bumped on every `codes:updated`; the codes panel reloads its list. */
  codesVersion: number;
  /** The draft round loaded into the setup form, if any. */
  editingRoundId: string | null;
  /** The round whose results the results panel shows (null: the current one). */
  viewedRoundId: string | null;
  setToken(token: string): void;
  editRound(roundId: string | null): void;
  viewRound(roundId: string | null): void;
}

let socket: AppSocket | null = null;

export const useFacilitatorStore = create<FacilitatorStore>()((set) => ({
  assemblyId: '',
  token: null,
  connection: 'connecting',
  joined: false,
  authError: null,
  assembly: null,
  snapshot: null,
  turnout: null,
  codesVersion: 0,
  editingRoundId: null,
  viewedRoundId: null,
  setToken(token) {
    const id = useFacilitatorStore.getState().assemblyId;
    save(keys.facilitatorToken(id), token);
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

const get = () => useFacilitatorStore.getState();
const set = (partial: Partial<FacilitatorStore>) => useFacilitatorStore.setState(partial);

/**
 * Runs a facilitator command; returns its data, or throws nothing and
 * returns the error message for the form to show inline.
 */
export async function command<E extends CommandName>(event: E, payload: CommandInput<E>): Promise<{ ok: true; data: AckData<E> } | { ok: false; code: string; message: string }> {
  if (!socket) return { ok: false, code: 'OFFLINE', message: 'Not connected.' };
  const reply = await ask(socket, event, payload);
  if (reply.ok) return reply;
  return { ok: false, code: reply.error.code, message: reply.error.message };
}

export function setDisplay(mode: DisplayMode) {
  return command('display:set', { mode });
}

async function join(): Promise<void> {
  const s = get();
  if (!socket?.connected) return;
  if (!s.token) {
    set({ authError: 'This page needs the facilitator link (it carries a secret token).' });
    return;
  }
  const reply = await ask(socket, 'session:join', { assemblyId: s.assemblyId, role: 'facilitator', token: s.token });
  if (!reply.ok) {
    if (reply.error.code === 'TIMEOUT') setTimeout(() => void join(), 1500);
    else if (reply.error.code !== 'OFFLINE') set({ authError: reply.error.message });
    return;
  }
  const state = reply.data.state as SessionState;
  if (state.role === 'voter') return;
  if (state.snapshot) noteServerTime(state.snapshot.at);
  set({ assembly: state.assembly, snapshot: state.snapshot, turnout: state.turnout ?? state.snapshot?.turnout ?? null, joined: true, authError: null, connection: 'online' });
  rememberAssembly(state.assembly.id, state.assembly.title);
}

/** Reads the token from the address bar's fragment, keeps it, and removes it from the address bar. */
function takeToken(assemblyId: string): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m?.[1]) {
    const token = decodeURIComponent(m[1]);
    save(keys.facilitatorToken(assemblyId), token);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return token;
  }
  return load<string>(keys.facilitatorToken(assemblyId));
}

export function startFacilitator(assemblyId: string): () => void {
  useFacilitatorStore.setState({
    assemblyId,
    token: takeToken(assemblyId),
    connection: 'connecting',
    joined: false,
    authError: null,
    assembly: null,
    snapshot: null,
    turnout: null,
    editingRoundId: null,
    viewedRoundId: null,
  });
  const sock = createSocket();
  socket = sock;
  sock.on('connect', () => {
    set({ connection: get().joined ? 'reconnecting' : 'connecting' });
    void join();
  });
  sock.on('disconnect', () => set({ connection: 'reconnecting' }));
  sock.on('assembly:updated', (assembly) => {
    const s = get();
    const patch: Partial<FacilitatorStore> = { assembly };
    if (s.editingRoundId && assembly.rounds.find((r) => r.id === s.editingRoundId)?.status !== 'draft') patch.editingRoundId = null;
    set(patch);
  });
  sock.on('tally:snapshot', (snapshot) => {
    noteServerTime(snapshot.at);
    set({ snapshot });
  });
  sock.on('display:updated', (display) => {
    const a = get().assembly;
    if (a) set({ assembly: { ...a, display } });
  });
  sock.on('turnout:updated', (turnout) => set({ turnout }));
  // Access cards used or revoked at the door: panels that list codes reload.
  sock.on('codes:updated', () => set({ codesVersion: get().codesVersion + 1 }));
  return () => {
    sock.removeAllListeners();
    sock.disconnect();
    if (socket === sock) socket = null;
  };
}
