import { DEFAULT_SETTINGS, type AssemblySettings } from '../../shared/protocol/schemas.ts';
import { DEFAULT_PRACTICE, type RoundPractice } from '../../shared/domain/index.ts';
import type { AccessCodeRow, AssemblyRow, BallotRow, ProposalRow, RoundRow } from './types.ts';

/**
 * Stored rows (snake_case columns) to the store's row types, for both
 * stores: SQLite gives JSON as text and booleans as 0/1, PostgreSQL gives
 * JSONB already parsed and booleans (BIGINT parsed to number by its type
 * parser).
 */
type Raw = Record<string, unknown>;

/** JSON column: text (SQLite) or already parsed (PostgreSQL JSONB). */
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const bool = (v: unknown): boolean => v === true || v === 1;

export const assemblyRow = (r: Raw): AssemblyRow => ({
  id: r.id as string,
  title: r.title as string,
  joinMode: r.join_mode as AssemblyRow['joinMode'],
  display: r.display as AssemblyRow['display'],
  facilitatorHash: r.facilitator_hash as string,
  createdAt: r.created_at as number,
  settings: { ...DEFAULT_SETTINGS, ...json<Partial<AssemblySettings>>(r.settings) },
});

export const proposalRow = (r: Raw): ProposalRow => ({
  id: r.id as string,
  assemblyId: r.assembly_id as string,
  title: r.title as string,
  description: r.description as string,
  cost: r.cost as number | null,
  position: r.position as number,
  createdAt: r.created_at as number,
  status: r.status as ProposalRow['status'],
  authorId: r.author_id as string | null,
  reason: r.reason as string | null,
  mergedInto: r.merged_into as string | null,
  clientId: r.client_id as string | null,
});

export const roundRow = (r: Raw): RoundRow => ({
  id: r.id as string,
  assemblyId: r.assembly_id as string,
  seq: r.seq as number,
  question: r.question as string,
  status: r.status as RoundRow['status'],
  proposalIds: json<string[]>(r.proposal_ids),
  winners: r.winners as number,
  plus: r.plus as number | null,
  minus: r.minus as number | null,
  ratio: r.ratio as number | null,
  budget: r.budget as number | null,
  visibility: r.visibility as RoundRow['visibility'],
  lockBallots: bool(r.lock_ballots),
  durationSec: r.duration_sec as number | null,
  deadline: r.deadline as number | null,
  openedAt: r.opened_at as number | null,
  closedAt: r.closed_at as number | null,
  createdAt: r.created_at as number,
  origin: r.origin ? json<NonNullable<RoundRow['origin']>>(r.origin) : null,
  paper: r.paper ? json<NonNullable<RoundRow['paper']>>(r.paper) : null,
  seal: r.seal ? json<NonNullable<RoundRow['seal']>>(r.seal) : null,
  // Rounds stored before §5 settings existed have '{}': the defaults.
  practice: { ...DEFAULT_PRACTICE, ...(r.practice ? json<Partial<RoundPractice>>(r.practice) : {}) },
});

export const accessCodeRow = (r: Raw): AccessCodeRow => ({
  id: r.id as string,
  assemblyId: r.assembly_id as string,
  codeHash: r.code_hash as string,
  label: r.label as number,
  status: r.status as AccessCodeRow['status'],
  participantId: r.participant_id as string | null,
  replacesId: r.replaces_id as string | null,
  createdAt: r.created_at as number,
  joinId: r.join_id as string | null,
});

export const ballotRow = (r: Raw): BallotRow => ({
  roundId: r.round_id as string,
  participantId: r.participant_id as string,
  ballotId: r.ballot_id as string,
  plus: json<string[]>(r.plus),
  minus: json<string[]>(r.minus),
  seq: r.seq as number,
  at: r.at as number,
});

/**
 * A ballot read by SQLite's raw (array) statements, columns in the order
 * round_id, participant_id, ballot_id, plus, minus, seq, at: recovery reads
 * a million of these, and arrays skip building a keyed object per row.
 */
export const ballotTuple = (r: unknown[]): BallotRow => ({
  roundId: r[0] as string,
  participantId: r[1] as string,
  ballotId: r[2] as string,
  plus: JSON.parse(r[3] as string) as string[],
  minus: JSON.parse(r[4] as string) as string[],
  seq: r[5] as number,
  at: r[6] as number,
});

/** Parameters for the round upsert, in the column order of `sql.saveRound`. */
export const roundParams = (r: RoundRow): unknown[] => [
  r.id, r.assemblyId, r.seq, r.question, r.status, JSON.stringify(r.proposalIds), r.winners, r.plus, r.minus, r.ratio,
  r.budget, r.visibility, r.lockBallots, r.durationSec, r.deadline, r.openedAt, r.closedAt, r.createdAt,
  r.origin ? JSON.stringify(r.origin) : null,
  r.paper ? JSON.stringify(r.paper) : null,
  r.seal ? JSON.stringify(r.seal) : null,
  JSON.stringify(r.practice),
];

export const proposalParams = (r: ProposalRow): unknown[] => [
  r.id, r.assemblyId, r.title, r.description, r.cost, r.position, r.createdAt, r.status, r.authorId, r.reason, r.mergedInto, r.clientId,
];

export const codeParams = (r: AccessCodeRow): unknown[] => [
  r.id, r.assemblyId, r.codeHash, r.label, r.status, r.participantId, r.replacesId, r.createdAt, r.joinId,
];
