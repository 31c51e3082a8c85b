import type { RoundOrigin, RoundView } from '../../../shared/protocol/views.ts';
import { plural } from '../lib/format.ts';

/** "3 plus · 1 minus · a minus needs 2 plus · 1 winner of 9": the rules a round's voters get. */
export function rulesSummary(round: Pick<RoundView, 'rules' | 'overrides'>): string {
  const { rules, overrides } = round;
  const mark = (v: number | null) => (v === null ? '' : ' (set)');
  const parts = [`${rules.plus} plus${mark(overrides.plus)}`];
  parts.push(rules.minus === 0 ? `no minus${mark(overrides.minus)}` : `${rules.minus} minus${mark(overrides.minus)}`);
  if (rules.minus > 0) parts.push(rules.ratio === 0 ? 'minus needs no plus' : `a minus needs ${rules.ratio} plus${mark(overrides.ratio)}`);
  parts.push(`${plural(rules.winners, 'winner')} of ${rules.options}`);
  return parts.join(' · ');
}

/** What else a round promised its voters: "ballots locked once cast", "results hidden until the close". */
export function ballotTerms(round: Pick<RoundView, 'lockBallots' | 'visibility'>): string[] {
  const terms = [round.lockBallots ? 'ballots locked once cast' : 'ballots could be changed until the close'];
  if (round.visibility === 'hidden') terms.push('results hidden until the close');
  return terms;
}

/** "top 5 of vote 1; tie settled by a draw (seed 3f2a…)". */
export function originText(origin: RoundOrigin, fromSeq: number | null, titles: Record<string, string> = {}): string {
  const from = `the top ${origin.k} of vote ${fromSeq ?? '?'}`;
  if (origin.tied.length === 0 || origin.tieBreak === null) return from;
  if (origin.tieBreak === 'include') return `${from}; all ${origin.tied.length} tied at the cut included`;
  if (origin.tieBreak === 'draw') return `${from}; tie at the cut settled by a draw (seed ${origin.seed ?? '?'})`;
  const chosen = origin.tieBreak.choose.map((id) => titles[id] ?? id);
  return `${from}; tie at the cut settled by the facilitator's choice${chosen.length ? `: ${chosen.join(', ')}` : ''}`;
}
