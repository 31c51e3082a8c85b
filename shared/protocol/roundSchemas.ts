import { z } from 'zod';
import { Cost, Id, LIMITS, Visibility } from './baseSchemas.ts';
import { ExclusionSettings, RankBy, TieBreakRule } from './practiceRules.ts';
import { Text } from './text.ts';

/** Round inputs: create, edit, refer, and advance the top K of a closed round (with §5 settings). */

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
