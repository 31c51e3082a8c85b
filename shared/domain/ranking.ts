import { exclusionReasons, NO_EXCLUSION, type ExclusionReason, type ExclusionRules } from './exclusion.ts';
import { hashString } from './random.ts';
import type { Tally } from './tally.ts';

/** Where an option stands against the cut line for W winners; `excluded` crossed a threshold (§5.2). */
export type CutStatus = 'winner' | 'tied' | 'out' | 'excluded';

/** What orders the ranking (§5.4): net (default), or plus votes with minus votes used only for exclusion. */
export type RankBy = 'net' | 'plus';

/**
 * Tie-break rules (§5.3): `flag` leaves a tie at the cut to the facilitator
 * (default); `plusMinusDraw` orders a tie by more plus votes, then fewer
 * minus votes, then a draw from the round's recorded seed (Středočeský
 * kraj); `revote` names the tied proposals for a re-vote among them.
 */
export type TieBreakRule = 'flag' | 'plusMinusDraw' | 'revote';

export interface RankedOption {
  id: string;
  plus: number;
  minus: number;
  net: number;
  /** Shared ("min") rank: 1, 2, 2, 4 (d21-method.md §2); distinct under `plusMinusDraw`. Excluded options rank after every eligible one. */
  rank: number;
  status: CutStatus;
  /** The exclusion thresholds crossed (§5.2); empty for an eligible option. */
  excluded: ExclusionReason[];
}

/** What separated two neighbours of a tie group under `plusMinusDraw`. */
export type TieDecider = 'plus' | 'minus' | 'draw';

/** Eligible options sharing a score, in their final order. */
export interface TieGroup {
  ids: string[];
  /** The rank the group shares by score. */
  rank: number;
  /** The group straddles the cut for W winners. */
  atCut: boolean;
  /**
   * decidedBy[i] separated ids[i] from ids[i+1] (`plusMinusDraw` only; else
   * empty); null while a draw is still to come (no seed yet: drawn at close).
   */
  decidedBy: (TieDecider | null)[];
}

/** How ties were handled, recorded with the result so anyone can check or re-run it. */
export interface TieBreakRecord {
  rule: TieBreakRule;
  /** The seed of the draw (`plusMinusDraw` once drawn), else null. */
  seed: string | null;
  groups: TieGroup[];
  /** `revote`: the proposals tied at the cut and the seats among them still to fill. */
  revote: { ids: string[]; seats: number } | null;
}

export interface RankingSettings {
  rankBy?: RankBy | undefined;
  exclusion?: ExclusionRules | undefined;
  tieBreak?: TieBreakRule | undefined;
  /**
   * The recorded seed of the draw for `plusMinusDraw`; absent or null = not
   * drawn yet (equal plus and minus still share a place, `tied` at the cut).
   */
  seed?: string | null | undefined;
}

interface Row {
  id: string;
  plus: number;
  minus: number;
  net: number;
  score: number;
  order: number;
  draw: number;
  excluded: ExclusionReason[];
}

/** The draw key of an option: SHA-free, pure, the same everywhere for the same seed (§5.3 b). */
export function drawKey(seed: string, id: string): number {
  return hashString(`${seed}:${id}`);
}

/**
 * Ranks a round (d21-method.md §2 and §5.2–5.4). Eligible options come
 * first, by score (net, or plus under §5.4) with ties sharing the lowest
 * rank; excluded options follow, never winners. Within a tie the list order
 * is for display only (more plus, then ballot order) unless the tie-break
 * rule is `plusMinusDraw`, which makes every place distinct once its seed
 * is drawn.
 *
 * An eligible option is a `winner` when its whole tie group fits within W
 * seats, `tied` when the group straddles the cut (`flag` and `revote`),
 * `out` otherwise.
 */
export function rankRound(t: Tally, winners: number, settings: RankingSettings = {}): { ranked: RankedOption[]; tieBreak: TieBreakRecord } {
  const rankBy = settings.rankBy ?? 'net';
  const rule = settings.tieBreak ?? 'flag';
  const seed = rule === 'plusMinusDraw' ? (settings.seed ?? null) : null;
  const exclusion = settings.exclusion ?? NO_EXCLUSION;
  const rows: Row[] = t.optionIds.map((id, i) => {
    const plus = t.plus[i]!;
    const minus = t.minus[i]!;
    const net = plus - minus;
    return {
      id, plus, minus, net,
      score: rankBy === 'plus' ? plus : net,
      order: i,
      draw: seed === null ? 0 : drawKey(seed, id),
      excluded: exclusionReasons({ plus, minus }, t.ballots, exclusion),
    };
  });
  const display = (a: Row, b: Row) => b.score - a.score || b.plus - a.plus || a.order - b.order;
  const broken = (a: Row, b: Row) => b.score - a.score || b.plus - a.plus || a.minus - b.minus || a.draw - b.draw || (a.id < b.id ? -1 : 1);
  const eligible = rows.filter((r) => r.excluded.length === 0).sort(rule === 'plusMinusDraw' ? broken : display);
  const excluded = rows.filter((r) => r.excluded.length > 0).sort(display);

  const ranked: RankedOption[] = [];
  const groups: TieGroup[] = [];
  let revote: TieBreakRecord['revote'] = null;
  // Under plusMinusDraw, options still equal in plus and minus share a place
  // until the draw's seed exists (it is drawn at close); otherwise by score.
  const sameScore = (a: Row, b: Row) => a.score === b.score;
  const samePlace = rule !== 'plusMinusDraw' ? sameScore : (a: Row, b: Row) => seed === null && sameScore(a, b) && a.plus === b.plus && a.minus === b.minus;
  forEachGroup(eligible, samePlace, (start, end) => {
    const straddles = start + 1 <= winners && end + 1 > winners;
    const status: CutStatus = end + 1 <= winners ? 'winner' : straddles ? 'tied' : 'out';
    for (let k = start; k <= end; k++) ranked.push(option(eligible[k]!, start + 1, status));
  });
  forEachGroup(eligible, sameScore, (start, end) => {
    if (end === start) return;
    const members = eligible.slice(start, end + 1);
    const atCut = start + 1 <= winners && end + 1 > winners;
    groups.push({
      ids: members.map((r) => r.id),
      rank: start + 1,
      atCut,
      decidedBy: rule === 'plusMinusDraw' ? members.slice(1).map((r, i) => decider(members[i]!, r, seed !== null)) : [],
    });
    const tied = ranked.slice(start, end + 1).filter((r) => r.status === 'tied');
    if (rule === 'revote' && tied.length > 0) revote = { ids: tied.map((r) => r.id), seats: winners - start };
  });
  forEachGroup(excluded, (a, b) => a.score === b.score, (start, end) => {
    for (let k = start; k <= end; k++) ranked.push(option(excluded[k]!, eligible.length + start + 1, 'excluded'));
  });
  return { ranked, tieBreak: { rule, seed, groups, revote } };
}

/** The ranking alone (see rankRound). */
export function rankOptions(t: Tally, winners: number, settings: RankingSettings = {}): RankedOption[] {
  return rankRound(t, winners, settings).ranked;
}

/** Visits runs of neighbours that `same` holds for, as [start, end] indices. */
function forEachGroup(rows: readonly Row[], same: (a: Row, b: Row) => boolean, visit: (start: number, end: number) => void): void {
  let start = 0;
  while (start < rows.length) {
    let end = start;
    while (end + 1 < rows.length && same(rows[end + 1]!, rows[start]!)) end++;
    visit(start, end);
    start = end + 1;
  }
}

function decider(a: Row, b: Row, drawn: boolean): TieDecider | null {
  if (a.plus !== b.plus) return 'plus';
  if (a.minus !== b.minus) return 'minus';
  return drawn ? 'draw' : null;
}

function option(r: Row, rank: number, status: CutStatus): RankedOption {
  return { id: r.id, plus: r.plus, minus: r.minus, net: r.net, rank, status, excluded: r.excluded };
}
