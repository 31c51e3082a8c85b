/**
 * Parses a whole amount of money as people type it, with thousands
 * separators: "700000", "700 000", "700,000", "700.000", "700_000",
 * "700’000". Returns null for an empty text and NaN for anything that is
 * not a whole non-negative amount: "1.5" or "1,5" are refused rather than
 * guessed, and so are separators in the wrong places ("70,00").
 * One parser for the console's cost and budget fields and the CSV import.
 */
export function parseAmount(text: string): number | null {
  const t = text.replace(/[\s_'’\u00a0\u202f]/g, '');
  if (t === '') return null;
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  return Number.NaN;
}
