import { DEFAULT_PRACTICE, PRACTICE_PRESETS, PRESETS, type PracticePreset, type RankBy, type RoundPractice, type TieBreakRule } from '../../../../shared/domain/index.ts';
import { parseAmount } from '../../../../shared/domain/index.ts';
import type { MessageId } from '../../i18n/catalogs.ts';
import { t } from '../../i18n/i18n.ts';
import { amount } from '../../lib/format.ts';

/**
 * The console's form for a round's §5 settings (docs/practice.md), as text
 * fields, and its conversion to and from the round's stored settings. Pure:
 * unit-tested without a browser.
 */
export interface PracticeForm {
  netBelowZero: boolean;
  maxMinusPercent: string;
  minPlus: string;
  tieRule: TieBreakRule;
  rankBy: RankBy;
  minusAfterAllPlus: boolean;
  shuffle: 'auto' | 'on' | 'off';
  potsOn: boolean;
  pots: { id: string; label: string; budget: string }[];
  /** proposal id → pot id. */
  potOf: Record<string, string>;
}

/** The tie-break rules of §5.3 and their catalog labels. */
export const TIE_RULES: { id: TieBreakRule; label: MessageId }[] = [
  { id: 'flag', label: 'console.practice.tie.flag' },
  { id: 'plusMinusDraw', label: 'console.practice.tie.plusMinusDraw' },
  { id: 'revote', label: 'console.practice.tie.revote' },
];

export function practiceForm(p: RoundPractice = DEFAULT_PRACTICE): PracticeForm {
  return {
    netBelowZero: p.exclusion.netBelowZero,
    maxMinusPercent: p.exclusion.maxMinusPercent === null ? '' : String(p.exclusion.maxMinusPercent),
    minPlus: p.exclusion.minPlus === null ? '' : String(p.exclusion.minPlus),
    tieRule: p.tieRule,
    rankBy: p.rankBy,
    minusAfterAllPlus: p.minusAfterAllPlus,
    shuffle: p.shuffle === null ? 'auto' : p.shuffle ? 'on' : 'off',
    potsOn: p.pots !== null,
    pots: (p.pots ?? []).map((pot) => ({ id: pot.id, label: pot.label, budget: amount(pot.budget) })),
    potOf: { ...p.potOf },
  };
}

/** The Prague 10 pots as form rows (large 3 M, small 2 M CZK), named in the console's language. */
export function prague10Pots(): PracticeForm['pots'] {
  const names: Record<string, MessageId> = { large: 'console.practice.potLarge', small: 'console.practice.potSmall' };
  return (PRESETS.prague10.pots ?? []).map((p) => ({ id: p.id, label: names[p.id] ? t(names[p.id]!) : p.label, budget: amount(p.budget) }));
}

/** A practice preset applied to the form; `ratio` is the ballot field it may set too. */
export function withPreset(f: PracticeForm, id: PracticePreset['id']): { form: PracticeForm; ratio: number | null } {
  const r = PRACTICE_PRESETS[id].rules;
  const form = { ...f };
  if (r.exclusion) {
    form.netBelowZero = r.exclusion.netBelowZero;
    form.maxMinusPercent = r.exclusion.maxMinusPercent === null ? '' : String(r.exclusion.maxMinusPercent);
    form.minPlus = r.exclusion.minPlus === null ? '' : String(r.exclusion.minPlus);
  }
  if (r.tieBreak) form.tieRule = r.tieBreak;
  if (r.rankBy) form.rankBy = r.rankBy;
  if (r.minusAfterAllPlus !== undefined) form.minusAfterAllPlus = r.minusAfterAllPlus;
  if (r.shuffle !== undefined) form.shuffle = r.shuffle === null ? 'auto' : r.shuffle ? 'on' : 'off';
  return { form, ratio: r.ratio ?? null };
}

const optionalNumber = (text: string): number | null | typeof Number.NaN => {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
};

/** The round:create/update fields of the form, or the first problem in words (current language). */
export function practicePayload(f: PracticeForm, proposalIds: readonly string[]): { ok: true; fields: Record<string, unknown>; potsTotal: number | null } | { ok: false; problem: string } {
  const pct = optionalNumber(f.maxMinusPercent);
  const minPlus = optionalNumber(f.minPlus);
  if (pct !== null && (Number.isNaN(pct) || pct < 0 || pct > 100)) return { ok: false, problem: t('console.practice.problem.percent') };
  if (minPlus !== null && (Number.isNaN(minPlus) || !Number.isInteger(minPlus) || minPlus < 0)) return { ok: false, problem: t('console.practice.problem.minPlus') };
  const fields: Record<string, unknown> = {
    exclusion: { netBelowZero: f.netBelowZero, maxMinusPercent: pct, minPlus },
    tieRule: f.tieRule,
    rankBy: f.rankBy,
    minusAfterAllPlus: f.minusAfterAllPlus,
    shuffle: f.shuffle === 'auto' ? null : f.shuffle === 'on',
  };
  if (!f.potsOn) return { ok: true, fields: { ...fields, pots: null, potOf: null }, potsTotal: null };
  if (f.pots.length === 0) return { ok: false, problem: t('console.practice.problem.noPots') };
  const pots = [];
  for (const p of f.pots) {
    const budget = parseAmount(p.budget);
    if (!p.label.trim()) return { ok: false, problem: t('console.practice.problem.potName') };
    if (budget === null || !Number.isInteger(budget) || budget < 0) return { ok: false, problem: t('console.practice.problem.potBudget', { pot: p.label.trim() }) };
    pots.push({ id: p.id, label: p.label.trim(), budget });
  }
  const ids = new Set(pots.map((p) => p.id));
  const potOf = Object.fromEntries(proposalIds.flatMap((id) => (f.potOf[id] && ids.has(f.potOf[id]) ? [[id, f.potOf[id]]] : [])));
  return { ok: true, fields: { ...fields, pots, potOf }, potsTotal: pots.reduce((s, p) => s + p.budget, 0) };
}
/** A pot id not yet used in this round ("pot3", "pot4", …). */
export function newPotId(taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`pot${n}`)) return `pot${n}`;
}
