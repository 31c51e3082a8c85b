import { countBallots, diffCounts } from './ballots.ts';
import { countsFromResults, type ResultsBody } from './clients.ts';
import { parseBallotId, type LastBallots } from './ipc.ts';

/** A stored ballot as the bench reads it from the server's SQLite file. */
export interface StoredBallot {
  ballot_id: string;
  plus: string;
  minus: string;
  seq: number;
}

/**
 * The load bench's loss check, after the server stopped: each voter's
 * stored ballot against what its generator saw acknowledged, and the
 * server's final results against a recount of the store (and of the acks
 * when nothing unacknowledged was stored). Notes go to `notes`.
 */
export function checkStored(rows: StoredBallot[], last: LastBallots[], proposalIds: string[], results: ResultsBody['results'], notes: string[]) {
  // Loss check: every voter's last acknowledged ballot must be the stored
  // one, or be superseded by a later ballot of the same voter (sent, ack
  // not seen) — never missing or older.
  const stored = rows.length;
  if (stored > 0 && rows.every((r) => r.ballot_id === '')) return checkSevered(rows, last, proposalIds, results, notes);
  const storedBy = new Map<string, { n: number; plus: string[]; minus: string[]; seq: number }>();
  let unparsable = 0;
  for (const r of rows) {
    const id = parseBallotId(r.ballot_id);
    if (!id) {
      unparsable++;
      continue;
    }
    storedBy.set(`${id.generator}:${id.voter}`, { n: id.n, plus: JSON.parse(r.plus) as string[], minus: JSON.parse(r.minus) as string[], seq: r.seq });
  }
  let lost = 0;
  let ackedVoters = 0;
  let unackedStored = 0;
  let seqMismatch = 0;
  const expectedBallots: { plus: string[]; minus: string[] }[] = [];
  for (const l of last) {
    for (let v = 0; v < l.lastAckedN.length; v++) {
      const ackedN = l.lastAckedN[v]!;
      const s = storedBy.get(`${l.index}:${v}`);
      if (ackedN >= 0) {
        ackedVoters++;
        expectedBallots.push(l.lastAcked[v]!);
        if (!s || s.n < ackedN) lost++;
        else if (s.n > ackedN) unackedStored++;
        else if (s.seq !== l.lastAckedSeq[v]) seqMismatch++;
      } else if (s) unackedStored++;
    }
  }
  if (unparsable) notes.push(`${unparsable} stored ballots with foreign ids`);
  const tallyProblems = tallyChecks(results, proposalIds, storedBy.values(), expectedBallots, unackedStored);
  if (seqMismatch) tallyProblems.push(`${seqMismatch} stored ballots carry another seq than their receipt`);
  return { stored, lost, ackedVoters, unackedStored, tallyProblems, tallyOk: tallyProblems.length === 0 };
}

const ballotKey = (plus: string[], minus: string[]) => JSON.stringify([[...plus].sort(), [...minus].sort()]);

/**
 * The loss check on a closed round whose ballots were severed from their
 * voters at close (docs/security.md): nothing links a stored ballot to a
 * voter any more, so the stored ballots are compared with the acknowledged
 * ones as a multiset. A stored ballot that matches no acknowledged one is a
 * later ballot whose ack the generator did not see (it replaced one
 * acknowledged ballot); an acknowledged ballot is lost only when fewer
 * ballots are stored than voters had one acknowledged.
 */
function checkSevered(rows: StoredBallot[], last: LastBallots[], proposalIds: string[], results: ResultsBody['results'], notes: string[]) {
  notes.push('the round was severed at close: loss checked as a multiset of ballots');
  const storedBallots = rows.map((r) => ({ plus: JSON.parse(r.plus) as string[], minus: JSON.parse(r.minus) as string[] }));
  const pool = new Map<string, number>();
  for (const b of storedBallots) pool.set(ballotKey(b.plus, b.minus), (pool.get(ballotKey(b.plus, b.minus)) ?? 0) + 1);
  const expectedBallots: { plus: string[]; minus: string[] }[] = [];
  for (const l of last) for (let v = 0; v < l.lastAckedN.length; v++) if (l.lastAckedN[v]! >= 0) expectedBallots.push(l.lastAcked[v]!);
  let matched = 0;
  for (const b of expectedBallots) {
    const k = ballotKey(b.plus, b.minus);
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      pool.set(k, n - 1);
      matched++;
    }
  }
  const ackedVoters = expectedBallots.length;
  const unackedStored = rows.length - matched;
  const lost = Math.max(0, ackedVoters - rows.length);
  const tallyProblems = tallyChecks(results, proposalIds, storedBallots, expectedBallots, unackedStored);
  return { stored: rows.length, lost, ackedVoters, unackedStored, tallyProblems, tallyOk: tallyProblems.length === 0 };
}

type Ballots = Iterable<{ plus: string[]; minus: string[] }>;

/** The served results against a recount of the store, and of the acks when nothing unacknowledged was stored. */
function tallyChecks(results: ResultsBody['results'], proposalIds: string[], stored: Ballots, acked: Ballots, unackedStored: number): string[] {
  const fromResults = countsFromResults(results);
  const problems = diffCounts(fromResults, countBallots(proposalIds, stored), 'results', 'store');
  if (unackedStored === 0) problems.push(...diffCounts(fromResults, countBallots(proposalIds, acked), 'results', 'acked'));
  return problems;
}
