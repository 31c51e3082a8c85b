import { NO_EXCLUSION, type ExclusionRules } from './exclusion.ts';
import type { Pot } from './pots.ts';
import type { RankBy, TieBreakRule } from './ranking.ts';
import type { ResultsSettings } from './results.ts';

/**
 * A round's settings from d21-method.md §5 (docs/practice.md), stored with
 * the round and carried into its results (and its seal). The defaults are
 * the core rules: nothing excluded, ties flagged, ranking by net.
 */
export interface RoundPractice {
  exclusion: ExclusionRules;
  /** §5.3: how ties at the cut are handled. */
  tieRule: TieBreakRule;
  rankBy: RankBy;
  /** §5.5 (Ďáblice); also in the round's BallotRules, which validation reads. */
  minusAfterAllPlus: boolean;
  /** §5.6: true, false, or null = on from 8 proposals. */
  shuffle: boolean | null;
  /** §5.7: several budgets, or null for one (the round's `budget`). */
  pots: Pot[] | null;
  /** §5.7: proposal id → pot id; a proposal left out is in the first pot. */
  potOf: Record<string, string>;
  /** §5.3b: the draw's seed, drawn when the round closes; null before. */
  drawSeed: string | null;
}

export const DEFAULT_PRACTICE: RoundPractice = {
  exclusion: NO_EXCLUSION,
  tieRule: 'flag',
  rankBy: 'net',
  minusAfterAllPlus: false,
  shuffle: null,
  pots: null,
  potOf: {},
  drawSeed: null,
};

/**
 * The part of computeResults' settings a round's §5 settings fill, for the
 * round's options `optionIds` (each is placed in a pot: unassigned → first).
 */
export function practiceResultSettings(p: RoundPractice, optionIds: readonly string[]): Omit<ResultsSettings, 'winners' | 'budget' | 'costs'> {
  const settings: Omit<ResultsSettings, 'winners' | 'budget' | 'costs'> = {
    rankBy: p.rankBy,
    exclusion: p.exclusion,
    tieBreak: p.tieRule,
    seed: p.drawSeed,
  };
  if (p.pots && p.pots.length > 0) {
    const first = p.pots[0]!.id;
    settings.pots = p.pots;
    settings.potOf = new Map(optionIds.map((id) => [id, p.potOf[id] ?? first]));
  }
  return settings;
}
