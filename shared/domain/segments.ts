/**
 * Results by segment with complementary suppression (docs/security.md,
 * "Small groups"). Readers may combine the public totals with every
 * published group of every question, and may know who answered what; they
 * must still not be able to derive the votes of fewer than `minGroup`
 * voters.
 *
 * The rule: voters are grouped into cells by their whole answer tuple
 * (every question, "no answer" included). A cell of fewer than `minGroup`
 * voters is held back, and so is the smallest other cell while the held-back
 * voters number 1 to minGroup − 1. Every published group is then a union of
 * published cells (each at least minGroup voters), and the totals minus
 * everything published is the held-back set (0 or at least minGroup). Any
 * linear combination of published figures is therefore constant on sets of
 * at least minGroup voters: no smaller set's votes can be isolated.
 */

export interface SegmentVoter {
  /** Question id → option id; a missing or unknown answer counts as "no answer". */
  answers: Readonly<Record<string, string | null>>;
  plus: readonly string[];
  minus: readonly string[];
}

export interface SegmentQuestion {
  id: string;
  options: readonly { id: string }[];
}

export interface SegmentGroupCounts {
  optionId: string | null;
  /** Published voters of this answer; null when the whole group is held back. */
  voters: number | null;
  plus: Map<string, number>;
  minus: Map<string, number>;
}

/** A voter's cell: its answers to every question, unknown answers as "no answer". */
function cellKey(questions: readonly SegmentQuestion[], answers: SegmentVoter['answers']): string {
  return JSON.stringify(
    questions.map((q) => {
      const a = Object.hasOwn(answers, q.id) ? answers[q.id] : null;
      return q.options.some((o) => o.id === a) ? a : null;
    }),
  );
}

/** Indices of the voters whose figures may be published. */
export function publishedVoters(questions: readonly SegmentQuestion[], voters: readonly SegmentVoter[], minGroup: number): Set<number> {
  const cells = new Map<string, number[]>();
  voters.forEach((v, i) => {
    const key = cellKey(questions, v.answers);
    const cell = cells.get(key);
    if (cell) cell.push(i);
    else cells.set(key, [i]);
  });
  // Smallest first, ties in a fixed order (by answers), so the same room always publishes the same groups.
  const shown = [...cells.entries()]
    .filter(([, c]) => c.length >= minGroup)
    .sort(([kx, x], [ky, y]) => x.length - y.length || (kx < ky ? -1 : 1))
    .map(([, c]) => c);
  let heldBack = voters.length - shown.reduce((n, c) => n + c.length, 0);
  // Complementary suppression: the held-back set must not itself be small.
  while (heldBack > 0 && heldBack < minGroup && shown.length > 0) heldBack += shown.shift()!.length;
  return new Set(shown.flat());
}

/**
 * Published counts per question and answer (options in order, then "no
 * answer"): only voters in published cells are counted.
 */
export function segmentCounts(
  questions: readonly SegmentQuestion[],
  voters: readonly SegmentVoter[],
  minGroup: number,
): { questionId: string; groups: SegmentGroupCounts[] }[] {
  const published = publishedVoters(questions, voters, minGroup);
  return questions.map((q) => {
    const keys: (string | null)[] = [...q.options.map((o) => o.id), null];
    const groups = new Map(keys.map((k) => [k, { optionId: k, n: 0, any: 0, plus: new Map<string, number>(), minus: new Map<string, number>() }]));
    voters.forEach((v, i) => {
      const a = Object.hasOwn(v.answers, q.id) ? v.answers[q.id] : null;
      const g = groups.get(q.options.some((o) => o.id === a) ? (a ?? null) : null)!;
      g.any++;
      if (!published.has(i)) return;
      g.n++;
      for (const id of v.plus) g.plus.set(id, (g.plus.get(id) ?? 0) + 1);
      for (const id of v.minus) g.minus.set(id, (g.minus.get(id) ?? 0) + 1);
    });
    return {
      questionId: q.id,
      groups: keys.map((k) => {
        const g = groups.get(k)!;
        // A group with voters none of whom may be published is held back as a whole.
        return { optionId: k, voters: g.n === 0 && g.any > 0 ? null : g.n, plus: g.plus, minus: g.minus };
      }),
    };
  });
}
