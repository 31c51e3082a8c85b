import type { GroupCounts } from './indices.ts';

/**
 * Step 6 of the opinion-groups pipeline (docs/opinion-groups.md): what each
 * group stands for, Pol.is's "representativeness"
 * (compdemocracy/polis math/src/polismath/math/repness.clj, stats.clj).
 *
 * For group g and proposal j, with the group's plus votes a, minus votes d
 * and ballots n, and the same counts over all the other groups ("the rest"):
 *   p  = (a + 1) / (n + 2)                      the group's plus share
 *   r  = p / ((a_rest + 1) / (n_rest + 2))      how many times the rest's
 *   z  = two-proportion z-test of a/n vs a_rest/n_rest   (with +1 smoothing)
 *   pz = one-proportion test of a/n vs ½
 * and the same with minus votes. A proposal represents the group when
 * z > 1.2816 and pz > 1.2816 (one-sided 90 %), as Pol.is; candidates are
 * ranked by r · z · p · pz. D21 has no "pass" and every voter sees the whole
 * ballot, so n counts the group's ballots rather than votes on j.
 */

/** One-sided z at 90 % (Pol.is `z-sig-90?`). */
export const Z90 = 1.2816;

/** Pol.is `prop-test`: z for "more than half", with +1 smoothing. */
export function propTest(success: number, n: number): number {
  return 2 * Math.sqrt(n + 1) * ((success + 1) / (n + 1) - 0.5);
}

/** Pol.is `two-prop-test`: z for "share in > share out", with +1 smoothing of every count. */
export function twoPropTest(successIn: number, successOut: number, nIn: number, nOut: number): number {
  const [s1, s2, n1, n2] = [successIn + 1, successOut + 1, nIn + 1, nOut + 1];
  const pHat = (s1 + s2) / (n1 + n2);
  if (pHat >= 1) return 0;
  return (s1 / n1 - s2 / n2) / Math.sqrt(pHat * (1 - pHat) * (1 / n1 + 1 / n2));
}

/** A proposal that sets one group apart from the rest. */
export interface Representative {
  optionId: string;
  /** Whether the group backs it (plus) or rejects it (minus) more than the rest. */
  stance: 'plus' | 'minus';
  /** Share of the group's ballots with that vote, and of the rest's. */
  share: number;
  restShare: number;
  /** Share of the rest voting the other way (for "that the rest reject"). */
  restOpposite: number;
  /** Pol.is repness r, its z-test, and the within-group test pz. */
  ratio: number;
  z: number;
  pz: number;
  /** Passes both tests at 90 %; otherwise the group's best candidate, shown as "leans". */
  significant: boolean;
}

/** Counts of one proposal for every group (index = group). */
export type OptionCounts = { id: string; groups: readonly GroupCounts[] };

/**
 * Up to `top` representative proposals per group, best first. A group with
 * no significant proposal still gets its single best candidate, flagged
 * `significant: false` (Pol.is keeps one "best" so every group says something).
 */
export function representatives(options: readonly OptionCounts[], groupCount: number, top = 3): Representative[][] {
  return Array.from({ length: groupCount }, (_, g) => {
    const all: (Representative & { metric: number })[] = [];
    for (const o of options) {
      const own = o.groups[g]!;
      const rest = o.groups.reduce((s, x, i) => (i === g ? s : { n: s.n + x.n, plus: s.plus + x.plus, minus: s.minus + x.minus }), { n: 0, plus: 0, minus: 0 });
      if (own.plus + own.minus === 0) continue;
      for (const stance of ['plus', 'minus'] as const) {
        const other = stance === 'plus' ? 'minus' : 'plus';
        const a = own[stance];
        const aRest = rest[stance];
        const p = (a + 1) / (own.n + 2);
        const ratio = p / ((aRest + 1) / (rest.n + 2));
        const z = twoPropTest(a, aRest, own.n, rest.n);
        const pz = propTest(a, own.n);
        all.push({
          optionId: o.id,
          stance,
          share: own.n ? a / own.n : 0,
          restShare: rest.n ? aRest / rest.n : 0,
          restOpposite: rest.n ? rest[other] / rest.n : 0,
          ratio,
          z,
          pz,
          significant: z > Z90 && pz > Z90,
          metric: ratio * z * p * pz,
        });
      }
    }
    const passing = all.filter((r) => r.significant).sort((x, y) => y.metric - x.metric || (x.optionId < y.optionId ? -1 : 1));
    const chosen = passing.length
      ? passing.slice(0, top)
      : all.filter((r) => r.z > 0).sort((x, y) => y.z - x.z || (x.optionId < y.optionId ? -1 : 1)).slice(0, 1);
    return chosen.map(({ metric: _metric, ...r }) => r);
  });
}
