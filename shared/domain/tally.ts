import type { Ballot } from './ballot.ts';

/**
 * Running counts for one round (d21-method.md §2). Mutable for speed on the
 * hot path (thousands of ballots a second), but with no I/O: the hub keeps
 * one per open round, and `recount` rebuilds it from stored ballots, which
 * are the truth. Invariant, property-tested: any sequence of `applyBallot`
 * calls equals `recount` of the last ballot of each voter.
 */
export interface Tally {
  readonly optionIds: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly plus: number[];
  readonly minus: number[];
  /** n: voters who cast a ballot, abstentions included. */
  ballots: number;
  /** Empty ballots (rule 6): counted in turnout, in no option's tally. */
  abstentions: number;
}

export function createTally(optionIds: readonly string[]): Tally {
  return {
    optionIds: [...optionIds],
    index: new Map(optionIds.map((id, i) => [id, i])),
    plus: optionIds.map(() => 0),
    minus: optionIds.map(() => 0),
    ballots: 0,
    abstentions: 0,
  };
}

function add(t: Tally, b: Ballot, sign: 1 | -1): void {
  for (const id of b.plus) {
    const i = t.index.get(id);
    if (i !== undefined) t.plus[i]! += sign;
  }
  for (const id of b.minus) {
    const i = t.index.get(id);
    if (i !== undefined) t.minus[i]! += sign;
  }
  t.ballots += sign;
  if (b.plus.length === 0 && b.minus.length === 0) t.abstentions += sign;
}

/**
 * Counts a voter's ballot. `previous` is the voter's earlier ballot in this
 * round, if any: it is taken out first (rule 8: the last ballot counts).
 */
export function applyBallot(t: Tally, previous: Ballot | undefined, next: Ballot): Tally {
  if (previous) add(t, previous, -1);
  add(t, next, 1);
  return t;
}

/** Takes a voter's ballot out (e.g. when an access code is revoked). */
export function removeBallot(t: Tally, previous: Ballot): Tally {
  add(t, previous, -1);
  return t;
}

/** A full recount from each voter's last ballot. */
export function recount(optionIds: readonly string[], ballots: Iterable<Ballot>): Tally {
  const t = createTally(optionIds);
  for (const b of ballots) add(t, b, 1);
  return t;
}

/**
 * Sets a tally to counts made elsewhere (the store's aggregate at start, a
 * cluster's summed partial tallies): the inverse of `tallyCounts`. Options
 * missing from the counts are 0; ids that are not options are ignored.
 */
export function assignCounts(
  t: Tally,
  c: { ballots: number; abstentions: number; plus: Readonly<Record<string, number>>; minus: Readonly<Record<string, number>> },
): Tally {
  t.optionIds.forEach((id, i) => {
    t.plus[i] = c.plus[id] ?? 0;
    t.minus[i] = c.minus[id] ?? 0;
  });
  t.ballots = c.ballots;
  t.abstentions = c.abstentions;
  return t;
}

/** Plain counts, for comparing tallies and for snapshots. */
export function tallyCounts(t: Tally): { ballots: number; abstentions: number; plus: Record<string, number>; minus: Record<string, number> } {
  const plus: Record<string, number> = {};
  const minus: Record<string, number> = {};
  t.optionIds.forEach((id, i) => {
    plus[id] = t.plus[i]!;
    minus[id] = t.minus[i]!;
  });
  return { ballots: t.ballots, abstentions: t.abstentions, plus, minus };
}
