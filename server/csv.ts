import { stringify } from 'csv-stringify/sync';

/**
 * CSV for spreadsheets. Text cells that a spreadsheet would read as a
 * formula (= + - @, tab, CR) get a leading apostrophe (OWASP CSV
 * injection); numbers are written as numbers.
 */
export function neutralise(cell: unknown): string | number {
  if (typeof cell === 'number') return cell;
  const text = cell == null ? '' : String(cell);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((r) => r.map(neutralise))]);
}
