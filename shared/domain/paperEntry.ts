import { validateBallot, type Ballot, type BallotError } from './ballot.ts';
import { err, ok, type Result } from './result.ts';
import type { BallotRules } from './rules.ts';

/**
 * Keyboard entry of a paper ballot (d21-method.md §5.1): staff type the
 * numbers printed beside the proposals the voter marked, plus votes as
 * `3 7 12`, minus votes with a sign, `-5` (a Unicode minus or an en dash
 * works too). Commas, semicolons and spaces separate; `+3` is a plus. The
 * numbers are the ballot's printed positions, 1 to the number of proposals.
 */

/** Entry problems before the D21 rules: a token that is no number, or a number not on the ballot. */
export type PaperEntryError = 'NOT_A_NUMBER' | 'NOT_ON_BALLOT';

/** The numbers a typed line holds, by sign, in typing order (duplicates kept: the rules name them). */
export interface TypedNumbers {
  plus: number[];
  minus: number[];
}

const MINUS_SIGNS = /^[-\u2212\u2013]/;

/** Splits a typed line into plus and minus numbers, or names the first token that is not one. */
export function parseTypedNumbers(text: string): Result<TypedNumbers, PaperEntryError> {
  const out: TypedNumbers = { plus: [], minus: [] };
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const negative = MINUS_SIGNS.test(token);
    const digits = negative ? token.slice(1) : token.replace(/^\+/, '');
    if (!/^\d{1,4}$/.test(digits)) return err('NOT_A_NUMBER', `“${token.slice(0, 12)}” is not a proposal number.`);
    (negative ? out.minus : out.plus).push(Number(digits));
  }
  return ok(out);
}

/**
 * The ballot of a typed line, over the ballot's proposals in printed order
 * (`paperIds[0]` is number 1), checked by the same D21 rules and codes as a
 * phone's ballot (`validateBallot`, §1 rules 1–6).
 */
export function typedBallot(text: string, paperIds: readonly string[], rules: BallotRules): Result<Ballot, PaperEntryError | BallotError> {
  const parsed = parseTypedNumbers(text);
  if (!parsed.ok) return parsed;
  const toId = (n: number) => paperIds[n - 1];
  for (const n of [...parsed.value.plus, ...parsed.value.minus]) {
    if (toId(n) === undefined) return err('NOT_ON_BALLOT', `There is no proposal number ${n}: the ballot has 1 to ${paperIds.length}.`);
  }
  return validateBallot({ plus: parsed.value.plus.map((n) => toId(n)!), minus: parsed.value.minus.map((n) => toId(n)!) }, rules, new Set(paperIds));
}

/** A ballot as the line staff would type for it: plus numbers ascending, then minus numbers with a sign. */
export function typedLine(ballot: Ballot, paperIds: readonly string[]): string {
  const pos = new Map(paperIds.map((id, i) => [id, i + 1]));
  const nums = (ids: readonly string[]) => ids.map((id) => pos.get(id) ?? 0).sort((a, b) => a - b);
  return [...nums(ballot.plus).map(String), ...nums(ballot.minus).map((n) => `-${n}`)].join(' ');
}
