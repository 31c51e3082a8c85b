/**
 * The wire contract of every client→server command: its Socket.IO event
 * name, the zod schema of its payload and the data its successful ack
 * carries. The server's command table (server/commands) adds roles, the hub
 * handler and the REST route; the typed event maps (events.ts) are derived
 * from this record, so a client sending a wrong payload fails `tsc`.
 */
import type { z } from 'zod';
import {
  AssemblyUpdate,
  BallotSubmit,
  CodeRevoke,
  CodesGenerate,
  DisplaySet,
  Empty,
  Join,
  ProfileAnswer,
  ProposalCreateCmd,
  ProposalMerge,
  ProposalModerate,
  ProposalOrder,
  ProposalRef,
  ProposalSubmit,
  ProposalUpdateCmd,
  RoundAdvance,
  RoundCreate,
  RoundExtend,
  RoundPublish,
  RoundOpen,
  RoundRef,
  RoundUpdate,
  type DisplayMode,
} from './schemas.ts';
import { PaperKey, PaperResolve, PaperRound, PaperVoid, StaffCreate, StaffRef } from './paperSchemas.ts';
import type { CreatedStaffLink, PaperBallotView, PaperEntryView, PaperListView, StaffLinkView } from './paperViews.ts';
import type {
  AssemblyView,
  BallotReceipt,
  CoSupportView,
  CodeView,
  IssuedCode,
  JoinResult,
  OpinionGroupsView,
  ProposalView,
  RoundView,
  SegmentBreakdown,
  SessionState,
  SubmissionView,
} from './views.ts';

/** A command's schema and, as a type only, the data of its successful ack. */
export interface CommandContract<S extends z.ZodType, T> {
  schema: S;
  /** Never set at run time: carries the ack data type. */
  reply?: T;
}

/** `replies<T>()(Schema)`: pairs a payload schema with its ack data type. */
const replies =
  <T>() =>
  <S extends z.ZodType>(schema: S): CommandContract<S, T> => ({ schema });

export const COMMANDS = {
  'session:join': replies<JoinResult & { state: SessionState }>()(Join),
  'state:sync': replies<SessionState>()(Empty),
  'ballot:submit': replies<BallotReceipt>()(BallotSubmit),
  'proposal:submit': replies<SubmissionView>()(ProposalSubmit),
  'profile:answer': replies<{ answers: Record<string, string | null> }>()(ProfileAnswer),
  'proposal:create': replies<ProposalView>()(ProposalCreateCmd),
  'proposal:update': replies<ProposalView>()(ProposalUpdateCmd),
  'proposal:delete': replies<{ proposalId: string }>()(ProposalRef),
  'proposal:reorder': replies<ProposalView[]>()(ProposalOrder),
  'proposal:moderate': replies<ProposalView>()(ProposalModerate),
  'proposal:merge': replies<ProposalView>()(ProposalMerge),
  'round:create': replies<RoundView>()(RoundCreate),
  'round:update': replies<RoundView>()(RoundUpdate),
  'round:open': replies<RoundView>()(RoundOpen),
  'round:close': replies<RoundView>()(RoundRef),
  'round:extend': replies<RoundView>()(RoundExtend),
  'round:publish': replies<{ roundId: string; published: boolean }>()(RoundPublish),
  'round:advance': replies<RoundView>()(RoundAdvance),
  'breakdown:get': replies<SegmentBreakdown[]>()(RoundRef),
  'groups:get': replies<OpinionGroupsView>()(RoundRef),
  'cosupport:get': replies<CoSupportView>()(RoundRef),
  'assembly:update': replies<AssemblyView>()(AssemblyUpdate),
  'display:set': replies<{ mode: DisplayMode }>()(DisplaySet),
  'codes:generate': replies<IssuedCode[]>()(CodesGenerate),
  'codes:list': replies<CodeView[]>()(Empty),
  'code:revoke': replies<{ revoked: CodeView; replacement: IssuedCode | null }>()(CodeRevoke),
  'staff:create': replies<CreatedStaffLink>()(StaffCreate),
  'staff:list': replies<StaffLinkView[]>()(Empty),
  'staff:revoke': replies<StaffLinkView>()(StaffRef),
  'paper:key': replies<PaperEntryView>()(PaperKey),
  'paper:list': replies<PaperListView>()(PaperRound),
  'paper:resolve': replies<PaperBallotView>()(PaperResolve),
  'paper:void': replies<PaperBallotView>()(PaperVoid),
} as const;

export type CommandName = keyof typeof COMMANDS;
/** What a client sends (before the schema's defaults and trimming). */
export type CommandInput<E extends CommandName> = z.input<(typeof COMMANDS)[E]['schema']>;
/** What the server's handler gets after parsing. */
export type CommandParsed<E extends CommandName> = z.output<(typeof COMMANDS)[E]['schema']>;
/** The data of a successful ack. */
export type CommandReply<E extends CommandName> = NonNullable<(typeof COMMANDS)[E]['reply']>;
