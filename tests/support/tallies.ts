/** Test support: build a Tally straight from per-option counts. */
import { createTally } from '../../shared/domain/index.ts';
import type { Tally } from '../../shared/domain/index.ts';

export type Counts = ReadonlyArray<readonly [id: string, plus: number, minus: number]>;

export function tallyOf(rows: Counts, ballots?: number, abstentions = 0): Tally {
  const t = createTally(rows.map(([id]) => id));
  rows.forEach(([, plus, minus], i) => {
    t.plus[i] = plus;
    t.minus[i] = minus;
  });
  t.ballots = ballots ?? Math.max(0, ...rows.map(([, p, m]) => p + m)) + abstentions;
  t.abstentions = abstentions;
  return t;
}
