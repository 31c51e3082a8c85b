import { plusNeededForMinus, validateBallot, type BallotError, type BallotRules } from '../../../../shared/domain/index.ts';
import { t } from '../../i18n/i18n.ts';

/** Pure ballot-editing rules for the phone: what a tap does and why a control is off, in the current language. */

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

/**
 * Why tapping `kind` on `id` is not allowed, in words, or null when it is.
 * Taking a vote back is always allowed; a ballot left invalid by it is
 * explained by `ballotProblem` and cannot be sent until fixed.
 */
export function forbidReason(draft: Draft, id: string, kind: Vote, rules: BallotRules): string | null {
  if (draft[kind].includes(id)) return null;
  const next = toggled(draft, id, kind);
  if (kind === 'plus') {
    if (rules.plus === 0) return t('ballot.forbid.noPlus');
    if (next.plus.length > rules.plus) return t('ballot.forbid.plusUsed', { max: rules.plus });
    return null;
  }
  if (rules.minus === 0) return t('ballot.forbid.noMinus');
  if (next.minus.length > rules.minus) return t('ballot.forbid.minusUsed', { max: rules.minus });
  const needed = plusNeededForMinus(rules, next.minus.length);
  if (next.plus.length < needed) {
    return t(draft.plus.includes(id) ? 'ballot.forbid.minusNeedsPlusBesides' : 'ballot.forbid.minusNeedsPlus', { nth: next.minus.length, needed });
  }
  return null;
}

/**
 * What keeps the whole draft from being sent, or null: the domain's own
 * check (validateBallot, rules 1–6), its stable code put into words.
 */
export function ballotProblem(draft: Draft, rules: BallotRules): string | null {
  const checked = validateBallot(draft, rules, new Set([...draft.plus, ...draft.minus]));
  return checked.ok ? null : ballotErrorText(checked.code, draft, rules);
}

/** A ballot rule code (shared/domain BallotError) in words, for this draft and these rules. */
export function ballotErrorText(code: BallotError, draft: Draft, rules: BallotRules): string {
  const plus = draft.plus.length;
  const minus = draft.minus.length;
  switch (code) {
    case 'TOO_MANY_PLUS':
      return t('ballot.error.TOO_MANY_PLUS', { extra: plus - rules.plus, max: rules.plus });
    case 'TOO_MANY_MINUS':
      return t('ballot.error.TOO_MANY_MINUS', { extra: minus - rules.minus, max: rules.minus });
    case 'MINUS_NEEDS_PLUS': {
      const needed = plusNeededForMinus(rules, minus);
      return t('ballot.error.MINUS_NEEDS_PLUS', { minus, needed, more: needed - plus });
    }
    case 'UNKNOWN_OPTION':
    case 'DUPLICATE_OPTION':
    case 'PLUS_AND_MINUS':
      return t(`ballot.error.${code}`);
  }
}

/** The round's rules in words, from P, M and the ratio. */
export function ruleLines(rules: BallotRules, lockBallots: boolean): string[] {
  const lines = [t('ballot.rules.plus', { max: rules.plus })];
  if (rules.minus === 0) {
    lines.push(t('ballot.rules.plusOnly'));
  } else {
    lines.push(t('ballot.rules.minus', { max: rules.minus }));
    if (rules.minusAfterAllPlus) lines.push(t('ballot.rules.minusAfterAllPlus', { plus: rules.plus }));
    else if (rules.ratio > 0) lines.push(t('ballot.rules.ratio', { ratio: rules.ratio }));
  }
  lines.push(t('ballot.rules.onePerProposal'));
  lines.push(t(lockBallots ? 'ballot.rules.locked' : 'ballot.rules.changeable'));
  return lines;
}
