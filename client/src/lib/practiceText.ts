import type { ExclusionReason, ExclusionRules, RoundResults, TieBreakRecord } from '../../../shared/domain/index.ts';
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';

/**
 * §5 settings and results in words for the console and the report
 * (docs/practice.md), in the current language (catalog ids `practice.*`).
 * The phone words its own rules (screens/voter/practice.ts).
 */

/** A proposal's title in the language's quotation marks: “Park” / „Park“. */
export function quoted(title: string): string {
  return t('practice.quoted', { title });
}

/** One exclusion threshold (d21-method.md §5.2) as a short phrase: "net score below 0". */
export function exclusionText(reason: ExclusionReason, rules: ExclusionRules): string {
  switch (reason) {
    case 'NET_BELOW_ZERO':
      return t('practice.exclusion.netBelowZero');
    case 'MINUS_OVER_SHARE':
      return t('practice.exclusion.minusShare', { pct: fmt().percent((rules.maxMinusPercent ?? 0) / 100) });
    case 'TOO_FEW_PLUS':
      return t('practice.exclusion.fewPlus', { n: rules.minPlus ?? 0 });
  }
}

/** "Excluded: net score below 0; fewer plus votes than 5". */
export function excludedBecause(reasons: readonly ExclusionReason[], rules: ExclusionRules): string {
  return t('practice.excluded', { reasons: fmt().list(reasons.map((r) => exclusionText(r, rules))) });
}

/** The thresholds in force, or null when none. */
export function exclusionRulesText(rules: ExclusionRules): string | null {
  const reasons: ExclusionReason[] = [];
  if (rules.netBelowZero) reasons.push('NET_BELOW_ZERO');
  if (rules.maxMinusPercent !== null) reasons.push('MINUS_OVER_SHARE');
  if (rules.minPlus !== null) reasons.push('TOO_FEW_PLUS');
  return reasons.length ? t('practice.exclusionRules', { conditions: fmt().orList(reasons.map((r) => exclusionText(r, rules))) }) : null;
}

/** How the ties of a result were handled (§5.3), in words, or null when nothing needs saying. */
export function tieBreakText(rec: TieBreakRecord, titles: Record<string, string>): string | null {
  const name = (id: string) => quoted(titles[id] ?? id);
  if (rec.rule === 'revote') {
    return rec.revote ? t('practice.tie.revote', { titles: fmt().list(rec.revote.ids.map(name)), seats: rec.revote.seats }) : null;
  }
  const atCut = rec.groups.filter((g) => g.atCut);
  if (rec.rule !== 'plusMinusDraw' || atCut.length === 0) return null;
  const steps = atCut.flatMap((g) => g.decidedBy.map((by, i) => t('practice.tie.step', { a: name(g.ids[i]!), b: name(g.ids[i + 1]!), by: by ?? 'later' })));
  const broken = t('practice.tie.broken', { steps: steps.join('; ') });
  return `${broken} ${rec.seed ? t('practice.tie.seed', { seed: rec.seed }) : t('practice.tie.seedLater')}`;
}

/** "Large projects: 2,900,000 of 3,000,000 spent, …" lines, for rounds with pots (§5.7). */
export function potLines(results: RoundResults, money: (n: number) => string): string[] {
  return (results.pots ?? []).map((p) => t('practice.pot.line', { pot: p.label, spent: money(p.spent), budget: money(p.budget), left: money(p.left), funded: p.funded.length }));
}

/** "62 % of those who backed “Library” also backed “Park”" (§5.8). */
export function overlapSentence(share: number, a: string, b: string): string {
  return t('practice.overlap', { share: fmt().percent(share), a: quoted(a), b: quoted(b) });
}
