import type { OptionResult } from '../../../shared/domain/index.ts';
import type { RoundOrigin } from '../../../shared/protocol/views.ts';

/**
 * Client-side helpers for the assembly workflows: "where we disagree"
 * ordering, the top-K cut, ids for profile questions, money labels.
 */

/**
 * Proposals ranked by polarisation (4 · support · opposition), most divisive
 * first; equal values by how many people voted on them at all, then by rank.
 */
export function byPolarisation(options: readonly OptionResult[]): OptionResult[] {
  return [...options].sort((a, b) => b.polarisation - a.polarisation || b.plus + b.minus - (a.plus + a.minus) || a.rank - b.rank);
}

/**
 * The top-K cut of a ranking, as the server computes it for round:advance:
 * proposals whose whole tie group fits in K go through; a group straddling
 * place K is tied, with `slots` places left for it.
 */
export function cutAt(options: readonly OptionResult[], k: number): { sure: string[]; tied: string[]; slots: number } {
  const groupSize = new Map<number, number>();
  for (const o of options) groupSize.set(o.net, (groupSize.get(o.net) ?? 0) + 1);
  const sure: string[] = [];
  const tied: string[] = [];
  for (const o of options) {
    const last = o.rank + (groupSize.get(o.net) ?? 1) - 1;
    if (last <= k) sure.push(o.id);
    else if (o.rank <= k) tied.push(o.id);
  }
  return { sure, tied, slots: Math.max(0, Math.min(k, options.length) - sure.length) };
}

/** "top 5 of vote 1; tie settled by a draw (seed 3f2a…)". */
export function originText(origin: RoundOrigin, fromSeq: number | null, titles: Record<string, string> = {}): string {
  const from = `the top ${origin.k} of vote ${fromSeq ?? '?'}`;
  if (origin.tied.length === 0 || origin.tieBreak === null) return from;
  if (origin.tieBreak === 'include') return `${from}; all ${origin.tied.length} tied at the cut included`;
  if (origin.tieBreak === 'draw') return `${from}; tie at the cut settled by a draw (seed ${origin.seed ?? '?'})`;
  const chosen = origin.tieBreak.choose.map((id) => titles[id] ?? id);
  return `${from}; tie at the cut settled by the facilitator's choice${chosen.length ? `: ${chosen.join(', ')}` : ''}`;
}

/** An id for a profile question or option from its label: ASCII letters, digits, - and _, unique among `taken`. */
export function slugId(label: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\+/g, ' plus')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || fallback;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
/** "250K", "1.2M": for labels inside bars. */
export function compactAmount(n: number): string {
  return compact.format(n);
}

/**
 * Parses a whole amount typed with thousands separators ("700 000",
 * "700,000", "700.000", "700_000"); null when empty, NaN when not a whole
 * non-negative amount ("1.5" or "1,5" are refused rather than guessed).
 */
export function parseAmount(text: string): number | null {
  const t = text.replace(/[\s_'’\u00a0\u202f]/g, '');
  if (t === '') return null;
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  return Number.NaN;
}
