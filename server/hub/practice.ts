import { randomBytes } from 'node:crypto';
import { assignPots, DEFAULT_PRACTICE, presetPots, type RoundPractice } from '../../shared/domain/index.ts';
import type { RoundCreate } from '../../shared/protocol/schemas.ts';
import type { RoundRow } from '../store/types.ts';
import { hubErr, hubOk, type HubResult } from './context.ts';

/**
 * A round's §5 settings (docs/practice.md) from create/update input: the
 * fields the input gives over `base` (the round's current settings, or the
 * defaults). The Prague 10 preset brings its two pots to a budget round that
 * names no pots of its own, named in the assembly's `language`.
 */
type PracticeKey = 'exclusion' | 'tieRule' | 'rankBy' | 'minusAfterAllPlus' | 'shuffle' | 'pots' | 'potOf' | 'preset' | 'budget';
export type PracticeInput = { [K in PracticeKey]?: RoundCreate[K] | undefined };

export function practiceFrom(input: PracticeInput, base: RoundPractice = DEFAULT_PRACTICE, proposalIds?: readonly string[], language = 'en'): RoundPractice {
  const next: RoundPractice = { ...base };
  // Pot assignments kept from before follow the round's proposals; given ones are checked as they are.
  if (proposalIds) next.potOf = Object.fromEntries(Object.entries(base.potOf).filter(([id]) => proposalIds.includes(id)));
  if (input.exclusion !== undefined) next.exclusion = { ...input.exclusion };
  if (input.tieRule !== undefined) next.tieRule = input.tieRule;
  if (input.rankBy !== undefined) next.rankBy = input.rankBy;
  if (input.minusAfterAllPlus !== undefined) next.minusAfterAllPlus = input.minusAfterAllPlus;
  if (input.shuffle !== undefined) next.shuffle = input.shuffle;
  if (input.pots !== undefined) next.pots = input.pots === null ? null : input.pots.map((p) => ({ ...p }));
  if (input.potOf !== undefined) next.potOf = { ...(input.potOf ?? {}) };
  const fromPreset = input.preset ? presetPots(input.preset, language) : undefined;
  if (fromPreset && input.pots === undefined && input.budget != null) next.pots = fromPreset;
  return next;
}

/**
 * Checks a round's §5 settings against its proposals (every pot
 * assignment names a proposal of the round and a pot), and keeps `budget`
 * the sum of the pots when there are pots (screens that show one budget).
 */
export function checkPractice(row: RoundRow): HubResult<RoundRow> {
  const p = row.practice;
  if (!p.pots) return hubOk(row);
  const assigned = assignPots(row.proposalIds, p.pots, p.potOf);
  if (!assigned.ok) return hubErr('BAD_REQUEST', assigned.message);
  const budget = p.pots.reduce((s, pot) => s + pot.budget, 0);
  return hubOk({ ...row, budget });
}

/** At close, a round that breaks ties by a draw (§5.3b) gets the draw's seed, recorded with it. */
export function drawAtClose(row: RoundRow): RoundRow {
  if (row.practice.tieRule !== 'plusMinusDraw' || row.practice.drawSeed) return row;
  return { ...row, practice: { ...row.practice, drawSeed: randomBytes(16).toString('hex') } };
}

/** The round's rule overrides including §5.5's variant, for resolveRules. */
export function ruleOverrides(row: RoundRow) {
  return {
    plus: row.plus ?? undefined,
    minus: row.minus ?? undefined,
    ratio: row.ratio ?? undefined,
    minusAfterAllPlus: row.practice.minusAfterAllPlus || undefined,
  };
}
