import { z } from 'zod';
import { MapThresholds, ScreenConfig } from './screenSettings.ts';
export * from './screenSettings.ts';
import { ExclusionSettings, RankBy, TieBreakRule } from './practiceRules.ts';
export * from './practiceRules.ts';
import { RESERVED_IDS, Text } from './text.ts';

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

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, - and _')
  .refine((id) => !RESERVED_IDS.has(id), { message: 'this id is a reserved name (__proto__, constructor, toString …): choose another' });
export { Text };

export const JoinMode = z.enum(['open', 'codes']);
export type JoinMode = z.infer<typeof JoinMode>;

/** What the projector shows; 'disagree' ranks proposals by polarisation (Paris). */
export const DisplayMode = z.enum(['join', 'live', 'final', 'disagree', 'blank']);
export type DisplayMode = z.infer<typeof DisplayMode>;

export const Visibility = z.enum(['live', 'hidden']);
export type Visibility = z.infer<typeof Visibility>;

export const RoundStatus = z.enum(['draft', 'open', 'closed']);
export type RoundStatus = z.infer<typeof RoundStatus>;

export const Role = z.enum(['voter', 'facilitator', 'screen', 'staff']);
export type Role = z.infer<typeof Role>;

/** A question asked once at join (skippable), for results by segment. */
export const ProfileQuestion = z.strictObject({
  id: Id,
  label: Text(100).min(1),
  options: z
    .array(z.strictObject({ id: Id, label: Text(60).min(1) }))
    .min(2)
    .max(12),
});
export type ProfileQuestion = z.infer<typeof ProfileQuestion>;

export const SubmissionSettings = z.strictObject({
  /** Participants may propose from their phones. */
  open: z.boolean(),
  /** Proposals a participant may submit in all. */
  maxPerParticipant: z.int().min(1).max(20),
});
export type SubmissionSettings = z.infer<typeof SubmissionSettings>;

/**
 * A BCP 47 language tag ('en', 'cs', 'pt-BR'): the assembly's default
 * language for screens without their own choice, and the language of the
 * text the facilitator types (marked up with lang= so screen readers
 * pronounce it right). docs/i18n.md.
 */
export const LanguageTag = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/, 'a language tag such as en or cs');
/** An ISO 4217 currency code for budget amounts ('CZK', 'EUR', 'USD'). */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'a currency code such as CZK or USD');

export const AssemblySettings = z.strictObject({
  submissions: SubmissionSettings,
  profile: z.array(ProfileQuestion).max(5),
  language: LanguageTag,
  /** Null: costs are plain numbers without a currency. */
  currency: CurrencyCode.nullable(),
  /** Projector links with their own settings (names unique). */
  screens: z
    .array(ScreenConfig)
    .max(12)
    .refine((list) => new Set(list.map((s) => s.name)).size === list.length, 'screen names must be unique'),
  map: MapThresholds,
  /** Closed rounds whose final results phones show (the facilitator published them: round:publish). */
  published: z.array(Id).max(1000),
});
export type AssemblySettings = z.infer<typeof AssemblySettings>;

export const DEFAULT_SETTINGS: AssemblySettings = {
  submissions: { open: false, maxPerParticipant: 3 },
  profile: [],
  language: 'en',
  currency: null,
  screens: [],
  map: { support: null, opposition: null },
  published: [],
};

export const AssemblyCreate = z.strictObject({
  title: Text(LIMITS.titleMax).min(1, 'a title is required'),
  joinMode: JoinMode.optional(),
  language: LanguageTag.optional(),
});
export type AssemblyCreate = z.infer<typeof AssemblyCreate>;

export const AssemblyUpdate = z.strictObject({
  title: Text(LIMITS.titleMax).min(1).optional(),
  joinMode: JoinMode.optional(),
  submissions: SubmissionSettings.optional(),
  profile: AssemblySettings.shape.profile.optional(),
  language: LanguageTag.optional(),
  currency: CurrencyCode.nullable().optional(),
  screens: AssemblySettings.shape.screens.optional(),
  map: MapThresholds.optional(),
});
export type AssemblyUpdate = z.infer<typeof AssemblyUpdate>;

export const Cost = z.int().min(0).max(LIMITS.costMax);

export const ProposalInput = z.strictObject({
  title: Text(LIMITS.titleMax).min(1, 'a title is required'),
  description: Text(LIMITS.descriptionMax, { multiline: true }).optional(),
  cost: Cost.nullable().optional(),
});
export type ProposalInput = z.infer<typeof ProposalInput>;

export const ProposalPatch = z.strictObject({
  title: Text(LIMITS.titleMax).min(1).optional(),
  description: Text(LIMITS.descriptionMax, { multiline: true }).optional(),
  cost: Cost.nullable().optional(),
});
export type ProposalPatch = z.infer<typeof ProposalPatch>;

export const ProposalOrder = z.strictObject({
  proposalIds: z.array(Id).max(LIMITS.proposalsPerAssemblyMax),
});

/** §5.7 one budget pot of a round. */
export const PotInput = z.strictObject({
  id: Id,
  label: Text(60).min(1, 'a pot needs a name'),
  budget: Cost,
});
export type PotInput = z.infer<typeof PotInput>;

export const POTS_MAX = 10;

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
  /** Fills plus/minus/ratio from a real use (shared/domain/presets.ts); explicit values win. */
  preset: z.enum(['nyc', 'prague10']).nullable().optional(),
  /** §5.2: proposals crossing a threshold are excluded (never winners, never funded). */
  exclusion: ExclusionSettings.optional(),
  /** §5.3: how a tie at the cut is handled; default `flag`. */
  tieRule: TieBreakRule.optional(),
  /** §5.4: ranking by net (default) or by plus votes. */
  rankBy: RankBy.optional(),
  /** §5.5: a minus vote only after all plus votes are used (Ďáblice). */
  minusAfterAllPlus: z.boolean().optional(),
  /** §5.6: per-voter shuffled ballot order; null = on from 8 proposals. */
  shuffle: z.boolean().nullable().optional(),
  /** §5.7: several budgets in one round (replaces `budget`); null = one budget. */
  pots: z.array(PotInput).min(1).max(POTS_MAX).nullable().optional(),
  /** §5.7: proposal id → pot id; a proposal left out is in the first pot. */
  potOf: z.record(Id, Id).nullable().optional(),
};

export const RoundCreate = z.strictObject(RoundFields);
export type RoundCreate = z.infer<typeof RoundCreate>;

/** Edits a draft round: any field of RoundCreate. */
export const RoundUpdate = RoundCreate.partial().extend({ roundId: Id });
export type RoundUpdate = z.infer<typeof RoundUpdate>;

export const RoundRef = z.strictObject({ roundId: Id });

/** How to fill the last places when a tie straddles the top-K cut. */
export const TieBreak = z.union([
  /** Take every tied proposal (the new round has more than K). */
  z.literal('include'),
  /** A random draw among the tied; its seed is recorded on the new round. */
  z.literal('draw'),
  /** §5.3 re-vote: the new round holds only the tied, for the places left at the cut. */
  z.literal('revote'),
  /** The facilitator's choice among the tied. */
  z.strictObject({ choose: z.array(Id).min(1).max(LIMITS.proposalsPerRoundMax) }),
]);
export type TieBreak = z.infer<typeof TieBreak>;

/** A new round from the top K of a closed one; other fields default to the old round's. */
export const RoundAdvance = RoundCreate.omit({ proposalIds: true, preset: true })
  .partial()
  .extend({ fromRoundId: Id, k: z.int().min(1).max(LIMITS.proposalsPerRoundMax), tieBreak: TieBreak.optional() });
export type RoundAdvance = z.infer<typeof RoundAdvance>;

export const SUBMISSION_LIMITS = { titleMax: 120, descriptionMax: 600, reasonMax: 300 } as const;

/** A participant's proposal from the phone (NHS Citizen: anyone proposes). */
export const ProposalSubmit = z.strictObject({
  title: Text(SUBMISSION_LIMITS.titleMax).min(3, 'a title of at least 3 characters'),
  description: Text(SUBMISSION_LIMITS.descriptionMax, { multiline: true }).optional(),
  /** Client-generated: resending the same id returns the same proposal. */
  submissionId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export type ProposalSubmit = z.infer<typeof ProposalSubmit>;

export const ProposalModerate = z.strictObject({
  proposalId: Id,
  action: z.enum(['approve', 'reject', 'reopen']),
  /** Shown to the author when rejecting. */
  reason: Text(SUBMISSION_LIMITS.reasonMax, { multiline: true }).optional(),
});
export type ProposalModerate = z.infer<typeof ProposalModerate>;

/** Merges duplicates into one proposal, which is approved; the others point to it. */
export const ProposalMerge = z.strictObject({
  targetId: Id,
  sourceIds: z.array(Id).min(1).max(50),
  title: Text(LIMITS.titleMax).min(1).optional(),
  description: Text(LIMITS.descriptionMax, { multiline: true }).optional(),
});
export type ProposalMerge = z.infer<typeof ProposalMerge>;

export const ProfileAnswer = z.strictObject({
  /** Question id → option id; null or absent = skipped. */
  answers: z.preprocess((v, ctx) => {
    // zod drops a "__proto__" key silently: name it instead.
    if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) if (RESERVED_IDS.has(k)) ctx.addIssue({ code: 'custom', message: `“${k}” is a reserved name, not a question id` });
    }
    return v;
  }, z.record(Id, Id.nullable())),
});
export const RoundOpen = z.strictObject({
  roundId: Id,
  /** Overrides the round's timer for this opening. */
  durationSec: z.int().min(5).max(LIMITS.roundDurationMaxSec).nullable().optional(),
});
/** Shows (or hides again) a closed round's final results on the phones. */
export const RoundPublish = z.strictObject({ roundId: Id, published: z.boolean() });
export const RoundExtend = z.strictObject({
  roundId: Id,
  seconds: z.int().min(1).max(LIMITS.roundDurationMaxSec),
});

export const Join = z.strictObject({
  assemblyId: Id,
  role: Role,
  /** Facilitator: the capability token. Voter: the participant token kept by the phone. Staff: the staff link's key. */
  token: z.string().min(1).max(200).optional(),
  /** Voter in an access-code assembly: the one-use code. */
  code: z.string().min(1).max(64).optional(),
  /**
   * Voter with a code: a random id the phone makes for this join. If the
   * reply is lost, joining again with the same code and joinId gets the
   * same participant (with a fresh token) instead of CODE_USED.
   */
  joinId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
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
