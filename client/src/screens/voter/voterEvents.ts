/**
 * The voter broadcasts a phone follows on its session's socket (round,
 * display, settings, its own proposals). Part of the voter store
 * (voterStore.ts), split out for size.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { SubmissionView, VoterRoundView, BallotReceipt, VoterState } from '../../../../shared/protocol/views.ts';
import { keys } from '../../lib/storage.ts';
import { statusNews } from './messages.ts';
import type { VoterStore } from './voterState.ts';
import type { VoterSession } from './voterSession.ts';

/** What the broadcasts change, from the store. */
interface EventDeps {
  store: StoreApi<VoterStore>;
  persist(ses: VoterSession): void;
  reconcile(ses: VoterSession, current: VoterRoundView | null, myBallot: BallotReceipt | null): void;
  checkProfile(ses: VoterSession, profile: VoterState['profile'], token: string | null, when: 'join' | 'later' | null): void;
  addSubmission(sub: SubmissionView): void;
}

/**
 * Follows the voter broadcasts on the session's socket. The listeners go
 * with the session (runSession's cleanup removes them), and each one also
 * checks the session: an event already queued when it ended is dropped.
 */
export function followVoterEvents(ses: VoterSession, deps: EventDeps): () => void {
  const { store, persist, reconcile, checkProfile, addSubmission } = deps;
  const { getState: get, setState: set } = store;
  const sock = ses.socket;
  const onReconnectAttempt = () => {
    if (ses.live()) set({ connection: get().joined ? 'reconnecting' : 'connecting' });
  };
  // The manager's listeners are not the socket's: removeAllListeners() leaves them, so this one is removed by hand.
  sock.io.on('reconnect_attempt', onReconnectAttempt);
  sock.on('round:updated', (current) => {
    if (!ses.live()) return;
    const prev = get().current;
    const sameRound = current?.round.id === prev?.round.id;
    // A new round starts with nothing said about a ballot: no stale "counted" left for screen readers.
    set({ current, ...(sameRound ? {} : { myBallot: null, notice: '', sendError: null }) });
    if (!sameRound) reconcile(ses, current, null);
    else persist(ses);
  });
  sock.on('display:updated', (display) => {
    if (ses.live()) set({ display });
  });
  sock.on('settings:updated', (settings) => {
    if (!ses.live()) return;
    const s = get();
    const mine = s.submissions?.mine ?? [];
    const answered = s.profile?.answered ?? false;
    const profile = { questions: settings.profile, answers: s.profile?.answers ?? {}, answered };
    // A rename reaches the phone's header with the settings.
    set({ submissions: { ...settings.submissions, mine }, profile, ...(s.assembly ? { assembly: { ...s.assembly, title: settings.title } } : {}) });
    if (!s.profileAsk && s.joined) checkProfile(ses, profile, ses.storage.load<string>(keys.voterToken(s.assemblyId)), 'later');
    else if (s.profileAsk && settings.profile.length === 0) set({ profileAsk: null });
  });
  sock.on('submission:updated', (sub) => {
    if (!ses.live()) return;
    addSubmission(sub);
    set({ news: statusNews(sub) });
  });
  return () => sock.io.off('reconnect_attempt', onReconnectAttempt);
}
