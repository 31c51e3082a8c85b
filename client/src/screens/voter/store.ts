import { create } from 'zustand';
import type { DisplayMode } from '../../../../shared/protocol/schemas.ts';
import type { BallotReceipt, SessionState, SubmissionView, VoterAssemblyView, VoterRoundView, VoterState } from '../../../../shared/protocol/views.ts';
import { newBallotId } from '../../lib/ids.ts';
import { ask, createSocket, type AckData, type AppSocket, type CommandInput, type CommandName, type Reply } from '../../lib/socket.ts';
import { keys, load, remove, save } from '../../lib/storage.ts';
import { statusNews } from './messages.ts';
import { api } from '../../lib/api.ts';
import { ballotProblem, emptyDraft, forbidReason, sameBallot, toggled, type Draft, type Vote } from './ballotLogic.ts';

export type Connection = 'connecting' | 'online' | 'reconnecting';

/** A ballot sent but not yet acknowledged: resent with the same id after a drop. */
export interface Pending extends Draft {
  ballotId: string;
}

/** A join refused by the server; `tried` is the access code sent, `revokedSession` that this phone had been in. */
export interface JoinError {
  code: string;
  message: string;
  tried?: string | null;
  revokedSession?: boolean;
  /** CODE_USED right after this phone's own attempt with the code went unanswered: it may be this phone that used it. */
  lostAnswer?: boolean;
}

/** Profile answers remembered on the phone: asked once, even if the server never heard. */
interface SavedProfile {
  /** The participant they belong to (the end of its token; a new participant is asked again). */
  who: string;
  answers: Record<string, string | null>;
  sent: boolean;
}

const profileKey = (assemblyId: string) => `d21:profile:${assemblyId}`;
const whoOf = (token: string | null) => (token ? token.slice(-12) : '');

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
  joinError: JoinError | null;
  /** An access code is being checked. */
  codeBusy: boolean;
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
  /** Proposals from the phone: open or not, the limit, and this phone's own. */
  submissions: VoterState['submissions'] | null;
  /** Profile questions and whether this participant has answered. */
  profile: VoterState['profile'] | null;
  /** Ask the profile questions: at join (before anything else), or later (not over an open ballot). */
  profileAsk: 'join' | 'later' | null;
  /** News about the phone's own proposals, for a polite live region. */
  news: string;
  toggle(id: string, kind: Vote): void;
  submit(): void;
  joinWithCode(code: string): void;
  /** Sends the profile answers (null for each question: skipped); never asks again. */
  answerProfile(answers: Record<string, string | null>): void;
}

let socket: AppSocket | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
/** An access code to redeem at the next join (from the card's link or typed); memory only. */
let code: string | null = null;
let codeFor = '';
/** A code whose join went unanswered (the server may have taken it for this phone). */
let codeUnanswered: string | null = null;
/** The join id sent with a code (see join()). */
let joinAttempt: { code: string; id: string } | null = null;

export const useVoterStore = create<VoterStore>()((set, get) => ({
  assemblyId: '',
  connection: 'connecting',
  joined: false,
  joinError: null,
  codeBusy: false,
  assembly: null,
  current: null,
  display: 'join',
  myBallot: null,
  draft: emptyDraft(),
  pending: null,
  sending: false,
  sendError: null,
  notice: '',
  submissions: null,
  profile: null,
  profileAsk: null,
  news: '',

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
    set({ codeBusy: true });
    void join();
  },

  answerProfile(answers) {
    const s = get();
    const token = load<string>(keys.voterToken(s.assemblyId));
    const saved: SavedProfile = { who: whoOf(token), answers, sent: false };
    save(profileKey(s.assemblyId), saved);
    set({ profileAsk: null, ...(s.profile ? { profile: { ...s.profile, answers, answered: true } } : {}) });
    void sendProfile(saved);
  },
}));

/** Sends remembered profile answers; unsent ones go again after the next join. */
async function sendProfile(saved: SavedProfile): Promise<void> {
  if (!socket) return;
  const assemblyId = get().assemblyId;
  const questions = get().profile?.questions ?? [];
  // Only current questions: the facilitator may have changed them meanwhile.
  const answers = Object.fromEntries(Object.entries(saved.answers).filter(([q]) => questions.some((x) => x.id === q)));
  const reply = await ask(socket, 'profile:answer', { answers });
  if (!reply.ok && (reply.error.code === 'OFFLINE' || reply.error.code === 'TIMEOUT' || reply.error.code === 'INTERNAL')) return;
  // Sent, or refused for good (a changed question): either way it is not asked again.
  save(profileKey(assemblyId), { ...saved, sent: true });
}

/** A voter command for the screens beside the ballot (proposals). */
export async function voterCommand<E extends CommandName>(event: E, payload: CommandInput<E>): Promise<Reply<AckData<E>>> {
  if (!socket) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected to the server.' } };
  return ask(socket, event, payload);
}

/** After a submission: the phone's own list, newest last. */
export function addSubmission(sub: SubmissionView): void {
  const s = get().submissions;
  if (!s) return;
  const mine = s.mine.some((m) => m.id === sub.id) ? s.mine.map((m) => (m.id === sub.id ? sub : m)) : [...s.mine, sub];
  set({ submissions: { ...s, mine } });
}

/** Fetches the phone's state again (after an unconfirmed proposal, to see whether it arrived). */
export function refreshState(): Promise<void> {
  return resync();
}

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
  set({ assembly: vs.assembly, display: vs.display, current: vs.current, myBallot: vs.myBallot, submissions: vs.submissions, profile: vs.profile });
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
  // A code assembly refused this phone and it has nothing new to try: wait for a typed code.
  if (!token && !code && s.joinError?.code.startsWith('CODE_')) return;
  const tried = code;
  // The same join id for every try with one code: if a reply is lost, the
  // retry gets this phone's participant back instead of CODE_USED.
  if (code && joinAttempt?.code !== code) joinAttempt = { code, id: newBallotId() };
  const reply = await ask(socket, 'session:join', {
    assemblyId: s.assemblyId,
    role: 'voter',
    ...(token ? { token } : {}),
    ...(code ? { code, joinId: joinAttempt!.id } : {}),
  });
  if (!reply.ok) {
    const errCode = reply.error.code;
    if (errCode === 'TIMEOUT') {
      // No answer (or the link dropped mid-way): the code may have been taken for this phone.
      if (tried) codeUnanswered = tried;
      setTimeout(() => void join(), 1500);
      return;
    }
    if (errCode === 'OFFLINE') {
      set({ codeBusy: false });
      return;
    }
    if (errCode === 'CODE_REVOKED' && token) {
      // This phone's participant was withdrawn: its token is dead for good.
      remove(keys.voterToken(s.assemblyId));
      remove(keys.draft(s.assemblyId)); // its unsent ballot is not the next participant's
      if (code) {
        void join(); // a new card came with the link or was typed: try it alone
        return;
      }
      dropSession({ code: errCode, message: reply.error.message, tried: null, revokedSession: true });
      return;
    }
    if (errCode.startsWith('CODE_')) {
      // The code stays out of later automatic retries: the person types another.
      code = null;
      const lostAnswer = errCode === 'CODE_USED' && tried !== null && tried === codeUnanswered;
      dropSession({ code: errCode, message: reply.error.message, tried, revokedSession: false, lostAnswer });
      return;
    }
    if (errCode === 'RATE_LIMITED' || errCode === 'INTERNAL') {
      // A crowded door or a hiccup on the server: try again shortly, spread out.
      setTimeout(() => void join(), 1500 + Math.random() * 2000);
      return;
    }
    set({ joinError: reply.error, codeBusy: false });
    return;
  }
  code = null; // redeemed: the participant token stands for it from now on
  codeUnanswered = null;
  if (reply.data.token) save(keys.voterToken(s.assemblyId), reply.data.token);
  const state = reply.data.state as SessionState;
  if (state.role !== 'voter') return;
  const firstJoin = !get().joined;
  applyState(state);
  set({ joined: true, joinError: null, codeBusy: false, connection: 'online' });
  checkProfile(state.profile, reply.data.token ?? token ?? null, firstJoin ? 'join' : null);
}

/** A refused join ends what the phone showed: it cannot vote until it joins again. */
function dropSession(error: JoinError): void {
  set({ joinError: error, codeBusy: false, joined: false, current: null, myBallot: null, submissions: null, profile: null, profileAsk: null });
  if (!get().assembly) void loadTitle(get().assemblyId);
}

/** The assembly's title for the header of the code screen (public: no code needed). */
async function loadTitle(assemblyId: string): Promise<void> {
  try {
    const res = await fetch(`/api/assemblies/${encodeURIComponent(assemblyId)}/public`, { headers: { accept: 'application/json' } });
    const body = (await res.json()) as { ok: boolean; data?: { id: string; title: string; joinMode: 'open' | 'codes' } };
    const s = get();
    if (body.ok && body.data && s.assemblyId === assemblyId && !s.assembly) set({ assembly: { id: body.data.id, title: body.data.title, joinMode: body.data.joinMode } });
  } catch {
    /* the header says "D21 vote" */
  }
}

/**
 * Profile questions are asked once: not if the server has answers, not if
 * this phone remembers answering or skipping (answers it could not send yet
 * go now).
 */
function checkProfile(profile: VoterState['profile'], token: string | null, when: 'join' | 'later' | null): void {
  if (profile.questions.length === 0 || profile.answered) return;
  const saved = load<SavedProfile>(profileKey(get().assemblyId));
  if (saved && saved.who === whoOf(token)) {
    if (!saved.sent) void sendProfile(saved);
    return;
  }
  if (when) set({ profileAsk: when });
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

/**
 * A printed card's QR code opens `/a/:id?code=XXXX-XXXX`: the code is taken
 * into memory and removed from the address bar at once, so it is not left
 * in the history, a bookmark or a shared link.
 */
function takeCode(): string | null {
  const url = new URL(window.location.href);
  const value = url.searchParams.get('code');
  if (value === null) return null;
  url.searchParams.delete('code');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return value.trim().slice(0, 64) || null;
}

/** Connects the phone to one assembly; returns the cleanup. */
export function startVoter(assemblyId: string): () => void {
  // StrictMode starts twice: the second start finds the address bar already clean.
  const fromUrl = takeCode();
  if (fromUrl !== null || codeFor !== assemblyId) code = fromUrl;
  codeFor = assemblyId;
  useVoterStore.setState({
    assemblyId,
    connection: 'connecting',
    joined: false,
    joinError: null,
    codeBusy: false,
    submissions: null,
    profile: null,
    profileAsk: null,
    news: '',
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
  sock.on('settings:updated', (settings) => {
    const s = get();
    const mine = s.submissions?.mine ?? [];
    const answered = s.profile?.answered ?? false;
    const profile = { questions: settings.profile, answers: s.profile?.answers ?? {}, answered };
    set({ submissions: { ...settings.submissions, mine }, profile });
    if (!s.profileAsk && s.joined) {
      const token = load<string>(keys.voterToken(s.assemblyId));
      checkProfile(profile, token, 'later');
    } else if (s.profileAsk && settings.profile.length === 0) set({ profileAsk: null });
  });
  sock.on('submission:updated', (sub) => {
    addSubmission(sub);
    set({ news: statusNews(sub) });
  });

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
