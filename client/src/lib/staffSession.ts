/**
 * What the two staff screens (console and projector) share: the assembly,
 * the latest tally snapshot and turnout, filled by session:join and kept
 * current by the staff broadcasts.
 */
import type { AssemblyView, SessionState, TallySnapshot, Turnout } from '../../../shared/protocol/views.ts';
import { noteServerTime } from './clock.ts';
import type { AppSocket } from './socket.ts';

export interface StaffFields {
  assembly: AssemblyView | null;
  snapshot: TallySnapshot | null;
  /** People joined and online, also before any round opens (turnout:updated). */
  turnout: Turnout | null;
}

export const initialStaffFields = (): StaffFields => ({ assembly: null, snapshot: null, turnout: null });

/** The staff fields a successful join sets, or null for a voter's state. */
export function staffFieldsOf(state: SessionState): (StaffFields & { assembly: AssemblyView }) | null {
  if (state.role === 'voter') return null;
  if (state.snapshot) noteServerTime(state.snapshot.at);
  return { assembly: state.assembly, snapshot: state.snapshot, turnout: state.turnout ?? state.snapshot?.turnout ?? null };
}

interface StaffStore {
  getState(): StaffFields;
  setState(partial: Partial<StaffFields>): void;
}

/** Follows the staff broadcasts; `onAssembly` replaces the default (store the new view). */
export function followStaffBroadcasts(socket: AppSocket, store: StaffStore, onAssembly?: (assembly: AssemblyView) => void): void {
  socket.on('assembly:updated', (assembly) => (onAssembly ? onAssembly(assembly) : store.setState({ assembly })));
  socket.on('tally:snapshot', (snapshot) => {
    noteServerTime(snapshot.at);
    store.setState({ snapshot });
  });
  socket.on('display:updated', (display) => {
    const a = store.getState().assembly;
    if (a) store.setState({ assembly: { ...a, display } });
  });
  socket.on('turnout:updated', (turnout) => store.setState({ turnout }));
}
