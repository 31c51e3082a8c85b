/** Random valid D21 ballots for the bench (rules 1–6 of d21-method.md). */
import { plusNeededForMinus, prng } from '../shared/domain/index.ts';

export interface Rules {
  plus: number;
  minus: number;
  ratio: number;
}

/** Rule 5 and the seeded PRNG come from the domain, so the bench cannot drift from it. */
const plusNeeded = (ratio: number, minus: number) => plusNeededForMinus({ ratio }, minus);
export { prng };

/**
 * One valid ballot: a few abstentions (rule 6), otherwise 1..P plus votes
 * and as many minus votes as rule 5 allows, on distinct proposals.
 */
export function randomBallot(ids: readonly string[], rules: Rules, rand: () => number): { plus: string[]; minus: string[] } {
  if (rand() < 0.03 || rules.plus === 0) return { plus: [], minus: [] };
  const k = 1 + Math.floor(rand() * rules.plus);
  let maxMinus = 0;
  while (maxMinus < rules.minus && plusNeeded(rules.ratio, maxMinus + 1) <= k && k + maxMinus + 1 <= ids.length) maxMinus++;
  const m = Math.floor(rand() * (maxMinus + 1));
  const order = [...ids];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { plus: order.slice(0, k), minus: order.slice(k, k + m) };
}

/** A pool of distinct-enough ballots, built once so sending costs no randomness. */
export function ballotPool(ids: readonly string[], rules: Rules, size: number, seed: number) {
  const rand = prng(seed);
  return Array.from({ length: size }, () => randomBallot(ids, rules, rand));
}

/** Counts per proposal, as the server's tally has them. */
export interface Counts {
  ballots: number;
  abstentions: number;
  plus: Record<string, number>;
  minus: Record<string, number>;
}

export function countBallots(ids: readonly string[], ballots: Iterable<{ plus: readonly string[]; minus: readonly string[] }>): Counts {
  const c: Counts = { ballots: 0, abstentions: 0, plus: {}, minus: {} };
  for (const id of ids) {
    c.plus[id] = 0;
    c.minus[id] = 0;
  }
  for (const b of ballots) {
    c.ballots++;
    if (b.plus.length === 0 && b.minus.length === 0) c.abstentions++;
    for (const id of b.plus) c.plus[id] = (c.plus[id] ?? 0) + 1;
    for (const id of b.minus) c.minus[id] = (c.minus[id] ?? 0) + 1;
  }
  return c;
}

/** Differences between two count sets, as readable lines (empty = equal). */
export function diffCounts(a: Counts, b: Counts, labelA: string, labelB: string): string[] {
  const out: string[] = [];
  if (a.ballots !== b.ballots) out.push(`ballots: ${labelA} ${a.ballots} vs ${labelB} ${b.ballots}`);
  if (a.abstentions !== b.abstentions) out.push(`abstentions: ${labelA} ${a.abstentions} vs ${labelB} ${b.abstentions}`);
  const ids = new Set([...Object.keys(a.plus), ...Object.keys(b.plus), ...Object.keys(a.minus), ...Object.keys(b.minus)]);
  for (const id of ids) {
    if ((a.plus[id] ?? 0) !== (b.plus[id] ?? 0)) out.push(`plus[${id}]: ${labelA} ${a.plus[id] ?? 0} vs ${labelB} ${b.plus[id] ?? 0}`);
    if ((a.minus[id] ?? 0) !== (b.minus[id] ?? 0)) out.push(`minus[${id}]: ${labelA} ${a.minus[id] ?? 0} vs ${labelB} ${b.minus[id] ?? 0}`);
  }
  return out;
}
