import { plusNeededForMinus, type BallotRules } from './rules.ts';
import { err, ok, type Result } from './result.ts';

/** A D21 ballot: the option ids given a plus vote and those given a minus vote. */
export interface Ballot {
  plus: readonly string[];
  minus: readonly string[];
}

/** Stable rule codes; clients and tests match on these, never on messages. */
export type BallotError =
  | 'TOO_MANY_PLUS'
  | 'TOO_MANY_MINUS'
  | 'MINUS_NEEDS_PLUS'
  | 'UNKNOWN_OPTION'
  | 'DUPLICATE_OPTION'
  | 'PLUS_AND_MINUS';

/** Rule 6: an empty ballot is an explicit abstention. */
export function isAbstention(ballot: Ballot): boolean {
  return ballot.plus.length === 0 && ballot.minus.length === 0;
}

/**
 * Checks a ballot against the round's rules (d21-method.md §1 rules 1–6).
 * The first broken rule wins, in an order that gives the voter the most
 * useful message: structure first, then counts, then the ratio.
 */
export function validateBallot(
  ballot: Ballot,
  rules: BallotRules,
  optionIds: ReadonlySet<string>,
): Result<Ballot, BallotError> {
  for (const id of [...ballot.plus, ...ballot.minus]) {
    if (!optionIds.has(id)) return err('UNKNOWN_OPTION', `"${String(id).slice(0, 40)}" is not a proposal in this round.`);
  }
  const plus = new Set(ballot.plus);
  const minus = new Set(ballot.minus);
  // Rule 1: no cumulation.
  if (plus.size !== ballot.plus.length || minus.size !== ballot.minus.length) {
    return err('DUPLICATE_OPTION', 'A proposal can get at most one vote from each voter.');
  }
  // Rule 2: plus or minus, not both.
  for (const id of plus) {
    if (minus.has(id)) return err('PLUS_AND_MINUS', 'A proposal cannot get both a plus and a minus vote from one voter.');
  }
  // Rules 3–4.
  if (plus.size > rules.plus) {
    return err('TOO_MANY_PLUS', `At most ${rules.plus} plus vote${rules.plus === 1 ? '' : 's'} in this round.`);
  }
  if (minus.size > rules.minus) {
    return err(
      'TOO_MANY_MINUS',
      rules.minus === 0 ? 'This round has no minus votes.' : `At most ${rules.minus} minus vote${rules.minus === 1 ? '' : 's'} in this round.`,
    );
  }
  // Rule 5: minus needs plus.
  const needed = plusNeededForMinus(rules, minus.size);
  if (plus.size < needed) {
    if (rules.minusAfterAllPlus) {
      return err('MINUS_NEEDS_PLUS', `A minus vote only after all ${rules.plus} plus votes are used.`);
    }
    return err(
      'MINUS_NEEDS_PLUS',
      `${minus.size} minus vote${minus.size === 1 ? '' : 's'} need${minus.size === 1 ? 's' : ''} at least ${needed} plus votes.`,
    );
  }
  return ok({ plus: [...ballot.plus], minus: [...ballot.minus] });
}

/**
 * What the voter can still do, for the phone's counters and disabled
 * controls (rule 7: "the phone always shows the voter how many are left").
 */
export interface BallotAllowance {
  plusLeft: number;
  minusLeft: number;
  /** Minus votes currently usable given the plus votes already given (rule 5). */
  minusUnlocked: number;
  /** Plus votes still needed before one more minus vote becomes possible. */
  plusNeededForNextMinus: number;
}

export function ballotAllowance(ballot: Ballot, rules: BallotRules): BallotAllowance {
  const plusLeft = Math.max(0, rules.plus - ballot.plus.length);
  const minusLeft = Math.max(0, rules.minus - ballot.minus.length);
  // The same arithmetic as validateBallot, so the phone never offers a vote the server refuses.
  let allowed = 0;
  while (allowed < rules.minus && plusNeededForMinus(rules, allowed + 1) <= ballot.plus.length) allowed++;
  const minusUnlocked = Math.max(0, allowed - ballot.minus.length);
  const plusNeededForNextMinus =
    minusLeft === 0 ? 0 : Math.max(0, plusNeededForMinus(rules, ballot.minus.length + 1) - ballot.plus.length);
  return { plusLeft, minusLeft, minusUnlocked, plusNeededForNextMinus };
}
