/**
 * The phone's state as a framework-free store (zustand/vanilla). The
 * socket factory, the storage and the public assembly lookup are injected,
 * so node tests drive join, access codes, drafts, resends and reloads
 * without a browser; store.ts binds it to React and the page.
 *
 * Sessions: each start() opens one session (voterSession.ts) with its own
 * socket and storage; stop() or forgetVisitor() ends it. Every callback that
 * comes later (an ack, a socket event, a resend or join timer, a reconnect)
 * carries the session it was started in and does nothing once that session
 * has ended. On a kiosk this is what keeps one person's late ack or draft
 * out of the next person's screen, storage and server session
 * (tests/unit/voter-session.test.ts).
 */
import { createStore } from 'zustand/vanilla';
import type { BallotReceipt, SubmissionView, VoterRoundView, VoterState } from '../../../../shared/protocol/views.ts';
import { newBallotId } from '../../lib/ids.ts';
import { runSession } from '../../lib/session.ts';
import { ask } from '../../lib/socket.ts';
import { keys, memoryStorage, type KeyValueStorage } from '../../lib/storage.ts';
import { ballotProblem, emptyDraft, forbidReason, sameBallot, toggled, type Draft } from './ballotLogic.ts';
import { errorText } from '../../i18n/errors.ts';
import { t } from '../../i18n/i18n.ts';
import { createJoin } from './voterJoin.ts';
import { followVoterEvents } from './voterEvents.ts';
import { openSession, type Session, type VoterSession } from './voterSession.ts';
import { initialVoterData, profileKey, restoredDraft, whoOf, type Pending, type SavedDraft, type SavedProfile, type VoterDeps, type VoterStore, type VoterStoreApi } from './voterState.ts';

export type { JoinError, Pending, VoterDeps, VoterStore, VoterStoreApi } from './voterState.ts';

/** An unconfirmed ballot is sent again this long after a failure. */
export const RESEND_MS = 3000;

/** The reply a command gets when its session ended before the server answered (a kiosk's next person must not see it). */
const SESSION_ENDED = { ok: false, error: { code: 'OFFLINE', message: 'This session has ended.' } } as const;

/** Creates the phone's store (one per page; store.ts binds it to React). */
export function createVoterStore(deps: VoterDeps): VoterStoreApi {
  let live: Session | null = null;
  let sessions = 0;
  const storageFor = (): KeyValueStorage => (typeof deps.storage === 'function' ? deps.storage() : deps.storage);

  const store = createStore<VoterStore>()((set, get) => ({
    ...initialVoterData(''),

    toggle(id, kind) {
      const ses = live;
      const s = get();
      const round = s.current?.round;
      if (!ses || !round || round.status !== 'open' || (round.lockBallots && s.myBallot)) return;
      if (forbidReason(s.draft, id, kind, round.rules)) return;
      const was = s.draft[kind].includes(id);
      const draft = toggled(s.draft, id, kind);
      const title = s.current?.proposals.find((p) => p.id === id)?.title ?? '';
      const left = kind === 'plus' ? round.rules.plus - draft.plus.length : round.rules.minus - draft.minus.length;
      set({ draft, sendError: null, notice: t('phone.notice.toggled', { was: String(was), kind, title, left }) });
      persist(ses);
    },

    submit() {
      const ses = live;
      const s = get();
      const round = s.current?.round;
      if (!ses || !round || round.status !== 'open' || s.sending) return;
      if (ballotProblem(s.draft, round.rules)) return;
      // Same content as the unacknowledged ballot: same id, so a resend never counts twice.
      const pending = s.pending && sameBallot(s.pending, s.draft) ? s.pending : { ballotId: newBallotId(), plus: [...s.draft.plus], minus: [...s.draft.minus] };
      set({ pending, sendError: null, notice: t('phone.status.sending') });
      persist(ses);
      void send(ses, pending);
    },

    joinWithCode(value) {
      const ses = live;
      if (!ses) return;
      joiner.setCode(value.trim());
      set({ codeBusy: true });
      void joiner.join(ses);
    },

    answerProfile(answers) {
      const ses = live;
      if (!ses) return;
      const s = get();
      const token = ses.storage.load<string>(keys.voterToken(s.assemblyId));
      const saved: SavedProfile = { who: whoOf(token), answers, sent: false };
      ses.storage.save(profileKey(s.assemblyId), saved);
      set({ profileAsk: null, ...(s.profile ? { profile: { ...s.profile, answers, answered: true } } : {}) });
      void sendProfile(ses, saved);
    },
  }));
  const { getState: get, setState: set } = store;

  /** Sends remembered profile answers; unsent ones go again after the next join. */
  async function sendProfile(ses: VoterSession, saved: SavedProfile): Promise<void> {
    if (!ses.live()) return;
    const assemblyId = get().assemblyId;
    const questions = get().profile?.questions ?? [];
    // Only current questions: the facilitator may have changed them meanwhile.
    const answers = Object.fromEntries(Object.entries(saved.answers).filter(([q]) => questions.some((x) => x.id === q)));
    const reply = await ask(ses.socket, 'profile:answer', { answers });
    if (!ses.live()) return;
    if (!reply.ok && (reply.error.code === 'OFFLINE' || reply.error.code === 'TIMEOUT' || reply.error.code === 'INTERNAL')) return;
    // Sent, or refused for good (a changed question): either way it is not asked again.
    ses.storage.save(profileKey(assemblyId), { ...saved, sent: true });
  }

  function persist(ses: VoterSession): void {
    if (!ses.live()) return;
    const s = get();
    if (!s.current) return;
    const saved: SavedDraft = { roundId: s.current.round.id, draft: s.draft, pending: s.pending };
    ses.storage.save(keys.draft(s.assemblyId), saved);
  }

  async function send(ses: Session, p: Pending): Promise<void> {
    const s = get();
    const round = s.current?.round;
    if (!ses.live() || !round || s.sending) return;
    set({ sending: true });
    const reply = await ask(ses.socket, 'ballot:submit', { roundId: round.id, ballotId: p.ballotId, plus: p.plus, minus: p.minus }, 10_000);
    // Ended while the ballot was on its way (a kiosk's "Start over", an
    // idle reset): the server may count it, but its receipt is nobody's
    // business on this screen any more, and it is never sent again.
    if (!ses.live()) return;
    set({ sending: false });
    if (reply.ok) {
      const stillPending = get().pending?.ballotId === p.ballotId;
      set({ myBallot: reply.data, ...(stillPending ? { pending: null } : {}), sendError: null, notice: t('phone.status.counted') });
      persist(ses);
      return;
    }
    const errCode = reply.error.code;
    if (errCode === 'OFFLINE' || errCode === 'TIMEOUT' || errCode === 'INTERNAL') {
      // Kept as pending: resent with the same id when the link is back.
      set({ notice: t('phone.notice.notConfirmed') });
      scheduleRetry(ses);
      return;
    }
    // Refused by the rules: the voter must act; the counted ballot (if any) still stands.
    if (get().pending?.ballotId === p.ballotId) set({ pending: null });
    const reason = errorText(reply.error);
    set({ sendError: reason, notice: t('phone.status.notCounted', { reason }) });
    persist(ses);
    if (errCode === 'ROUND_NOT_OPEN' || errCode === 'ROUND_CLOSED' || errCode === 'BALLOT_LOCKED' || errCode === 'NOT_FOUND' || errCode === 'NOT_JOINED') void resync(ses);
  }

  function scheduleRetry(ses: Session): void {
    if (ses.retrying || !ses.live()) return;
    ses.retrying = true;
    ses.later(RESEND_MS, () => {
      ses.retrying = false;
      const p = get().pending;
      if (p && ses.socket.connected && get().joined) void send(ses, p);
      else if (p) scheduleRetry(ses);
    });
  }

  /** Applies a fresh state from the server and reconciles the local draft with it. */
  function applyState(ses: VoterSession, vs: VoterState): void {
    if (!ses.live()) return;
    const prev = get();
    const roundId = vs.current?.round.id ?? null;
    const changedRound = roundId !== (prev.current?.round.id ?? null);
    set({ assembly: vs.assembly, display: vs.display, current: vs.current, myBallot: vs.myBallot, submissions: vs.submissions, profile: vs.profile });
    if (!changedRound && prev.joined && roundId) {
      afterSync(ses);
      return;
    }
    reconcile(ses, vs.current, vs.myBallot);
  }

  /** Restores the saved draft for this round (reload, phone lock), else starts from the counted ballot. */
  function reconcile(ses: VoterSession, current: VoterRoundView | null, myBallot: BallotReceipt | null): void {
    if (!current) {
      set({ draft: emptyDraft(), pending: null, sendError: null });
      return;
    }
    const restored = restoredDraft(ses.storage.load<SavedDraft>(keys.draft(get().assemblyId)), current);
    if (restored) set(restored);
    else set({ draft: myBallot ? ({ plus: [...myBallot.plus], minus: [...myBallot.minus] } satisfies Draft) : emptyDraft(), pending: null, sendError: null });
    afterSync(ses);
  }

  function afterSync(ses: VoterSession): void {
    const s = get();
    if (s.pending && s.myBallot?.ballotId === s.pending.ballotId) set({ pending: null });
    persist(ses);
    const p = get().pending;
    if (p && live === ses && get().current?.round.status === 'open') void send(live, p);
  }

  /**
   * Profile questions are asked once: not if the server has answers, not if
   * this phone remembers answering or skipping (answers it could not send yet
   * go now).
   */
  function checkProfile(ses: VoterSession, profile: VoterState['profile'], token: string | null, when: 'join' | 'later' | null): void {
    if (!ses.live() || profile.questions.length === 0 || profile.answered) return;
    const saved = ses.storage.load<SavedProfile>(profileKey(get().assemblyId));
    if (saved && saved.who === whoOf(token)) {
      if (!saved.sent) void sendProfile(ses, saved);
      return;
    }
    if (when) set({ profileAsk: when });
  }

  async function resync(ses: VoterSession): Promise<void> {
    if (!ses.live()) return;
    const reply = await ask(ses.socket, 'state:sync', {}, 5000);
    if (!ses.live()) return;
    if (reply.ok && reply.data.role === 'voter') applyState(ses, reply.data);
    else if (!reply.ok && reply.error.code === 'TIMEOUT') {
      // A half-dead link after a phone lock: force a fresh connection.
      ses.socket.disconnect();
      ses.socket.connect();
    }
  }

  function addSubmission(sub: SubmissionView): void {
    const s = get().submissions;
    if (!live || !s) return;
    const mine = s.mine.some((m) => m.id === sub.id) ? s.mine.map((m) => (m.id === sub.id ? sub : m)) : [...s.mine, sub];
    set({ submissions: { ...s, mine } });
  }

  const joiner = createJoin({ store, publicAssembly: deps.publicAssembly, applyState, checkProfile });

  /** Opens a session on a new socket (ending any live one first: one session at a time). */
  function open(): Session {
    live?.end();
    const ses = openSession(
      ++sessions,
      deps.connect(),
      storageFor(),
      (ses) => {
        const unfollow = followVoterEvents(ses, { store, persist, reconcile, checkProfile, addSubmission });
        const stopSocket = runSession(ses.socket, store, () => joiner.join(ses));
        return () => {
          unfollow();
          stopSocket();
        };
      },
      (ended) => {
        if (live === ended) live = null;
      },
    );
    live = ses;
    return ses;
  }

  return {
    ...store,
    start(assemblyId, codeFromLink) {
      live?.end();
      joiner.startWith(assemblyId, codeFromLink);
      set(initialVoterData(assemblyId));
      const ses = open();
      // Only this session: a cleanup that comes late (after a kiosk's forgetVisitor and a new start) leaves the new one alone.
      return () => ses.end();
    },
    async command(event, payload) {
      const ses = live;
      if (!ses) return SESSION_ENDED;
      const reply = await ask(ses.socket, event, payload);
      return ses.live() ? reply : SESSION_ENDED;
    },
    addSubmission,
    refreshState: () => (live ? resync(live) : Promise.resolve()),
    resume() {
      if (!live) return;
      if (live.socket.connected) void resync(live);
      else live.socket.connect();
    },
    online() {
      if (live && !live.socket.connected) live.socket.connect();
    },
    forgetVisitor() {
      const assemblyId = get().assemblyId;
      live?.end();
      joiner.forget();
      set(initialVoterData(assemblyId));
    },
    storage: () => live?.storage ?? memoryStorage(),
    session: () => live?.id ?? 0,
  };
}
