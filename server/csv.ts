import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';

/**
 * The one CSV writer for every export (results, ballots, breakdowns, the
 * report). Rules, documented in docs/protocol.md "CSV exports":
 *
 * - UTF-8 with a byte-order mark, so Excel opens Czech (and any non-ASCII)
 *   text correctly; RFC 4180 quoting, `\n` line ends.
 * - Numbers are written as numbers; ids and fixed words (status, yes/no)
 *   exactly as the JSON exports have them, so files join by id. Ids never
 *   start with a formula character (see `newId`), so they need no guard.
 * - Only free text people typed (titles, questions, labels) is guarded
 *   against spreadsheet formula injection (OWASP): a cell that starts with
 *   `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe.
 */

/** A column of an export: its header and whether it holds free text typed by people. */
export interface CsvColumn {
  name: string;
  text?: boolean;
}

/** Excel reads a UTF-8 file as UTF-8 only when it starts with this mark. */
export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Guards one free-text cell: a leading apostrophe before a formula character. */
export function guardText(cell: unknown): string {
  const text = cell == null ? '' : String(cell);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Writes a value unchanged: numbers as numbers, null/undefined as an empty cell. */
function plain(cell: unknown): string | number {
  if (typeof cell === 'number') return cell;
  return cell == null ? '' : String(cell);
}

/** Header names of a column list, for documentation tests and callers. */
export function headerOf(columns: readonly CsvColumn[]): string[] {
  return columns.map((c) => c.name);
}

/** The whole file, BOM first. Each row has one cell per column, in column order. */
export function toCsv(columns: readonly CsvColumn[], rows: readonly (readonly unknown[])[]): string {
  return BOM + stringify([headerOf(columns), ...cells(columns, rows)], OPTIONS);
}

const OPTIONS = { record_delimiter: '\n' } as const;

function cells(columns: readonly CsvColumn[], rows: readonly (readonly unknown[])[]): (string | number)[][] {
  return rows.map((row) => columns.map((c, i) => (c.text ? guardText(row[i]) : plain(row[i]))));
}

/**
 * Rows written per turn of the event loop. csv-stringify takes ~30 µs a row
 * of 60 cells: a 10,000-ballot export written at once held the hub's event
 * loop for ~300 ms (issue 11, "Nothing stalls the hub"); in turns of 500
 * rows each turn stays around 15 ms and phones are answered in between.
 */
export const CSV_ROWS_PER_TURN = 500;

/**
 * The same text as `toCsv`, written a slice of rows at a time with the
 * event loop free between slices (setImmediate), so a large export never
 * stalls ballots. Resolves with the whole file.
 */
export async function toCsvInTurns(columns: readonly CsvColumn[], rows: readonly (readonly unknown[])[]): Promise<string> {
  if (rows.length <= CSV_ROWS_PER_TURN) return toCsv(columns, rows);
  const parts = [BOM + stringify([headerOf(columns)], OPTIONS)];
  for (let i = 0; i < rows.length; i += CSV_ROWS_PER_TURN) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    parts.push(stringify(cells(columns, rows.slice(i, i + CSV_ROWS_PER_TURN)), OPTIONS));
  }
  return parts.join('');
}

/** Sends rows as a CSV attachment (UTF-8 with BOM), written in turns (`toCsvInTurns`). */
export async function sendCsv(res: Response, filename: string, columns: readonly CsvColumn[], rows: readonly (readonly unknown[])[]): Promise<void> {
  const text = await toCsvInTurns(columns, rows);
  res.type('text/csv; charset=utf-8').attachment(filename).send(text);
}

/** One proposal's result: the columns results.csv and report.csv share. */
const OPTION_COLUMNS = [
  { name: 'rank' },
  { name: 'proposal_id' },
  { name: 'title', text: true },
  { name: 'plus' },
  { name: 'minus' },
  { name: 'net' },
  { name: 'support' },
  { name: 'opposition' },
  { name: 'consensus' },
  { name: 'polarisation' },
] as const satisfies readonly CsvColumn[];

/** Columns of the exports (one place; docs/protocol.md lists the same, a test compares them). */
export const CSV_COLUMNS = {
  results: [...OPTION_COLUMNS, { name: 'status' }],
  /** Appended to `results` on budget rounds. */
  budget: [{ name: 'cost' }, { name: 'funded' }],
  breakdown: [
    { name: 'question', text: true },
    { name: 'group', text: true },
    { name: 'voters' },
    { name: 'proposal_id' },
    { name: 'title', text: true },
    { name: 'plus' },
    { name: 'minus' },
    { name: 'net' },
    { name: 'support' },
  ],
  report: [
    { name: 'round' },
    { name: 'question', text: true },
    { name: 'round_status' },
    { name: 'winners_W' },
    { name: 'plus_P' },
    { name: 'minus_M' },
    { name: 'ratio' },
    { name: 'budget' },
    { name: 'ballots' },
    { name: 'joined' },
    ...OPTION_COLUMNS,
    { name: 'result' },
    { name: 'cost' },
    { name: 'funded' },
    // §5 (docs/practice.md): last, so earlier columns keep their places.
    { name: 'excluded_because', text: true },
    { name: 'pot', text: true },
    // §5.1 paper ballots (docs/practice.md): each channel's counts, empty for rounds without paper.
    { name: 'phone_plus' },
    { name: 'phone_minus' },
    { name: 'paper_plus' },
    { name: 'paper_minus' },
  ],
  /** Appended to `results` (§5.2), then `pot` on rounds with pots (§5.7). */
  practice: [{ name: 'excluded_because', text: true }],
  pot: [{ name: 'pot', text: true }],
  /** §5.1: appended to `results` (after `pot`) on rounds with paper ballots: each channel's counts (the `plus`/`minus` columns are the total). */
  channels: [{ name: 'phone_plus' }, { name: 'phone_minus' }, { name: 'paper_plus' }, { name: 'paper_minus' }],
  /** §5.1 the paper ballots' audit log: who (a staff link, or the facilitator) keyed, accepted or voided which serial when. */
  paperAudit: [{ name: 'at' }, { name: 'serial', text: true }, { name: 'actor', text: true }, { name: 'action' }, { name: 'detail', text: true }],
  /** §5.8 co-support, one row per shown pair. */
  coSupport: [
    { name: 'a_id' },
    { name: 'a_title', text: true },
    { name: 'a_backers' },
    { name: 'b_id' },
    { name: 'b_title', text: true },
    { name: 'share_plus_b' },
    { name: 'share_minus_b' },
  ],
} as const satisfies Record<string, readonly CsvColumn[]>;

/** The ballots matrix: one column per proposal id, in ballot order (ids are not free text); first `channel` when the round had paper ballots. */
export function ballotColumns(proposalIds: readonly string[], withChannel = false): CsvColumn[] {
  return [...(withChannel ? [{ name: 'channel' }] : []), ...proposalIds.map((name) => ({ name }))];
}
