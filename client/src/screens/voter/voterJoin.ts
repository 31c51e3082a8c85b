/**
 * The phone's session:join: its participant token, access codes (from a
 * card's link or typed), the join id that makes a lost answer safe to
 * retry, and what a refused join does to the screen. Every join belongs to
 * one VoterSession (one start()…stop() of the store): its answer and its
 * retries are dropped once that session has ended, so a kiosk's last
 * visitor's join can never save a token into the next visitor's storage.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { VoterAssemblyView, VoterState } from '../../../../shared/protocol/views.ts';
import { newBallotId } from '../../lib/ids.ts';
import { JOIN_RETRY_MS } from '../../lib/session.ts';
import { ask } from '../../lib/socket.ts';
import { keys } from '../../lib/storage.ts';
import type { JoinError, VoterStore } from './voterState.ts';
import type { VoterSession } from './voterSession.ts';

interface JoinDeps {
  store: StoreApi<VoterStore>;
  publicAssembly(assemblyId: string): Promise<VoterAssemblyView | null>;
  applyState(session: VoterSession, state: VoterState): void;
  checkProfile(session: VoterSession, profile: VoterState['profile'], token: string | null, when: 'join' | 'later' | null): void;
}

/** The join half of the voter store (createVoterStore); one per store, its code memory shared by the store's sessions. */
export function createJoin(deps: JoinDeps) {
  const { store } = deps;
  const { getState: get, setState: set } = store;
  /** An access code to redeem at the next join (from the card's link or typed); memory only. */
  let code: string | null = null;
  let codeFor = '';
  /** A code whose join went unanswered (the server may have taken it for this phone). */
  let codeUnanswered: string | null = null;
  /** The join id sent with a code (see join()). */
  let joinAttempt: { code: string; id: string } | null = null;

  /** A refused join ends what the phone showed: it cannot vote until it joins again. */
  function dropSession(session: VoterSession, error: JoinError): void {
    set({ joinError: error, codeBusy: false, joined: false, current: null, myBallot: null, submissions: null, profile: null, profileAsk: null });
    if (!get().assembly) void loadTitle(session, get().assemblyId);
  }

  /** The assembly's title for the header of the code screen (public: no code needed). */
  async function loadTitle(session: VoterSession, assemblyId: string): Promise<void> {
    const assembly = await deps.publicAssembly(assemblyId);
    const s = get();
    if (assembly && session.live() && s.assemblyId === assemblyId && !s.assembly) set({ assembly });
  }

  /** Joins (again) on `session`'s socket: on every connect, after a typed code, and on its own retries. */
  async function join(session: VoterSession): Promise<void> {
    const { socket, storage } = session;
    if (!session.live() || !socket.connected) return;
    const s = get();
    const token = storage.load<string>(keys.voterToken(s.assemblyId));
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
    // The session ended while the server answered (a kiosk's "Start over"):
    // nothing of this answer, not even its token, belongs to what comes next.
    if (!session.live()) return;
    if (!reply.ok) {
      const errCode = reply.error.code;
      if (errCode === 'TIMEOUT') {
        // No answer (or the link dropped mid-way): the code may have been taken for this phone.
        if (tried) codeUnanswered = tried;
        session.later(JOIN_RETRY_MS, () => void join(session));
        return;
      }
      if (errCode === 'OFFLINE') {
        set({ codeBusy: false });
        return;
      }
      if (errCode === 'CODE_REVOKED' && token) {
        // This phone's participant was withdrawn: its token is dead for good.
        storage.remove(keys.voterToken(s.assemblyId));
        storage.remove(keys.draft(s.assemblyId)); // its unsent ballot is not the next participant's
        if (code) {
          void join(session); // a new card came with the link or was typed: try it alone
          return;
        }
        dropSession(session, { code: errCode, message: reply.error.message, tried: null, revokedSession: true });
        return;
      }
      if (errCode.startsWith('CODE_')) {
        // The code stays out of later automatic retries: the person types another.
        code = null;
        const lostAnswer = errCode === 'CODE_USED' && tried !== null && tried === codeUnanswered;
        dropSession(session, { code: errCode, message: reply.error.message, tried, revokedSession: false, lostAnswer });
        return;
      }
      if (errCode === 'RATE_LIMITED' || errCode === 'INTERNAL') {
        // A crowded door or a hiccup on the server: try again shortly, spread out.
        session.later(JOIN_RETRY_MS + Math.random() * 2000, () => void join(session));
        return;
      }
      set({ joinError: reply.error, codeBusy: false });
      return;
    }
    code = null; // redeemed: the participant token stands for it from now on
    codeUnanswered = null;
    if (reply.data.token) storage.save(keys.voterToken(s.assemblyId), reply.data.token);
    const state = reply.data.state;
    if (state.role !== 'voter') return;
    const firstJoin = !get().joined;
    deps.applyState(session, state);
    set({ joined: true, joinError: null, codeBusy: false, connection: 'online' });
    deps.checkProfile(session, state.profile, reply.data.token ?? token ?? null, firstJoin ? 'join' : null);
  }

  return {
    join,
    /** A code typed on the code screen, for the next join. */
    setCode(value: string): void {
      code = value;
    },
    /** A new start: a card link's code replaces any earlier one (React's StrictMode starts twice; the second finds no code in the link). */
    startWith(assemblyId: string, fromLink: string | null): void {
      if (fromLink !== null || codeFor !== assemblyId) code = fromLink;
      codeFor = assemblyId;
    },
    /** Kiosk: forgets the last person's code and join id, so their card cannot bring their session back. */
    forget(): void {
      code = null;
      codeFor = '';
      codeUnanswered = null;
      joinAttempt = null;
    },
  };
}
