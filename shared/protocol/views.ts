import type { BallotRules } from '../domain/rules.ts';
import type { RoundPractice } from '../domain/practice.ts';
import type { PaperEntry } from '../domain/paper.ts';
import type { RoundResults } from '../domain/results.ts';
import type { ChannelTotals } from '../domain/paperBallots.ts';
import type { CoSupportView, OpinionGroupsView } from './voterGroupViews.ts';
import type { EntryState } from './paperViews.ts';
import type { AssemblySettings, DisplayMode, JoinMode, ProfileQuestion, Role, RoundStatus, TieBreak, Visibility } from './schemas.ts';

export type { CoSupportView, GroupRepresentativeView, OpinionGroupsView } from './voterGroupViews.ts';

export type ProposalStatus = 'approved' | 'pending' | 'rejected' | 'merged';

/** What the server sends. Plain data, the same for REST and Socket.IO. */

export type { SecurityReport } from './securityReport.ts';

export interface ProposalView {
  id: string;
  title: string;
  description: string;
  cost: number | null;
  position: number;
  /** Facilitator proposals are approved; participants' wait for moderation. */
  status: ProposalStatus;
  /** Submitted by a participant from a phone (the author is never shown). */
  submitted: boolean;
  /** Why it was rejected (shown to its author). */
  reason: string | null;
  /** The proposal it was merged into. */
  mergedInto: string | null;
}

/**
 * A proposal as token-less screens and voters see it: only approved
 * proposals on an opened ballot, without moderation fields (docs/security.md).
 */
export type PublicProposalView = Pick<ProposalView, 'id' | 'title' | 'description' | 'cost' | 'position'>;

/** A participant's own submission, as their phone shows it. */
export interface SubmissionView {
  id: string;
  title: string;
  description: string;
  status: ProposalStatus;
  /** The facilitator's reason (rejected), or the server's English note (merged). */
  reason: string | null;
  /** Merged: the title of the proposal it went into (phones word this themselves). */
  mergedIntoTitle: string | null;
  createdAt: number;
}

/** Where a round came from, when it was advanced from another one. */
export interface RoundOrigin {
  fromRoundId: string;
  k: number;
  tieBreak: TieBreak | null;
  /** The tied proposals at the cut, and those taken. */
  tied: string[];
  /** Seed of the draw, recorded so anyone can re-run it. */
  seed: string | null;
}

export interface RoundView {
  id: string;
  assemblyId: string;
  seq: number;
  question: string;
  status: RoundStatus;
  proposalIds: string[];
  rules: BallotRules;
  /** The overrides the facilitator chose (null = formula default). */
  overrides: { plus: number | null; minus: number | null; ratio: number | null };
  budget: number | null;
  visibility: Visibility;
  lockBallots: boolean;
  durationSec: number | null;
  /** Epoch ms when the round closes by itself, if it has a timer. */
  deadline: number | null;
  openedAt: number | null;
  closedAt: number | null;
  origin: RoundOrigin | null;
  /** Settings of d21-method.md §5: exclusion, tie-break, ranking, pots (docs/practice.md). */
  practice: RoundPractice;
  /** §5.6 resolved: each phone shows the proposals in its own shuffled order. */
  shuffled: boolean;
  /** The ballot paper frozen at open: each proposal as voters saw it (null while a draft). */
  paper: PaperEntry[] | null;
  /** Set when the round closed: its sealed result's digest (the result itself: results endpoints). */
  seal: SealSummary | null;
}

/** What identifies a closed round's sealed result (docs/protocol.md, "Sealed results"). */
export interface SealSummary {
  format: string;
  /** SHA-256, 64 hex digits, over the canonical sealed result and anonymised ballots. */
  digest: string;
  closedAt: number;
}

export interface AssemblyView {
  id: string;
  title: string;
  joinMode: JoinMode;
  display: DisplayMode;
  createdAt: number;
  settings: AssemblySettings;
  proposals: ProposalView[];
  rounds: RoundView[];
  /** The open round, else the last opened one, else null. */
  currentRoundId: string | null;
}

/** What a phone sees of the assembly: no drafts, no other rounds. */
export interface VoterAssemblyView {
  id: string;
  title: string;
  joinMode: JoinMode;
  /** The assembly's default language and the language of its texts (BCP 47). */
  language: string;
  /** ISO 4217 code for costs, or null for plain numbers. */
  currency: string | null;
}

/**
 * The round a phone shows: the round and its frozen ballot paper as
 * `proposals`, in ballot order (`round.paper` is null here: not sent twice).
 */
export interface VoterRoundView {
  round: RoundView;
  proposals: PublicProposalView[];
  /** The round's final (sealed) results, once it closed and the facilitator published them to phones; else null. */
  results: RoundResults | null;
}

/**
 * What a token-less screen knows of the assembly: what the projector shows
 * the room. No drafts, no pending or rejected proposals, and of the
 * settings only what the room's screens render with (language, currency).
 */
export interface ScreenAssemblyView {
  id: string;
  title: string;
  joinMode: JoinMode;
  display: DisplayMode;
  /** The screen's default language and the currency of costs: already shown to every phone. */
  settings: Pick<AssemblySettings, 'language' | 'currency' | 'screens' | 'map'>;
  /** Proposals on opened or closed rounds. */
  proposals: PublicProposalView[];
  /** Opened and closed rounds (never drafts). */
  rounds: RoundView[];
  currentRoundId: string | null;
}

export interface BallotReceipt {
  roundId: string;
  ballotId: string;
  plus: string[];
  minus: string[];
  /** Server time (epoch ms) the ballot was committed. */
  at: number;
  /** The round's acceptance sequence number: screens' snapshots carry it too. */
  seq: number;
}

export interface Turnout {
  /** Participants who joined the assembly (people, not sockets). */
  joined: number;
  /** Participants connected now. */
  online: number;
  /** Participants whose ballot counts in the round (abstentions included). */
  voted: number;
}

export interface TallySnapshot {
  assemblyId: string;
  roundId: string;
  status: RoundStatus;
  /** Highest acceptance sequence number included in this snapshot. */
  seq: number;
  /** Server time (epoch ms) of the snapshot. */
  at: number;
  deadline: number | null;
  turnout: Turnout;
  /** Null while results are hidden until close. */
  results: RoundResults | null;
}

export interface JoinResult {
  role: Role;
  assemblyId: string;
  /** Voters: the participant token to keep (localStorage) and send on rejoin. */
  token?: string;
}

export interface VoterState {
  assembly: VoterAssemblyView;
  current: VoterRoundView | null;
  /** The voter's own counted ballot in the current round, if any. */
  myBallot: BallotReceipt | null;
  display: DisplayMode;
  submissions: AssemblySettings['submissions'] & { mine: SubmissionView[] };
  profile: { questions: ProfileQuestion[]; answers: Record<string, string | null>; answered: boolean };
}

/** What the phone learns when the facilitator changes the assembly's settings. */
export interface VoterSettings {
  /** The assembly's title (the facilitator may rename it). */
  title: string;
  submissions: AssemblySettings['submissions'];
  profile: ProfileQuestion[];
}

/** Results of one round split by the answers to one profile question. */
export interface SegmentBreakdown {
  questionId: string;
  label: string;
  /** Groups with fewer than this many voters are never shown on their own. */
  minGroup: number;
  groups: {
    optionId: string | null;
    label: string;
    /** null when suppressed for privacy. */
    voters: number | null;
    suppressed: boolean;
    options: { id: string; plus: number; minus: number; net: number; support: number; opposition: number }[] | null;
  }[];
  /** Pol.is-style group-informed consensus over the shown groups, per proposal. */
  groupConsensus: { id: string; agreement: number; rejection: number }[];
}

export interface StaffState {
  assembly: AssemblyView;
  snapshot: TallySnapshot | null;
  /** Turnout even before any round opens (the join screen's "N joined"). */
  turnout: Turnout;
}

export interface ScreenState {
  assembly: ScreenAssemblyView;
  snapshot: TallySnapshot | null;
  turnout: Turnout;
}

export type SessionState =
  | ({ role: 'voter' } & VoterState)
  | ({ role: 'facilitator' } & StaffState)
  | ({ role: 'screen' } & ScreenState)
  | ({ role: 'staff' } & EntryState);

export interface CreatedAssembly {
  assembly: AssemblyView;
  /** Shown once; only its hash is stored. */
  facilitatorToken: string;
  urls: { facilitator: string; screen: string; join: string };
}

/** An access code as the facilitator's list shows it (never the code itself). */
export interface CodeView {
  id: string;
  /** Card number printed beside the code. */
  label: number;
  status: 'unused' | 'used' | 'revoked';
  replacesId: string | null;
  createdAt: number;
}

/** A freshly generated code: the only time its text is sent. */
export interface IssuedCode extends CodeView {
  code: string;
}

/** The final report (GET /api/assemblies/:id/report.json). */
export interface ReportRound {
  round: RoundView;
  turnout: Turnout;
  /** Null while a hidden round is still open. */
  results: RoundResults | null;
  breakdown: SegmentBreakdown[];
  /** Voters grouped by how they voted; null while results are hidden. */
  opinionGroups: OpinionGroupsView | null;
  /** Who backs what together (§5.8); null while results are hidden. */
  coSupport: CoSupportView | null;
  /** §5.1 phone, paper and total counts of a round with paper ballots (sealed at close); null without paper or while hidden. */
  channels: ChannelTotals | null;
}

export interface Report {
  /** language: the assembly's default (and its texts'); currency: ISO 4217 or null. */
  assembly: { id: string; title: string; language: string; currency: string | null };
  generatedAt: number;
  titles: Record<string, string>;
  costs: Record<string, number | null>;
  rounds: ReportRound[];
  /** Winners of the last closed round: what goes onward (to the board, to funding). */
  referred: { roundId: string; proposalIds: string[]; tiedAtCut: string[] } | null;
  proposals: { total: number; approved: number; pending: number; rejected: number; merged: number; submittedByParticipants: number };
}
