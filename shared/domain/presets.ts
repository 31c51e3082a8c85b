import type { ExclusionRules } from './exclusion.ts';
import type { Pot } from './pots.ts';
import type { RankBy, TieBreakRule } from './ranking.ts';

/**
 * Ballot presets from real uses (d21-method.md §4). A preset fills the
 * plus/minus/ratio overrides of a round; explicit overrides still win.
 */
export interface BallotPreset {
  id: 'nyc' | 'prague10';
  label: string;
  plus: number;
  minus: number;
  ratio: number;
  /** §5.7: the preset's budget pots (a budget round only). */
  pots?: readonly Pot[];
}

export const PRESETS: Record<BallotPreset['id'], BallotPreset> = {
  nyc: { id: 'nyc', label: 'NYC participatory budget: up to 5 plus votes, no minus', plus: 5, minus: 0, ratio: 0 },
  prague10: {
    id: 'prague10',
    label: 'Prague 10 “Moje stopa”: 4 plus votes, 2 minus; large projects 3 M CZK, small 2 M CZK',
    plus: 4,
    minus: 2,
    ratio: 2,
    // Prague 10 2016-17 split large projects from small ones (§5.7).
    pots: [
      { id: 'large', label: 'Large projects', budget: 3_000_000 },
      { id: 'small', label: 'Small projects', budget: 2_000_000 },
    ],
  },
};

/** Pot names of presets in the assembly's language (the English ones are in PRESETS). */
const POT_LABELS: Record<string, Record<string, string>> = {
  cs: { large: 'Velké projekty', small: 'Malé projekty' },
};

/**
 * A preset's pots (§5.7) named in `language` (a BCP 47 tag; English when
 * there is no translation), or undefined for a preset without pots.
 */
export function presetPots(id: BallotPreset['id'], language = 'en'): Pot[] | undefined {
  const names = POT_LABELS[language.toLowerCase().split('-')[0]!] ?? {};
  return PRESETS[id].pots?.map((p) => ({ ...p, label: names[p.id] ?? p.label }));
}

/** The preset's overrides for a ballot of `options` proposals (never more votes than options: rule 7). */
export function presetOverrides(id: BallotPreset['id'], options: number): { plus: number; minus: number; ratio: number } {
  const p = PRESETS[id];
  const plus = Math.min(p.plus, options);
  return { plus, minus: Math.min(p.minus, plus), ratio: p.ratio };
}

/** The settings of §5 a round may take from a real vote's published rules. */
export interface PracticeRules {
  exclusion: ExclusionRules;
  tieBreak: TieBreakRule;
  rankBy: RankBy;
  /** Rule 5's ratio (0 = off). */
  ratio: number | null;
  minusAfterAllPlus: boolean;
  /** Per-voter ballot order: true, false, or null = on from 8 proposals. */
  shuffle: boolean | null;
}

/** Today's behaviour: the core rules of §1–2, nothing of §5 switched on. */
export const CORE_PRACTICE: PracticeRules = {
  exclusion: { netBelowZero: false, maxMinusPercent: null, minPlus: null },
  tieBreak: 'flag',
  rankBy: 'net',
  ratio: null,
  minusAfterAllPlus: false,
  shuffle: null,
};

export interface PracticePreset {
  id: 'praha15' | 'stredocesky' | 'decin' | 'dablice';
  label: string;
  /** Only what the place's published rules state; the rest stays as the facilitator set it. */
  rules: Partial<PracticeRules>;
}

/**
 * Rule sets of real Czech votes (§5, sources in §6): the console offers them
 * to fill the round's §5 fields. None allows cumulation (not D21, §5).
 */
export const PRACTICE_PRESETS: Record<PracticePreset['id'], PracticePreset> = {
  praha15: {
    id: 'praha15',
    label: 'Praha 15: excluded when minus votes exceed 25 % of voters',
    rules: { exclusion: { netBelowZero: false, maxMinusPercent: 25, minPlus: null } },
  },
  stredocesky: {
    id: 'stredocesky',
    label: 'Středočeský kraj: excluded below net 0; ties by more plus, fewer minus, then a draw',
    rules: { exclusion: { netBelowZero: true, maxMinusPercent: null, minPlus: null }, tieBreak: 'plusMinusDraw' },
  },
  decin: { id: 'decin', label: 'Děčín: a minus vote needs 3 plus votes (3:1)', rules: { ratio: 3 } },
  dablice: {
    id: 'dablice',
    label: 'Ďáblice: a minus vote only after all plus votes; shuffled ballot order',
    rules: { minusAfterAllPlus: true, shuffle: true },
  },
};

/** The §5 rules after a practice preset: the preset's fields over `base`. */
export function withPracticePreset(base: PracticeRules, id: PracticePreset['id']): PracticeRules {
  return { ...base, ...PRACTICE_PRESETS[id].rules };
}
