import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_ROWS_PER_TURN, toCsv, toCsvInTurns, type CsvColumn } from '../../server/csv.ts';

const columns: CsvColumn[] = [{ name: 'id' }, { name: 'title', text: true }, { name: 'plus' }];
const cell = fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.string({ maxLength: 8 }), fc.constantFrom('=SUM(A1)', 'a,b', 'say "hi"', 'line\nbreak', '-1', null));
const row = fc.tuple(cell, cell, cell);

describe('CSV written in turns (issue 11: a large export never stalls the hub)', () => {
  it('is byte for byte the file written at once, for any rows, below and above one turn', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 3 * CSV_ROWS_PER_TURN + 7 }), async (rows) => {
        expect(await toCsvInTurns(columns, rows)).toBe(toCsv(columns, rows));
      }),
      { numRuns: 25 },
    );
  });

  it('lets the event loop run between slices: other callbacks run while a 10,000-row file is written', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [i, `Proposal ${i}`, i % 7]);
    let turns = 0;
    let writing = true;
    const tick = () => {
      if (!writing) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const text = await toCsvInTurns(columns, rows);
    writing = false;
    // One slice per CSV_ROWS_PER_TURN rows, each after a turn of the loop.
    expect(turns).toBeGreaterThanOrEqual(Math.floor(rows.length / CSV_ROWS_PER_TURN) - 1);
    expect(text.split('\n').length).toBe(rows.length + 2);
  });
});
