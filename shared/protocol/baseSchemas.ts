import { z } from 'zod';
import { RESERVED_IDS } from './text.ts';

/**
 * The primitives every input schema is built from (ids, limits, costs),
 * apart from shared/protocol/schemas.ts so that the schema modules can
 * share them without importing each other.
 */

export const LIMITS = {
  titleMax: 200,
  descriptionMax: 2000,
  questionMax: 300,
  proposalsPerRoundMax: 500,
  proposalsPerAssemblyMax: 2000,
  /** Phones add proposals only up to here: the rest of the cap stays the facilitator's (docs/security.md, "Limits"). */
  phoneProposalsMax: 1500,
  /** Phone submissions waiting for moderation at once, per assembly. */
  pendingSubmissionsMax: 500,
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

export const Visibility = z.enum(['live', 'hidden']);
export type Visibility = z.infer<typeof Visibility>;

/** An amount of money in the assembly's currency, whole units. */
export const Cost = z.int().min(0).max(LIMITS.costMax);
