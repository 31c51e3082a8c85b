import { parseTypedNumbers } from '../../../../shared/domain/paperEntry.ts';

/**
 * The typed line and the tick boxes are one draft: ticking rewrites the
 * line, typing moves the ticks. Numbers are printed positions (1 = the
 * first proposal on the paper).
 */
export interface Ticks {
  plus: ReadonlySet<number>;
  minus: ReadonlySet<number>;
}

/** The ticks a typed line shows (tokens that are no number are left out: the submit names them). */
export function ticksOf(line: string): Ticks {
  const parsed = parseTypedNumbers(line);
  if (parsed.ok) return { plus: new Set(parsed.value.plus), minus: new Set(parsed.value.minus) };
  const plus = new Set<number>();
  const minus = new Set<number>();
  for (const token of line.split(/[\s,;]+/)) {
    const one = parseTypedNumbers(token);
    if (!one.ok) continue;
    for (const n of one.value.plus) plus.add(n);
    for (const n of one.value.minus) minus.add(n);
  }
  return { plus, minus };
}

/** The line for ticks: plus numbers ascending, then minus numbers with a sign (`2 5 -3`). */
export function lineOf(t: Ticks): string {
  const up = (s: ReadonlySet<number>) => [...s].sort((a, b) => a - b);
  return [...up(t.plus).map(String), ...up(t.minus).map((n) => `-${n}`)].join(' ');
}

/** Ticks after toggling number `n` as a plus or a minus (a proposal is never both). */
export function toggle(t: Ticks, n: number, sign: 'plus' | 'minus'): Ticks {
  const plus = new Set(t.plus);
  const minus = new Set(t.minus);
  const [mine, other] = sign === 'plus' ? [plus, minus] : [minus, plus];
  if (mine.has(n)) mine.delete(n);
  else {
    mine.add(n);
    other.delete(n);
  }
  return { plus, minus };
}
