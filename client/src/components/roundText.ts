import type { RoundOrigin, RoundView } from '../../../shared/protocol/views.ts';
import { fmt } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';

/** "3 plus · 1 minus · a minus needs 2 plus · 1 winner of 9": the rules a round's voters get, in the current language. */
export function rulesSummary(round: Pick<RoundView, 'rules' | 'overrides'>): string {
  const { rules, overrides } = round;
  const set = (v: number | null) => (v === null ? '' : ` ${t('rules.set')}`);
  const parts = [t('rules.plus', { n: rules.plus }) + set(overrides.plus)];
  parts.push((rules.minus === 0 ? t('rules.noMinus') : t('rules.minus', { n: rules.minus })) + set(overrides.minus));
  if (rules.minus > 0) parts.push(rules.ratio === 0 ? t('rules.noRatio') : t('rules.ratio', { n: rules.ratio }) + set(overrides.ratio));
  parts.push(t('rules.winners', { n: rules.winners, of: rules.options }));
  return parts.join(' · ');
}

/** What else a round promised its voters: "ballots locked once cast", "results hidden until the close". */
export function ballotTerms(round: Pick<RoundView, 'lockBallots' | 'visibility'>): string[] {
  const terms = [t(round.lockBallots ? 'report.rules.locked' : 'report.rules.changeable')];
  if (round.visibility === 'hidden') terms.push(t('report.rules.hidden'));
  return terms;
}

/** "top 5 of vote 1; tie settled by a draw (seed 3f2a…)". */
export function originText(origin: RoundOrigin, fromSeq: number | null, titles: Record<string, string> = {}): string {
  const from = t('origin.from', { k: origin.k, seq: fromSeq ?? '?' });
  if (origin.tied.length === 0 || origin.tieBreak === null) return from;
  if (origin.tieBreak === 'include') return t('origin.include', { from, n: origin.tied.length });
  if (origin.tieBreak === 'draw') return t('origin.draw', { from, seed: origin.seed ?? '?' });
  if (origin.tieBreak === 'revote') return t('origin.revote', { n: origin.tied.length, k: origin.k, seq: fromSeq ?? '?' });
  const chosen = origin.tieBreak.choose.map((id) => titles[id] ?? id);
  return chosen.length ? t('origin.chosen', { from, titles: fmt().list(chosen) }) : t('origin.chosenNone', { from });
}
