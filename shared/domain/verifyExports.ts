import type { Ballot } from './ballot.ts';
import { shortDigest, verifySeal, type SealedRound } from './seal.ts';
import { NOT_SEALED, restatementProblems } from './verifyRestated.ts';

/** Unwraps the API's `{ ok, data }` envelope, or takes the object as it is. */
function payload(x: unknown): Record<string, unknown> | null {
  if (typeof x !== 'object' || x === null) return null;
  const o = x as Record<string, unknown>;
  return 'ok' in o && 'data' in o && typeof o.data === 'object' ? (o.data as Record<string, unknown>) : o;
}

const isIds = (x: unknown): x is string[] => Array.isArray(x) && x.every((i) => typeof i === 'string');

/**
 * The checks behind `npm run verify`, on the parsed JSON of a round's two
 * public exports (ballots.json and the results): what to print and the
 * exit code (0 verified, 1 mismatch, 2 not exports of a sealed round).
 */
export function checkExports(ballotsJson: unknown, resultsJson: unknown): { exitCode: 0 | 1 | 2; lines: string[] } {
  const b = payload(ballotsJson);
  const r = payload(resultsJson);
  const ballots = b?.ballots;
  if (!Array.isArray(ballots) || !ballots.every((x: unknown) => typeof x === 'object' && x !== null && isIds((x as Ballot).plus) && isIds((x as Ballot).minus))) {
    return { exitCode: 2, lines: ['ballots file: expected { ballots: [{ plus: [ids], minus: [ids] }, …] } (ballots.json export)'] };
  }
  const seal = r?.seal as SealedRound | null | undefined;
  if (!seal || typeof seal !== 'object' || typeof seal.digest !== 'string' || !Array.isArray(seal.paper)) {
    return { exitCode: 2, lines: ['results file: no sealed result (is the round closed? use the results export of a closed round)'] };
  }
  if (b?.roundId !== undefined && b.roundId !== seal.roundId) {
    return { exitCode: 1, lines: [`the ballots are of round ${String(b.roundId)}, the seal of round ${seal.roundId}`] };
  }
  const check = verifySeal(seal, ballots as Ballot[]);
  // The rest of the results file must say what its seal says (winners, counts, titles, rules).
  const problems = [...check.problems, ...restatementProblems(r!, seal)];
  const lines = [
    `round ${seal.roundId} (${seal.format}), ${ballots.length} ballots`,
    `sealed digest     ${seal.digest}`,
    `recomputed digest ${check.digest}`,
    NOT_SEALED,
  ];
  if (problems.length === 0) return { exitCode: 0, lines: [...lines, `VERIFIED: the recount equals the sealed result and the digest matches (${shortDigest(seal.digest)}).`] };
  return { exitCode: 1, lines: [...lines, 'NOT VERIFIED:', ...problems.map((p) => `  - ${p}`)] };
}
