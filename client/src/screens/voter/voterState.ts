/** The phone's state: its shape, its initial value (declared once), and what survives a reload. */
import type { DisplayMode } from '../../../../shared/protocol/schemas.ts';
import type { BallotReceipt, VoterAssemblyView, VoterRoundView, VoterState } from '../../../../shared/protocol/views.ts';
import type { SessionFields } from '../../lib/session.ts';
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
