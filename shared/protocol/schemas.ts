import { z } from 'zod';

/**
 * Input schemas, shared by the server (which trusts nothing else) and the
 * client (which validates forms with the same rules). All objects are
 * strict: unknown fields are an error, not silently dropped.
 */

export const LIMITS = {
  titleMax: 200,
  descriptionMax: 2000,
  questionMax: 300,
  proposalsPerRoundMax: 500,
  proposalsPerAssemblyMax: 2000,
  costMax: 1_000_000_000_000,
  roundDurationMaxSec: 24 * 3600,
  csvImportMaxBytes: 512 * 1024,
} as const;

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, - and _');
const Text = (max: number) => z.string().trim().max(max);

export const JoinMode = z.enum(['open', 'codes']);
export type JoinMode = z.infer<typeof JoinMode>;

export const DisplayMode = z.enum(['join', 'live', 'final', 'blank']);
export type DisplayMode = z.infer<typeof DisplayMode>;

export const Visibility = z.enum(['live', 'hidden']);
export type Visibility = z.infer<typeof Visibility>;

export const RoundStatus = z.enum(['draft', 'open', 'closed']);
export type RoundStatus = z.infer<typeof RoundStatus>;

export const Role = z.enum(['voter', 'facilitator', 'screen']);
export type Role = z.infer<typeof Role>;

export const AssemblyCreate = z.strictObject({
  title: Text(LIMITS.titleMax).min(1, 'a title is required'),
  joinMode: JoinMode.optional(),
});
export type AssemblyCreate = z.infer<typeof AssemblyCreate>;

export const AssemblyUpdate = z.strictObject({
  title: Text(LIMITS.titleMax).min(1).optional(),
  joinMode: JoinMode.optional(),
});
export type AssemblyUpdate = z.infer<typeof AssemblyUpdate>;

export const Cost = z.int().min(0).max(LIMITS.costMax);

export const ProposalInput = z.strictObject({
  title: Text(LIMITS.titleMax).min(1, 'a title is required'),
  description: Text(LIMITS.descriptionMax).optional(),
  cost: Cost.nullable().optional(),
});
export type ProposalInput = z.infer<typeof ProposalInput>;

export const ProposalPatch = z.strictObject({
  title: Text(LIMITS.titleMax).min(1).optional(),
  description: Text(LIMITS.descriptionMax).optional(),
  cost: Cost.nullable().optional(),
});
export type ProposalPatch = z.infer<typeof ProposalPatch>;

export const ProposalOrder = z.strictObject({
  proposalIds: z.array(Id).max(LIMITS.proposalsPerAssemblyMax),
});

const RoundFields = {
  question: Text(LIMITS.questionMax).optional(),
  proposalIds: z.array(Id).min(1).max(LIMITS.proposalsPerRoundMax),
  winners: z.int().min(1).max(LIMITS.proposalsPerRoundMax),
  /** Overrides of the formula (rule 7); omitted = default. */
  plus: z.int().min(0).max(LIMITS.proposalsPerRoundMax).nullable().optional(),
  minus: z.int().min(0).max(LIMITS.proposalsPerRoundMax).nullable().optional(),
  ratio: z.number().min(0).max(10).nullable().optional(),
  /** Participatory budget for the round; null = not a budget round. */
  budget: Cost.nullable().optional(),
  /** Timer: the round closes by itself this many seconds after opening. */
  durationSec: z.int().min(5).max(LIMITS.roundDurationMaxSec).nullable().optional(),
  visibility: Visibility.optional(),
  /** Rule 8 (ours): lock ballots once cast instead of allowing changes. */
  lockBallots: z.boolean().optional(),
};

export const RoundCreate = z.strictObject(RoundFields);
export type RoundCreate = z.infer<typeof RoundCreate>;

export const RoundUpdate = z.strictObject({
  roundId: Id,
  question: RoundFields.question,
  proposalIds: RoundFields.proposalIds.optional(),
  winners: RoundFields.winners.optional(),
  plus: RoundFields.plus,
  minus: RoundFields.minus,
  ratio: RoundFields.ratio,
  budget: RoundFields.budget,
  durationSec: RoundFields.durationSec,
  visibility: RoundFields.visibility,
  lockBallots: RoundFields.lockBallots,
});
export type RoundUpdate = z.infer<typeof RoundUpdate>;

export const RoundRef = z.strictObject({ roundId: Id });
export const RoundOpen = z.strictObject({
  roundId: Id,
  /** Overrides the round's timer for this opening. */
  durationSec: z.int().min(5).max(LIMITS.roundDurationMaxSec).nullable().optional(),
});
export const RoundExtend = z.strictObject({
  roundId: Id,
  seconds: z.int().min(1).max(LIMITS.roundDurationMaxSec),
});

export const Join = z.strictObject({
  assemblyId: Id,
  role: Role,
  /** Facilitator: the capability token. Voter: the participant token kept by the phone. */
  token: z.string().min(1).max(200).optional(),
  /** Voter in an access-code assembly: the one-use code. */
  code: z.string().min(1).max(64).optional(),
});
export type Join = z.infer<typeof Join>;

export const BallotSubmit = z.strictObject({
  roundId: Id,
  /** Client-generated id: resending the same id is answered with the same receipt. */
  ballotId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
  plus: z.array(Id).max(LIMITS.proposalsPerRoundMax),
  minus: z.array(Id).max(LIMITS.proposalsPerRoundMax),
});
export type BallotSubmit = z.infer<typeof BallotSubmit>;

export const CodesGenerate = z.strictObject({ count: z.int().min(1).max(2000) });
export const CodeRevoke = z.strictObject({
  codeId: Id,
  /** Issue a fresh code for the same person (a phone died). */
  replace: z.boolean().optional(),
});

export const DisplaySet = z.strictObject({ mode: DisplayMode });
export const ProposalCreateCmd = ProposalInput;
export const ProposalUpdateCmd = z.strictObject({ proposalId: Id, patch: ProposalPatch });
export const ProposalRef = z.strictObject({ proposalId: Id });
export const Empty = z.strictObject({});
