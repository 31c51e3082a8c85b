import { z } from 'zod';
import { MapThresholds, ScreenConfig } from './screenSettings.ts';
export * from './screenSettings.ts';
export * from './practiceRules.ts';
import { RESERVED_IDS, Text } from './text.ts';
import { Cost, Id, LIMITS } from './baseSchemas.ts';
export * from './baseSchemas.ts';
export * from './roundSchemas.ts';

/**
 * Input schemas, shared by the server (which trusts nothing else) and the
 * client (which validates forms with the same rules). All objects are
 * strict: unknown fields are an error, not silently dropped.
 */


export { Text };

export const JoinMode = z.enum(['open', 'codes']);
export type JoinMode = z.infer<typeof JoinMode>;

/** What the projector shows; 'disagree' ranks proposals by polarisation (Paris). */
export const DisplayMode = z.enum(['join', 'live', 'final', 'disagree', 'blank']);
export type DisplayMode = z.infer<typeof DisplayMode>;


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
