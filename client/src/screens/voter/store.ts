import { create } from 'zustand';
import type { DisplayMode } from '../../../../shared/protocol/schemas.ts';
import type { BallotReceipt, SessionState, VoterAssemblyView, VoterRoundView, VoterState } from '../../../../shared/protocol/views.ts';
import { newBallotId } from '../../lib/ids.ts';
import { ask, createSocket, type AppSocket } from '../../lib/socket.ts';
import { keys, load, save } from '../../lib/storage.ts';
import { api } from '../../lib/api.ts';
import { ballotProblem, emptyDraft, forbidReason, sameBallot, toggled, type Draft, type Vote } from './ballotLogic.ts';

export type Connection = 'connecting' | 'online' | 'reconnecting';

/** A ballot sent but not yet acknowledged: resent with the same id after a drop. */
export interface Pending extends Draft {
  ballotId: string;
}

/** What survives a reload or a phone lock, per assembly. */
interface Saved {
  roundId: string;
  draft: Draft;
  pending: Pending | null;
}

export interface VoterStore {
  assemblyId: string;
  connection: Connection;
  /** True once the first join succeeded. */
  joined: boolean;
  joinError: { code: string; message: string } | null;
  assembly: VoterAssemblyView | null;
  current: VoterRoundView | null;
  display: DisplayMode;
  myBallot: BallotReceipt | null;
  draft: Draft;
  pending: Pending | null;
  sending: boolean;
  /** The server refused the last ballot: its message. */
  sendError: string | null;
  /** Last action, for the screen reader's live region. */
  notice: string;
  toggle(id: string, kind: Vote): void;
  submit(): void;
  joinWithCode(code: string): void;
}

let socket: AppSocket | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let code: string | null = null;

export const useVoterStore = create<VoterStore>()((set, get) => ({
  assemblyId: '',
  connection: 'connecting',
  joined: false,
  joinError: null,
  assembly: null,
  current: null,
  display: 'join',
  myBallot: null,
  draft: emptyDraft(),
  pending: null,
  sending: false,
  sendError: null,
  notice: '',

  toggle(id, kind) {
    const s = get();
    const round = s.current?.round;
    if (!round || round.status !== 'open' || (round.lockBallots && s.myBallot)) return;
    if (forbidReason(s.draft, id, kind, round.rules)) return;
    const was = s.draft[kind].includes(id);
    const draft = toggled(s.draft, id, kind);
    const title = s.current?.proposals.find((p) => p.id === id)?.title ?? 'proposal';
    const left = kind === 'plus' ? round.rules.plus - draft.plus.length : round.rules.minus - draft.minus.length;
    set({
      draft,
      sendError: null,
      notice: `${was ? 'Took back the' : 'Gave a'} ${kind} vote ${was ? 'from' : 'to'} ${title}. ${left} ${kind} left. Not sent yet.`,
    });
    persist();
  },

  submit() {
    const s = get();
    const round = s.current?.round;
    if (!round || round.status !== 'open' || s.sending || !socket) return;
    if (ballotProblem(s.draft, round.rules)) return;
    // Same content as the unacknowledged ballot: same id, so a resend never counts twice.
    const pending = s.pending && sameBallot(s.pending, s.draft) ? s.pending : { ballotId: newBallotId(), plus: [...s.draft.plus], minus: [...s.draft.minus] };
    set({ pending, sendError: null, notice: 'Sending your ballot…' });
    persist();
    void send(pending);
  },

  joinWithCode(value) {
    code = value.trim();
    set({ joinError: null });
    void join();
  },
}));

function persist(): void {
  const s = get();
  if (!s.current) return;
  const saved: Saved = { roundId: s.current.round.id, draft: s.draft, pending: s.pending };
  save(keys.draft(s.assemblyId), saved);
}

const get = () => useVoterStore.getState();
const set = (partial: Partial<VoterStore>) => useVoterStore.setState(partial);

async function send(p: Pending): Promise<void> {
  const s = get();
  const round = s.current?.round;
  if (!socket || !round || s.sending) return;
  set({ sending: true });
  const reply = await ask(socket, 'ballot:submit', { roundId: round.id, ballotId: p.ballotId, plus: p.plus, minus: p.minus }, 10_000);
  set({ sending: false });
  if (reply.ok) {
    const stillPending = get().pending?.ballotId === p.ballotId;
    set({
      myBallot: reply.data,
      ...(stillPending ? { pending: null } : {}),
      sendError: null,
      notice: 'Your ballot is counted.',
    });
    persist();
    return;
  }
  const { code: errCode, message } = reply.error;
  if (errCode === 'OFFLINE' || errCode === 'TIMEOUT' || errCode === 'INTERNAL') {
    // Kept as pending: resent with the same id when the link is back.
    set({ notice: 'Your ballot is not confirmed yet. It will be sent again when the connection is back.' });
    scheduleRetry();
    return;
  }
  // Refused by the rules: the voter must act; the counted ballot (if any) still stands.
  if (get().pending?.ballotId === p.ballotId) set({ pending: null });
  set({ sendError: message, notice: `Not counted: ${message}` });
  persist();
  if (errCode === 'ROUND_NOT_OPEN' || errCode === 'BALLOT_LOCKED' || errCode === 'NOT_FOUND' || errCode === 'NOT_JOINED') void resync();
}

function scheduleRetry(): void {
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    const p = get().pending;
    if (p && socket?.connected && get().joined) void send(p);
    else if (p) scheduleRetry();
  }, 3000);
}

/** Applies a fresh state from the server and reconciles the local draft with it. */
function applyState(vs: VoterState): void {
  const prev = get();
  const roundId = vs.current?.round.id ?? null;
  const changedRound = roundId !== (prev.current?.round.id ?? null);
  set({ assembly: vs.assembly, display: vs.display, current: vs.current, myBallot: vs.myBallot });
  if (!changedRound && prev.joined && roundId) {
    afterSync();
    return;
  }
  reconcile(vs.current, vs.myBallot);
}

/** Restores the saved draft for this round (reload, phone lock), else starts from the counted ballot. */
function reconcile(current: VoterRoundView | null, myBallot: BallotReceipt | null): void {
  const s = get();
  if (!current) {
    set({ draft: emptyDraft(), pending: null, sendError: null });
    return;
  }
  const ids = new Set(current.round.proposalIds);
  const keep = (d: Draft): Draft => ({ plus: d.plus.filter((id) => ids.has(id)), minus: d.minus.filter((id) => ids.has(id)) });
  const saved = load<Saved>(keys.draft(s.assemblyId));
  if (saved && saved.roundId === current.round.id && Array.isArray(saved.draft?.plus) && Array.isArray(saved.draft?.minus)) {
    set({ draft: keep(saved.draft), pending: saved.pending ? { ...keep(saved.pending), ballotId: saved.pending.ballotId } : null });
  } else {
    set({ draft: myBallot ? { plus: [...myBallot.plus], minus: [...myBallot.minus] } : emptyDraft(), pending: null, sendError: null });
  }
  afterSync();
}

function afterSync(): void {
  const s = get();
  if (s.pending && s.myBallot?.ballotId === s.pending.ballotId) set({ pending: null });
  persist();
  const p = get().pending;
  if (p && get().current?.round.status === 'open') void send(p);
}

async function join(): Promise<void> {
  if (!socket?.connected) return;
  const s = get();
  const token = load<string>(keys.voterToken(s.assemblyId));
  const reply = await ask(socket, 'session:join', {
    assemblyId: s.assemblyId,
    role: 'voter',
    ...(token ? { token } : {}),
    ...(code ? { code } : {}),
  });
  if (!reply.ok) {
    if (reply.error.code === 'TIMEOUT') {
      setTimeout(() => void join(), 1500);
      return;
    }
    if (reply.error.code !== 'OFFLINE') set({ joinError: reply.error });
    return;
  }
  if (reply.data.token) save(keys.voterToken(s.assemblyId), reply.data.token);
  const state = reply.data.state as SessionState;
  if (state.role !== 'voter') return;
  applyState(state);
  set({ joined: true, joinError: null, connection: 'online' });
}

async function resync(): Promise<void> {
  if (!socket) return;
  const reply = await ask(socket, 'state:sync', {}, 5000);
  if (reply.ok && reply.data.role === 'voter') applyState(reply.data);
  else if (!reply.ok && reply.error.code === 'TIMEOUT') {
    // A half-dead link after a phone lock: force a fresh connection.
    socket.disconnect();
    socket.connect();
  }
}

/** Connects the phone to one assembly; returns the cleanup. */
export function startVoter(assemblyId: string): () => void {
  useVoterStore.setState({
    assemblyId,
    connection: 'connecting',
    joined: false,
    joinError: null,
    assembly: null,
    current: null,
    myBallot: null,
    draft: emptyDraft(),
    pending: null,
    sending: false,
    sendError: null,
    notice: '',
  });
  void api.config(); // learns the server's clock for countdowns
  const sock = createSocket();
  socket = sock;
  sock.on('connect', () => {
    set({ connection: get().joined ? 'reconnecting' : 'connecting' });
    void join();
  });
  sock.on('disconnect', () => set({ connection: 'reconnecting' }));
  sock.io.on('reconnect_attempt', () => set({ connection: get().joined ? 'reconnecting' : 'connecting' }));
  sock.on('round:updated', (current) => {
    const prev = get().current;
    const sameRound = current?.round.id === prev?.round.id;
    set({ current, ...(sameRound ? {} : { myBallot: null }) });
    if (!sameRound) reconcile(current, null);
    else persist();
  });
  sock.on('display:updated', (display) => set({ display }));

  const onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    if (sock.connected) void resync();
    else sock.connect();
  };
  const onOnline = () => {
    if (!sock.connected) sock.connect();
  };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', onOnline);
  return () => {
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('online', onOnline);
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    sock.removeAllListeners();
    sock.disconnect();
    if (socket === sock) socket = null;
  };
}
