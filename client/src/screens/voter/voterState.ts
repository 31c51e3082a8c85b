/** The phone's state: its shape, its initial value (declared once), what survives a reload, and the store's API (voterStore.ts). */
import type { StoreApi } from 'zustand/vanilla';
import type { DisplayMode } from '../../../../shared/protocol/schemas.ts';
import type { BallotReceipt, SubmissionView, VoterAssemblyView, VoterRoundView, VoterState } from '../../../../shared/protocol/views.ts';
import type { Reply } from '../../lib/reply.ts';
import type { SessionFields, SocketFactory } from '../../lib/session.ts';
import type { AckData, CommandInput, CommandName } from '../../lib/socket.ts';
import type { KeyValueStorage } from '../../lib/storage.ts';
import { emptyDraft, type Draft, type Vote } from './ballotLogic.ts';

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
export interface SavedProfile {
  /** The participant they belong to (the end of its token; a new participant is asked again). */
  who: string;
  answers: Record<string, string | null>;
  sent: boolean;
}

export const profileKey = (assemblyId: string) => `d21:profile:${assemblyId}`;
export const whoOf = (token: string | null) => (token ? token.slice(-12) : '');

/** What survives a reload or a phone lock, per assembly. */
export interface SavedDraft {
  roundId: string;
  draft: Draft;
  pending: Pending | null;
}

export interface VoterData extends SessionFields {
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
  /** The server refused the last ballot: why, in the reader's language. */
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
}

export interface VoterActions {
  toggle(id: string, kind: Vote): void;
  submit(): void;
  joinWithCode(code: string): void;
  /** Sends the profile answers (null for each question: skipped); never asks again. */
  answerProfile(answers: Record<string, string | null>): void;
}

export type VoterStore = VoterData & VoterActions;

export const initialVoterData = (assemblyId: string): VoterData => ({
  assemblyId,
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
});

/** The saved draft and pending ballot for `current`, kept to its proposals; null when none was saved for it. */
export function restoredDraft(saved: SavedDraft | null, current: VoterRoundView): { draft: Draft; pending: Pending | null } | null {
  if (!saved || saved.roundId !== current.round.id || !Array.isArray(saved.draft?.plus) || !Array.isArray(saved.draft?.minus)) return null;
  const ids = new Set(current.round.proposalIds);
  const keep = (d: Draft): Draft => ({ plus: d.plus.filter((id) => ids.has(id)), minus: d.minus.filter((id) => ids.has(id)) });
  return { draft: keep(saved.draft), pending: saved.pending ? { ...keep(saved.pending), ballotId: saved.pending.ballotId } : null };
}

/** What createVoterStore is given: the socket factory, the storage, the public assembly lookup. */
export interface VoterDeps {
  connect: SocketFactory;
  /**
   * Where the phone keeps its token, draft and profile answers. A function
   * is asked once per session, at start(): a kiosk hands each visitor a
   * fresh memory, so even a write the session checks could not stop would
   * land in that visitor's own, already dropped, storage.
   */
  storage: KeyValueStorage | (() => KeyValueStorage);
  /** The assembly's public title and join mode (no code needed), for the code screen's header. */
  publicAssembly(assemblyId: string): Promise<VoterAssemblyView | null>;
}

/** The voter store: its state plus the page-facing calls. */
export type VoterStoreApi = StoreApi<VoterStore> & {
  /** Connects the phone to one assembly, with the access code of a card's link if any; returns the cleanup. */
  start(assemblyId: string, codeFromLink: string | null): () => void;
  /** A voter command for the screens beside the ballot (proposals); a session that ended before the answer gets OFFLINE, never the answer. */
  command<E extends CommandName>(event: E, payload: CommandInput<E>): Promise<Reply<AckData<E>>>;
  /** After a submission: the phone's own list, newest last. */
  addSubmission(sub: SubmissionView): void;
  /** Fetches the phone's state again (after an unconfirmed proposal, to see whether it arrived). */
  refreshState(): Promise<void>;
  /** The page is visible again (a phone unlocked): resync, or reconnect. */
  resume(): void;
  /** The device is online again. */
  online(): void;
  /**
   * Kiosk: ends the current session at once (socket closed, timers
   * cancelled, late replies dropped), empties the state, and forgets the
   * code, join id and unanswered code, so the next start() is a new phone.
   */
  forgetVisitor(): void;
  /** The live session's storage (the proposal draft, the ballot order's token); a throwaway memory when no session runs. */
  storage(): KeyValueStorage;
  /** The live session's number (1, 2, …; 0 when none runs): a screen can tell one visitor's state from the next's. */
  session(): number;
};
