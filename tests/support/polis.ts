/**
 * Test support: the real Pol.is vote matrices in tests/fixtures (see
 * tests/fixtures/ATTRIBUTION.md). Agree (1) is read as a plus vote, disagree
 * (-1) as a minus vote, pass (0) or blank as no vote.
 *
 * Deliberately independent of shared/domain: `recountMatrix` counts straight
 * from the CSV cells so that it can check the domain's recount.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PolisParticipant {
  id: string;
  /** Opinion group Pol.is assigned; null when not clustered (blank). */
  group: string | null;
  plus: string[];
  minus: string[];
  /** The summary columns Pol.is wrote, for cross-checking the parse. */
  nVotes: number;
  nAgree: number;
  nDisagree: number;
}

export interface PolisMatrix {
  statementIds: string[];
  participants: PolisParticipant[];
  /** Raw cells, row by row (statement columns only), for independent counts. */
  cells: string[][];
}

/** First six columns: participant, group-id, n-comments, n-votes, n-agree, n-disagree. */
const META_COLUMNS = 6;
const EXPECTED_HEADER = ['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree'];

/** Absolute path of a file in tests/fixtures. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

function toInt(cell: string | undefined, what: string): number {
  const n = Number(cell);
  if (cell === undefined || cell === '' || !Number.isInteger(n)) throw new Error(`Bad ${what}: ${JSON.stringify(cell)}`);
  return n;
}

/**
 * Parses a Pol.is participants-votes.csv export. The files hold only
 * numbers and empty cells (no quoting), so a plain split is exact; any
 * quote character is rejected rather than mis-parsed.
 */
export function loadPolisMatrix(file: string): PolisMatrix {
  const text = readFileSync(file, 'utf8');
  if (text.includes('"')) throw new Error(`${file}: quoted CSV is not supported by this loader`);
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]?.split(',');
  if (!header) throw new Error(`${file}: empty file`);
  EXPECTED_HEADER.forEach((name, i) => {
    if (header[i] !== name) throw new Error(`${file}: column ${i} is ${JSON.stringify(header[i])}, expected ${name}`);
  });
  const statementIds = header.slice(META_COLUMNS);

  const participants: PolisParticipant[] = [];
  const cells: string[][] = [];
  for (const [lineNo, line] of lines.slice(1).entries()) {
    const row = line.split(',');
    if (row.length !== header.length) {
      throw new Error(`${file}: row ${lineNo + 2} has ${row.length} cells, header has ${header.length}`);
    }
    const votes = row.slice(META_COLUMNS);
    const plus: string[] = [];
    const minus: string[] = [];
    votes.forEach((cell, j) => {
      const id = statementIds[j]!;
      if (cell === '1') plus.push(id);
      else if (cell === '-1') minus.push(id);
      else if (cell !== '0' && cell !== '') throw new Error(`${file}: row ${lineNo + 2}, statement ${id}: bad cell ${JSON.stringify(cell)}`);
    });
    const group = row[1]!;
    participants.push({
      id: row[0]!,
      group: group === '' ? null : group,
      plus,
      minus,
      nVotes: toInt(row[3], 'n-votes'),
      nAgree: toInt(row[4], 'n-agree'),
      nDisagree: toInt(row[5], 'n-disagree'),
    });
    cells.push(votes);
  }
  return { statementIds, participants, cells };
}

/**
 * Per-statement plus/minus counts computed directly from the raw CSV cells
 * (column by column), independent of both the parsed ballots and
 * shared/domain.
 */
export function recountMatrix(m: Pick<PolisMatrix, 'statementIds' | 'cells'>): {
  plus: Record<string, number>;
  minus: Record<string, number>;
} {
  const plus: Record<string, number> = {};
  const minus: Record<string, number> = {};
  m.statementIds.forEach((id, j) => {
    let p = 0;
    let n = 0;
    for (const row of m.cells) {
      const cell = row[j];
      if (cell === '1') p++;
      else if (cell === '-1') n++;
    }
    plus[id] = p;
    minus[id] = n;
  });
  return { plus, minus };
}
