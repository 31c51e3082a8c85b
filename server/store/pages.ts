/**
 * Reads a long result in pages along a key, yielding to the event loop
 * between pages, for synchronous drivers (better-sqlite3): a round of
 * 10,000 ballots read in one statement held the hub's event loop ~160 ms
 * (issue 15); a page of 500 holds it a few milliseconds.
 *
 * `page(after, size)` returns at most `size` rows whose key is greater than
 * `after`, in key order ('' before the first). Rows changed during the read
 * are seen once each, in their state when their page was read.
 */
export async function readInPages<T>(page: (after: string, size: number) => Promise<T[]>, key: (row: T) => string, size = 500): Promise<T[]> {
  const out: T[] = [];
  for (let after = ''; ; await new Promise(setImmediate)) {
    const rows = await page(after, size);
    out.push(...rows);
    if (rows.length < size) return out;
    after = key(rows.at(-1)!);
  }
}
