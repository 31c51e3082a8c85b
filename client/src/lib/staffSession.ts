/**
 * What the two staff screens (console and projector) share: the assembly,
 * the latest tally snapshot and turnout, filled by session:join and kept
 * current by the broadcasts. The console gets the whole assembly
 * (`assembly:updated`, `proposal:updated` deltas); a token-less projector
 * only what the room may see (`screen:updated`; docs/security.md).
 */
import type { AssemblyView, ScreenAssemblyView, SessionState, TallySnapshot, Turnout } from '../../../shared/protocol/views.ts';
import { noteServerTime } from './clock.ts';
import type { AppSocket } from './socket.ts';

export interface StaffFields<A extends AssemblyView | ScreenAssemblyView = AssemblyView> {
  assembly: A | null;
  snapshot: TallySnapshot | null;
  /** People joined and online, also before any round opens (turnout:updated). */
  turnout: Turnout | null;
}

export const initialStaffFields = (): StaffFields<never> => ({ assembly: null, snapshot: null, turnout: null });

function common(state: { snapshot: TallySnapshot | null; turnout: Turnout }) {
  if (state.snapshot) noteServerTime(state.snapshot.at);
  return { snapshot: state.snapshot, turnout: state.turnout ?? state.snapshot?.turnout ?? null };
}

/** The console's fields a successful join sets, or null for another role's state. */
export function staffFieldsOf(state: SessionState): (StaffFields & { assembly: AssemblyView }) | null {
  return state.role === 'facilitator' ? { assembly: state.assembly, ...common(state) } : null;
}

/** The projector's fields a successful join sets, or null for another role's state. */
export function screenFieldsOf(state: SessionState): (StaffFields<ScreenAssemblyView> & { assembly: ScreenAssemblyView }) | null {
  return state.role === 'screen' ? { assembly: state.assembly, ...common(state) } : null;
}

interface StaffStore<A extends AssemblyView | ScreenAssemblyView> {
  getState(): StaffFields<A>;
  setState(partial: Partial<StaffFields<A>>): void;
}

function followTally<A extends AssemblyView | ScreenAssemblyView>(socket: AppSocket, store: StaffStore<A>): void {
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

/** The console's broadcasts; `onAssembly` replaces the default (store the new view). */
export function followStaffBroadcasts(socket: AppSocket, store: StaffStore<AssemblyView>, onAssembly?: (assembly: AssemblyView) => void): void {
  socket.on('assembly:updated', (assembly) => (onAssembly ? onAssembly(assembly) : store.setState({ assembly })));
  // One proposal changed (a phone's submission, moderation): merge the delta.
  socket.on('proposal:updated', (proposal) => {
    const a = store.getState().assembly;
    if (!a) return;
    const others = a.proposals.filter((p) => p.id !== proposal.id);
    store.setState({ assembly: { ...a, proposals: [...others, proposal].sort((x, y) => x.position - y.position) } });
  });
  followTally(socket, store);
}

/** The projector's broadcasts: only what the room may see. */
export function followScreenBroadcasts(socket: AppSocket, store: StaffStore<ScreenAssemblyView>): void {
  socket.on('screen:updated', (assembly) => store.setState({ assembly }));
  followTally(socket, store);
}
