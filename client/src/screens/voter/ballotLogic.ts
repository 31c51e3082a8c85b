import { plusNeededForMinus, type BallotRules } from '../../../../shared/domain/index.ts';
import { inWords, ordinal } from '../../lib/format.ts';

/** Pure ballot-editing rules for the phone: what a tap does and why a control is off. */

export type Vote = 'plus' | 'minus';

export interface Draft {
  plus: string[];
  minus: string[];
}

export const emptyDraft = (): Draft => ({ plus: [], minus: [] });

export function sameBallot(a: Draft, b: Draft): boolean {
  const eq = (x: string[], y: string[]) => x.length === y.length && x.every((id) => y.includes(id));
  return eq(a.plus, b.plus) && eq(a.minus, b.minus);
}

/** The draft after tapping `kind` on `id`: toggles it, moving it from the other side if needed (rule 2). */
export function toggled(draft: Draft, id: string, kind: Vote): Draft {
  const without = (list: string[]) => list.filter((x) => x !== id);
  if (kind === 'plus') {
    return draft.plus.includes(id) ? { plus: without(draft.plus), minus: draft.minus } : { plus: [...draft.plus, id], minus: without(draft.minus) };
  }
  return draft.minus.includes(id) ? { plus: draft.plus, minus: without(draft.minus) } : { plus: without(draft.plus), minus: [...draft.minus, id] };
}

const plusVotes = (n: number) => `${inWords(n)} plus vote${n === 1 ? '' : 's'}`;

/**
 * Why tapping `kind` on `id` is not allowed, in words, or null when it is.
 * Taking a vote back is always allowed; a ballot left invalid by it is
 * explained by `ballotProblem` and cannot be sent until fixed.
 */
export function forbidReason(draft: Draft, id: string, kind: Vote, rules: BallotRules): string | null {
  if (draft[kind].includes(id)) return null;
  const next = toggled(draft, id, kind);
  if (kind === 'plus') {
    if (rules.plus === 0) return 'This round has no plus votes.';
    if (next.plus.length > rules.plus) {
      return rules.plus === 1
        ? 'You have used your plus vote. Take it back to give it here.'
        : `You have used all ${plusVotes(rules.plus)}. Take one back to give it here.`;
    }
    return null;
  }
  if (rules.minus === 0) return 'This round has no minus votes.';
  if (next.minus.length > rules.minus) {
    return rules.minus === 1
      ? 'You have used your minus vote. Take it back to give it here.'
      : `You have used all ${inWords(rules.minus)} minus votes. Take one back to give it here.`;
  }
  const needed = plusNeededForMinus(rules, next.minus.length);
  if (next.plus.length < needed) {
    const which = next.minus.length === 1 ? 'A minus vote' : `A ${ordinal(next.minus.length)} minus vote`;
    return draft.plus.includes(id)
      ? `${which} needs ${plusVotes(needed)} besides this one.`
      : `${which} needs ${plusVotes(needed)} first.`;
  }
  return null;
}

/** What keeps the whole draft from being sent (after taking back plus votes), or null. */
export function ballotProblem(draft: Draft, rules: BallotRules): string | null {
  if (draft.plus.length > rules.plus) return `Take back ${draft.plus.length - rules.plus} plus vote(s): at most ${rules.plus}.`;
  if (draft.minus.length > rules.minus) return `Take back ${draft.minus.length - rules.minus} minus vote(s): at most ${rules.minus}.`;
  const needed = plusNeededForMinus(rules, draft.minus.length);
  if (draft.plus.length < needed) {
    const m = draft.minus.length;
    return `${m === 1 ? 'Your minus vote needs' : `Your ${inWords(m)} minus votes need`} ${plusVotes(needed)}: give ${inWords(needed - draft.plus.length)} more plus or take a minus back.`;
  }
  return null;
}

/** The round's rules in words, from P, M and the ratio. */
export function ruleLines(rules: BallotRules, lockBallots: boolean): string[] {
  const lines: string[] = [];
  lines.push(
    rules.plus === 1
      ? 'Give a plus vote to the proposal you support most.'
      : `Give up to ${plusVotes(rules.plus)} to proposals you support.`,
  );
  if (rules.minus === 0) {
    lines.push('This round has plus votes only.');
  } else {
    lines.push(
      rules.minus === 1
        ? 'You may also give one minus vote to a proposal you oppose.'
        : `You may also give up to ${inWords(rules.minus)} minus votes to proposals you oppose.`,
    );
    if (rules.ratio > 0) {
      const per = Number.isInteger(rules.ratio) ? plusVotes(rules.ratio) : `${rules.ratio} plus votes`;
      lines.push(`Each minus vote needs ${per} first.`);
    }
  }
  lines.push('One vote per proposal. You may use fewer votes, or send an empty ballot to abstain.');
  lines.push(lockBallots ? 'Once sent, your ballot cannot be changed.' : 'You can change your ballot until voting closes.');
  return lines;
}
