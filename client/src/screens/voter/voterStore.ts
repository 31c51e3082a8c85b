/**
 * The phone's state as a framework-free store (zustand/vanilla). The
 * socket factory, the storage and the public assembly lookup are injected,
 * so node tests drive join, access codes, drafts, resends and reloads
 * without a browser; store.ts binds it to React and the page.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BallotReceipt, SubmissionView, VoterAssemblyView, VoterRoundView, VoterState } from '../../../../shared/protocol/views.ts';
import { newBallotId } from '../../lib/ids.ts';
import type { Reply } from '../../lib/reply.ts';
import { runSession, type SocketFactory } from '../../lib/session.ts';
import { ask, type AckData, type AppSocket, type CommandInput, type CommandName } from '../../lib/socket.ts';
import { keys, type KeyValueStorage } from '../../lib/storage.ts';
import { ballotProblem, emptyDraft, forbidReason, sameBallot, toggled, type Draft } from './ballotLogic.ts';
import { statusNews } from './messages.ts';
import { errorText } from '../../i18n/errors.ts';
import { t } from '../../i18n/i18n.ts';
import { createJoin } from './voterJoin.ts';
import { initialVoterData, profileKey, restoredDraft, whoOf, type Pending, type SavedDraft, type SavedProfile, type VoterStore } from './voterState.ts';

export type { JoinError, Pending, VoterStore } from './voterState.ts';

export interface VoterDeps {
  connect: SocketFactory;
  storage: KeyValueStorage;
  /** The assembly's public title and join mode (no code needed), for the code screen's header. */
  publicAssembly(assemblyId: string): Promise<VoterAssemblyView | null>;
}

/** An unconfirmed ballot is sent again this long after a failure. */
export const RESEND_MS = 3000;

export type VoterStoreApi = StoreApi<VoterStore> & {
  /** Connects the phone to one assembly, with the access code of a card's link if any; returns the cleanup. */
  start(assemblyId: string, codeFromLink: string | null): () => void;
  /** A voter command for the screens beside the ballot (proposals). */
  command<E extends CommandName>(event: E, payload: CommandInput<E>): Promise<Reply<AckData<E>>>;
  /** After a submission: the phone's own list, newest last. */
  addSubmission(sub: SubmissionView): void;
  /** Fetches the phone's state again (after an unconfirmed proposal, to see whether it arrived). */
  refreshState(): Promise<void>;
  /** The page is visible again (a phone unlocked): resync, or reconnect. */
  resume(): void;
  /** The device is online again. */
  online(): void;
  /** Kiosk: the next person is a new phone (no code, join id or unanswered code carried over); call between sessions. */
  forgetVisitor(): void;
};

export function createVoterStore(deps: VoterDeps): VoterStoreApi {
  const { storage } = deps;
  let socket: AppSocket | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const store = createStore<VoterStore>()((set, get) => ({
    ...initialVoterData(''),

    toggle(id, kind) {
      const s = get();
      const round = s.current?.round;
      if (!round || round.status !== 'open' || (round.lockBallots && s.myBallot)) return;
      if (forbidReason(s.draft, id, kind, round.rules)) return;
      const was = s.draft[kind].includes(id);
      const draft = toggled(s.draft, id, kind);
      const title = s.current?.proposals.find((p) => p.id === id)?.title ?? '';
      const left = kind === 'plus' ? round.rules.plus - draft.plus.length : round.rules.minus - draft.minus.length;
      set({ draft, sendError: null, notice: t('phone.notice.toggled', { was: String(was), kind, title, left }) });
      persist();
    },

    submit() {
      const s = get();
      const round = s.current?.round;
      if (!round || round.status !== 'open' || s.sending || !socket) return;
      if (ballotProblem(s.draft, round.rules)) return;
      // Same content as the unacknowledged ballot: same id, so a resend never counts twice.
      const pending = s.pending && sameBallot(s.pending, s.draft) ? s.pending : { ballotId: newBallotId(), plus: [...s.draft.plus], minus: [...s.draft.minus] };
      set({ pending, sendError: null, notice: t('phone.status.sending') });
      persist();
      void send(pending);
    },

    joinWithCode(value) {
      joiner.setCode(value.trim());
      set({ codeBusy: true });
      void joiner.join();
    },

    answerProfile(answers) {
      const s = get();
      const token = storage.load<string>(keys.voterToken(s.assemblyId));
      const saved: SavedProfile = { who: whoOf(token), answers, sent: false };
      storage.save(profileKey(s.assemblyId), saved);
      set({ profileAsk: null, ...(s.profile ? { profile: { ...s.profile, answers, answered: true } } : {}) });
      void sendProfile(saved);
    },
  }));
  const { getState: get, setState: set } = store;

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
    storage.save(profileKey(assemblyId), { ...saved, sent: true });
  }

  function persist(): void {
    const s = get();
    if (!s.current) return;
    const saved: SavedDraft = { roundId: s.current.round.id, draft: s.draft, pending: s.pending };
    storage.save(keys.draft(s.assemblyId), saved);
  }

  async function send(p: Pending): Promise<void> {
    const s = get();
    const round = s.current?.round;
    if (!socket || !round || s.sending) return;
    set({ sending: true });
    const reply = await ask(socket, 'ballot:submit', { roundId: round.id, ballotId: p.ballotId, plus: p.plus, minus: p.minus }, 10_000);
    set({ sending: false });
    if (reply.ok) {
      const stillPending = get().pending?.ballotId === p.ballotId;
      set({ myBallot: reply.data, ...(stillPending ? { pending: null } : {}), sendError: null, notice: t('phone.status.counted') });
      persist();
      return;
    }
    const errCode = reply.error.code;
    if (errCode === 'OFFLINE' || errCode === 'TIMEOUT' || errCode === 'INTERNAL') {
      // Kept as pending: resent with the same id when the link is back.
      set({ notice: t('phone.notice.notConfirmed') });
      scheduleRetry();
      return;
    }
    // Refused by the rules: the voter must act; the counted ballot (if any) still stands.
    if (get().pending?.ballotId === p.ballotId) set({ pending: null });
    const reason = errorText(reply.error);
    set({ sendError: reason, notice: t('phone.status.notCounted', { reason }) });
    persist();
    if (errCode === 'ROUND_NOT_OPEN' || errCode === 'ROUND_CLOSED' || errCode === 'BALLOT_LOCKED' || errCode === 'NOT_FOUND' || errCode === 'NOT_JOINED') void resync();
  }

  function scheduleRetry(): void {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      const p = get().pending;
      if (p && socket?.connected && get().joined) void send(p);
      else if (p) scheduleRetry();
    }, RESEND_MS);
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
    if (!current) {
      set({ draft: emptyDraft(), pending: null, sendError: null });
      return;
    }
    const restored = restoredDraft(storage.load<SavedDraft>(keys.draft(get().assemblyId)), current);
    if (restored) set(restored);
    else set({ draft: myBallot ? ({ plus: [...myBallot.plus], minus: [...myBallot.minus] } satisfies Draft) : emptyDraft(), pending: null, sendError: null });
    afterSync();
  }

  function afterSync(): void {
    const s = get();
    if (s.pending && s.myBallot?.ballotId === s.pending.ballotId) set({ pending: null });
    persist();
    const p = get().pending;
    if (p && get().current?.round.status === 'open') void send(p);
  }

  /**
   * Profile questions are asked once: not if the server has answers, not if
   * this phone remembers answering or skipping (answers it could not send yet
   * go now).
   */
  function checkProfile(profile: VoterState['profile'], token: string | null, when: 'join' | 'later' | null): void {
    if (profile.questions.length === 0 || profile.answered) return;
    const saved = storage.load<SavedProfile>(profileKey(get().assemblyId));
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

  function addSubmission(sub: SubmissionView): void {
    const s = get().submissions;
    if (!s) return;
    const mine = s.mine.some((m) => m.id === sub.id) ? s.mine.map((m) => (m.id === sub.id ? sub : m)) : [...s.mine, sub];
    set({ submissions: { ...s, mine } });
  }

  const joiner = createJoin({ store, storage, socket: () => socket, publicAssembly: deps.publicAssembly, applyState, checkProfile });

  /** Follows the voter broadcasts on `sock`. */
  function follow(sock: AppSocket): void {
    sock.io.on('reconnect_attempt', () => set({ connection: get().joined ? 'reconnecting' : 'connecting' }));
    sock.on('round:updated', (current) => {
      const prev = get().current;
      const sameRound = current?.round.id === prev?.round.id;
      // A new round starts with nothing said about a ballot: no stale "counted" left for screen readers.
      set({ current, ...(sameRound ? {} : { myBallot: null, notice: '', sendError: null }) });
      if (!sameRound) reconcile(current, null);
      else persist();
    });
    sock.on('display:updated', (display) => set({ display }));
    sock.on('settings:updated', (settings) => {
      const s = get();
      const mine = s.submissions?.mine ?? [];
      const answered = s.profile?.answered ?? false;
      const profile = { questions: settings.profile, answers: s.profile?.answers ?? {}, answered };
      // A rename reaches the phone's header with the settings.
      set({ submissions: { ...settings.submissions, mine }, profile, ...(s.assembly ? { assembly: { ...s.assembly, title: settings.title } } : {}) });
      if (!s.profileAsk && s.joined) checkProfile(profile, storage.load<string>(keys.voterToken(s.assemblyId)), 'later');
      else if (s.profileAsk && settings.profile.length === 0) set({ profileAsk: null });
    });
    sock.on('submission:updated', (sub) => {
      addSubmission(sub);
      set({ news: statusNews(sub) });
    });
  }

  return {
    ...store,
    start(assemblyId, codeFromLink) {
      joiner.startWith(assemblyId, codeFromLink);
      set(initialVoterData(assemblyId));
      const sock = deps.connect();
      socket = sock;
      follow(sock);
      const stop = runSession(sock, store, joiner.join);
      return () => {
        if (retryTimer) clearTimeout(retryTimer);
        retryTimer = null;
        stop();
        if (socket === sock) socket = null;
      };
    },
    async command(event, payload) {
      if (!socket) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected to the server.' } };
      return ask(socket, event, payload);
    },
    addSubmission,
    refreshState: resync,
    resume() {
      if (socket?.connected) void resync();
      else socket?.connect();
    },
    online() {
      if (socket && !socket.connected) socket.connect();
    },
    forgetVisitor: () => joiner.forget(),
  };
}
