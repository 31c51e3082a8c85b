import { canonicalJson } from './canonical.ts';
import type { SealedRound } from './seal.ts';

/**
 * A results export restates what its seal holds: the counts (`results`),
 * the turnout, the proposals' titles (`titles`, `round.paper`), the rules
 * and the digest (`round`). `npm run verify` checks the seal against the
 * ballots; these checks make sure the rest of the file says the same, so a
 * file whose seal verifies cannot show other winners, counts or names to
 * whoever reads it (before: an edited `results.winners` passed verify).
 * A field the export does not have is refused too. The round's question
 * and the assembly's title are not part of the seal: verify says so.
 */
const FIELDS = new Set(['assembly', 'round', 'turnout', 'titles', 'results', 'seal']);

/** Fields of the round view restated by the seal: [field of round, value in the seal]. */
function roundRestatements(seal: SealedRound): [string, unknown][] {
  return [
    ['id', seal.roundId],
    ['paper', seal.paper],
    ['budget', seal.budget],
  ];
}

const same = (a: unknown, b: unknown): boolean => {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
};

/** What in a results file disagrees with its own seal (empty: nothing). */
export function restatementProblems(results: Record<string, unknown>, seal: SealedRound): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(results)) if (!FIELDS.has(key)) problems.push(`results file: "${key}" is not a field of the results export`);
  if ('results' in results && !same(results.results, seal.result)) problems.push('results file: "results" differs from the sealed result');
  if ('turnout' in results && !same(results.turnout, seal.turnout)) problems.push('results file: "turnout" differs from the sealed turnout');
  if ('titles' in results && !same(results.titles, Object.fromEntries(seal.paper.map((p) => [p.id, p.title])))) {
    problems.push('results file: "titles" differ from the sealed paper');
  }
  const round = results.round;
  if (round !== undefined) {
    if (typeof round !== 'object' || round === null) return [...problems, 'results file: "round" is not a round'];
    const r = round as Record<string, unknown>;
    for (const [field, sealed] of roundRestatements(seal)) {
      if (field in r && !same(r[field], sealed)) problems.push(`results file: "round.${field}" differs from the seal`);
    }
    const rules = r.rules as Record<string, unknown> | undefined;
    if (rules !== undefined && !same(rules, seal.rules)) problems.push('results file: "round.rules" differ from the sealed rules');
    const digest = (r.seal as { digest?: unknown } | null | undefined)?.digest;
    if (digest !== undefined && digest !== seal.digest) problems.push('results file: "round.seal.digest" differs from the seal');
  }
  return problems;
}

/** What verify cannot vouch for: printed with every verdict. */
export const NOT_SEALED = "not covered by the seal (not checked): the round's question and the assembly's title";
