import { create } from 'zustand';
import type { AssemblyView, SessionState, TallySnapshot, Turnout } from '../../../../shared/protocol/views.ts';
import { api } from '../../lib/api.ts';
import { noteServerTime } from '../../lib/clock.ts';
import type { GroupsReply } from '../../lib/opinionGroups.ts';
import { ask, createSocket, type AppSocket } from '../../lib/socket.ts';

export type Connection = 'connecting' | 'online' | 'reconnecting';

export interface ProjectorStore {
  assemblyId: string;
  connection: Connection;
  joined: boolean;
  error: string | null;
  assembly: AssemblyView | null;
  snapshot: TallySnapshot | null;
  /** People joined and online, also before any round opens (the join screen's "N joined"). */
  turnout: Turnout | null;
  /** The address phones use (the server's LAN address, not this browser's). */
  joinUrl: string;
}

let socket: AppSocket | null = null;

export const useProjectorStore = create<ProjectorStore>()(() => ({
  assemblyId: '',
  connection: 'connecting',
  joined: false,
  error: null,
  assembly: null,
  snapshot: null,
  turnout: null,
  joinUrl: '',
}));

const get = () => useProjectorStore.getState();
const set = (partial: Partial<ProjectorStore>) => useProjectorStore.setState(partial);

async function join(): Promise<void> {
  if (!socket?.connected) return;
  const reply = await ask(socket, 'session:join', { assemblyId: get().assemblyId, role: 'screen' });
  if (!reply.ok) {
    if (reply.error.code === 'TIMEOUT') setTimeout(() => void join(), 1500);
    else if (reply.error.code !== 'OFFLINE') set({ error: reply.error.message });
    return;
  }
  const state = reply.data.state as SessionState;
  if (state.role === 'voter') return;
  if (state.snapshot) noteServerTime(state.snapshot.at);
  set({ assembly: state.assembly, snapshot: state.snapshot, turnout: state.turnout ?? state.snapshot?.turnout ?? null, joined: true, error: null, connection: 'online' });
}

/** The opinion groups of a round (computed on demand by the server). */
export async function fetchGroups(roundId: string): Promise<GroupsReply> {
  if (!socket) return { ok: false, code: 'OFFLINE', message: 'Not connected.' };
  const reply = await ask(socket, 'groups:get', { roundId });
  return reply.ok ? reply : { ok: false, code: reply.error.code, message: reply.error.message };
}

export function startProjector(assemblyId: string): () => void {
  useProjectorStore.setState({
    assemblyId,
    connection: 'connecting',
    joined: false,
    error: null,
    assembly: null,
    snapshot: null,
    turnout: null,
    joinUrl: `${window.location.origin}/a/${assemblyId}`,
  });
  let live = true;
  void api.config().then((r) => {
    if (live && r.ok && r.data.publicUrl) set({ joinUrl: `${r.data.publicUrl.replace(/\/+$/, '')}/a/${assemblyId}` });
  });
  const sock = createSocket();
  socket = sock;
  sock.on('connect', () => {
    set({ connection: get().joined ? 'reconnecting' : 'connecting' });
    void join();
  });
  sock.on('disconnect', () => set({ connection: 'reconnecting' }));
  sock.on('assembly:updated', (assembly) => set({ assembly }));
  sock.on('tally:snapshot', (snapshot) => {
    noteServerTime(snapshot.at);
    set({ snapshot });
  });
  sock.on('display:updated', (display) => {
    const a = get().assembly;
    if (a) set({ assembly: { ...a, display } });
  });
  sock.on('turnout:updated', (turnout) => set({ turnout }));
  return () => {
    live = false;
    sock.removeAllListeners();
    sock.disconnect();
    if (socket === sock) socket = null;
  };
}
