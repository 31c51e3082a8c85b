import { z } from 'zod';

/** §5.2 exclusion thresholds of a round (all off by default). */
export const ExclusionSettings = z.strictObject({
  netBelowZero: z.boolean(),
  maxMinusPercent: z.number().min(0).max(100).nullable(),
  minPlus: z.int().min(0).max(1_000_000).nullable(),
});
export type ExclusionSettings = z.infer<typeof ExclusionSettings>;

/** §5.3 tie-break rules; §5.4 ranking variants. */
export const TieBreakRule = z.enum(['flag', 'plusMinusDraw', 'revote']);
export const RankBy = z.enum(['net', 'plus']);
