import type { AssemblySettings, DisplayMode, JoinMode, RoundStatus, Visibility } from '../../shared/protocol/schemas.ts';
import type { PaperEntry, RoundPractice, SealedRound } from '../../shared/domain/index.ts';
import type { ProposalStatus, RoundOrigin, SegmentBreakdown } from '../../shared/protocol/views.ts';

/**
 * The store interface. The hub only talks to this, so a PostgreSQL store for
 * multi-node can replace the embedded SQLite one. Every write resolves only
 * once it is durable (committed); implementations may batch commits.
 */

export interface AssemblyRow {
  id: string;
  title: string;
  joinMode: JoinMode;
  display: DisplayMode;
  facilitatorHash: string;
  createdAt: number;
  settings: AssemblySettings;
}

export interface ProposalRow {
  id: string;
  assemblyId: string;
  title: string;
  description: string;
  cost: number | null;
  position: number;
  createdAt: number;
  status: ProposalStatus;
  /** The participant who submitted it from a phone, if any. */
  authorId: string | null;
  reason: string | null;
  mergedInto: string | null;
  /** The author's phone's submission id, for idempotent resends. */
  clientId: string | null;
}

export interface RoundRow {
  id: string;
  assemblyId: string;
  seq: number;
  question: string;
  status: RoundStatus;
  proposalIds: string[];
  winners: number;
  plus: number | null;
  minus: number | null;
  ratio: number | null;
  budget: number | null;
  visibility: Visibility;
  lockBallots: boolean;
  durationSec: number | null;
  deadline: number | null;
  openedAt: number | null;
  closedAt: number | null;
  createdAt: number;
  origin: RoundOrigin | null;
  /** Settings of d21-method.md §5 (exclusion, tie-break, ranking, pots…). */
  practice: RoundPractice;
  /** The ballot paper frozen at open (null while a draft). */
  paper: PaperEntry[] | null;
  /** The sealed result, stored in the same write that closes the round (null until closed). */
  seal: SealedRound | null;
}

export interface ParticipantRow {
  id: string;
  assemblyId: string;
  tokenHash: string;
  createdAt: number;
  /** Set when the facilitator revoked the participant's access code. */
  revoked: boolean;
}

/** A one-use access code: stored hashed; bound to the first phone that redeems it. */
export interface AccessCodeRow {
  id: string;
  assemblyId: string;
  codeHash: string;
  /** Card number printed beside the code, so the facilitator can find it. */
  label: number;
  status: 'unused' | 'used' | 'revoked';
  participantId: string | null;
  /** The code this one replaced, if any. */
  replacesId: string | null;
  /** The phone's join id when it was redeemed (a lost reply can be retried). */
  joinId: string | null;
  createdAt: number;
}

export interface RoundCounts {
  ballots: number;
  abstentions: number;
  plus: Record<string, number>;
  minus: Record<string, number>;
  maxSeq: number;
}

/** A staff link for paper-ballot entry (docs/practice.md "Paper ballots"): its key is stored hashed. */
export interface StaffLinkRow {
  id: string;
  assemblyId: string;
  name: string;
  keyHash: string;
  createdAt: number;
  /** Epoch ms it was revoked, or null while it works. */
  revokedAt: number | null;
}

/** One keying of a paper ballot by a staff link, as stored (shared/domain/paperBallots.ts `PaperKeying`, with its round). */
export interface PaperKeyingRow {
  /** The entry screen's id for the keying. */
  id: string;
  roundId: string;
  serial: string;
  staffId: string;
  plus: string[];
  minus: string[];
  /** The access code's id (never the code) in access-code assemblies, else null. */
  codeId: string | null;
  at: number;
}

/**
 * The facilitator's decision on a serial, as stored: accept a ballot as the
 * paper shows it, or void the serial; or the server's hold of a serial whose
 * matching keyings would claim a card already used (reason `phone` or
 * `serial:<serial>`; shared/domain/paperBallots.ts `PaperHold`).
 */
export interface PaperDecisionRow {
  id: string;
  roundId: string;
  serial: string;
  action: 'accept' | 'void' | 'hold';
  /** Accept: the ballot that counts (empty for a void). */
  plus: string[];
  minus: string[];
  codeId: string | null;
  /** Void: why; hold: `phone` or `serial:<serial>`. */
  reason: string | null;
  at: number;
}

/** A voter's last ballot in a round: the truth the tally is rebuilt from. */
export interface BallotRow {
  roundId: string;
  participantId: string;
  ballotId: string;
  plus: string[];
  minus: string[];
  seq: number;
  at: number;
}

export interface Store {
  /** Applies migrations; safe to call on an existing store. */
  init(): Promise<void>;
  close(): Promise<void>;

  createAssembly(row: AssemblyRow): Promise<void>;
  updateAssembly(row: AssemblyRow): Promise<void>;
  loadAssemblies(): Promise<AssemblyRow[]>;

  saveProposal(row: ProposalRow): Promise<void>;
  saveProposals(rows: ProposalRow[]): Promise<void>;
  deleteProposal(id: string): Promise<void>;
  loadProposals(): Promise<ProposalRow[]>;

  saveRound(row: RoundRow): Promise<void>;
  loadRounds(): Promise<RoundRow[]>;

  addParticipant(row: ParticipantRow): Promise<void>;
  findParticipant(assemblyId: string, tokenHash: string): Promise<ParticipantRow | null>;
  /** Participants who still count (not revoked). */
  countParticipants(assemblyId: string): Promise<number>;
  revokeParticipant(id: string): Promise<void>;
  /** Gives a participant a new token (its phone never got the first one). */
  setParticipantToken(id: string, tokenHash: string): Promise<void>;
  loadRevokedParticipants(): Promise<{ id: string; assemblyId: string }[]>;

  /** Profile answers (question id → option id, null = skipped). */
  saveProfile(participantId: string, assemblyId: string, answers: Record<string, string | null>): Promise<void>;
  loadProfiles(): Promise<{ participantId: string; assemblyId: string; answers: Record<string, string | null> }[]>;

  addAccessCodes(rows: AccessCodeRow[]): Promise<void>;
  saveAccessCode(row: AccessCodeRow): Promise<void>;
  loadAccessCodes(): Promise<AccessCodeRow[]>;

  /**
   * Upserts the voter's ballot for the round (last ballot counts); in the
   * same transaction the ballot it replaces is kept under its ballot id, so
   * every ballot id a voter used stays answerable (`getReceipt`).
   */
  saveBallot(row: BallotRow): Promise<void>;
  /**
   * The ballot this voter sent with this id (the last one or any earlier
   * one), read without waiting for queued writes: the answer to a resend
   * after a lost ack or a restart.
   */
  getReceipt(roundId: string, participantId: string, ballotId: string): Promise<BallotRow | null>;
  /**
   * The ids of the earlier ballots this voter's current one replaced in the
   * round (not the current one), read without waiting for queued writes:
   * the hub's filter of used ids learns them when it first meets the voter.
   */
  ballotIds(roundId: string, participantId: string): Promise<string[]>;
  loadBallots(roundId: string): Promise<BallotRow[]>;
  /**
   * One voter's committed ballot, read without waiting for queued writes:
   * the hub only asks for voters it has no pending write for.
   */
  getBallot(roundId: string, participantId: string): Promise<BallotRow | null>;
  /** The counts of a round's stored ballots, aggregated by the store (recovery at start). */
  countRound(roundId: string): Promise<RoundCounts>;
  deleteBallot(roundId: string, participantId: string): Promise<void>;
  countBallots(roundId: string): Promise<number>;

  /**
   * Severs a closed round's ballots from the people who cast them
   * (docs/security.md, "The data file"). In one transaction, and only if
   * the round is stored as closed: keeps `breakdown` (the round's results by
   * profile answers, computed at close), rewrites each ballot as an
   * anonymous row (participant `sealed:<n>`, numbered in canonical order;
   * ids inside it sorted; no ballot id, time or sequence number) and deletes
   * the ballots they replaced. What recounts, exports and the seal's digest
   * read (`loadBallots`, `countRound`) is unchanged; a voter's own ballot
   * (`getBallot`, `getReceipt`) is no longer found. Doing it again changes nothing.
   */
  severRound(roundId: string, breakdown: SegmentBreakdown[]): Promise<void>;
  /** The breakdown kept when the round was severed; null if it was not (yet). */
  loadBreakdown(roundId: string): Promise<SegmentBreakdown[] | null>;

  /** Creates or updates (revokes) a staff link. */
  saveStaffLink(row: StaffLinkRow): Promise<void>;
  loadStaffLinks(): Promise<StaffLinkRow[]>;
  /** Appends a keying (the audit log keeps every one); a keying id already stored is an error. */
  addPaperKeying(row: PaperKeyingRow): Promise<void>;
  /** Appends a facilitator's decision on a serial (the latest counts; all stay in the audit log). */
  addPaperDecision(row: PaperDecisionRow): Promise<void>;
  /** The keyings and decisions of one round, or of every round (null), oldest first. */
  loadPaper(roundId: string | null): Promise<{ keyings: PaperKeyingRow[]; decisions: PaperDecisionRow[] }>;
  /**
   * Severs a closed round's paper ballots from the access cards printed on
   * them (docs/security.md, "The data file"): in one transaction, and only
   * if the round is stored as closed, each access-code id on its keyings and
   * decisions becomes its pseudonym (`pseudonyms[codeId]`, the same for
   * every row of one code, so the keyings still agree or differ as before).
   */
  severPaperCodes(roundId: string, pseudonyms: Record<string, string>): Promise<void>;
}

/** A severed ballot's participant id: `sealed:` and its place in canonical order (types.ts `severRound`). */
export const SEALED_PREFIX = 'sealed:';
