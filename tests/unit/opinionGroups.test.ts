import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupInformedConsensus, opinionGroups, type Ballot } from '../../shared/domain/index.ts';
import { fixturePath, loadPolisMatrix } from '../support/polis.ts';

const ids = ['bridge', 'a1', 'a2', 'b1', 'b2', 'quiet'];
/** Two opposed blocs that both back "bridge". */
function blocs(nA: number, nB: number): Ballot[] {
  return [
    ...Array.from({ length: nA }, () => ({ plus: ['bridge', 'a1', 'a2'], minus: ['b1'] })),
    ...Array.from({ length: nB }, () => ({ plus: ['bridge', 'b1', 'b2'], minus: ['a1'] })),
  ];
}

describe('opinion groups (§3: voters grouped by how they vote)', () => {
  it('finds two opposed blocs exactly, and the proposal both back has the highest group-informed consensus', () => {
    const g = opinionGroups(ids, blocs(12, 9))!;
    expect(g).not.toBeNull();
    expect([...g.sizes].sort()).toEqual([12, 9].sort());
    const first = g.assignment.slice(0, 12);
    const second = g.assignment.slice(12);
    expect(new Set(first).size).toBe(1);
    expect(new Set(second).size).toBe(1);
    expect(first[0]).not.toBe(second[0]);
    const byId = Object.fromEntries(g.options.map((o) => [o.id, o]));
    const top = [...g.options].sort((x, y) => y.agreement - x.agreement)[0]!;
    expect(top.id).toBe('bridge');
    // A bloc's own favourite is rejected by the other bloc: low agreement.
    expect(byId.a1!.agreement).toBeLessThan(byId.bridge!.agreement / 2);
    // The formula is Pol.is's, over these groups.
    expect(byId.bridge!.agreement).toBeCloseTo(groupInformedConsensus(byId.bridge!.groups).agreement, 12);
    expect(byId.bridge!.agreement).toBeCloseTo(((12 + 1) / (12 + 2)) * ((9 + 1) / (9 + 2)), 12);
  });

  it('is deterministic: the same ballots give the same groups', () => {
    const m = loadPolisMatrix(fixturePath('polis-15-per-hour-seattle.csv'));
    const x = opinionGroups(m.statementIds, m.participants)!;
    const y = opinionGroups(m.statementIds, [...m.participants])!;
    expect(x).not.toBeNull();
    expect(x.assignment).toEqual(y.assignment);
    expect(x.options).toEqual(y.options);
  });

  it('does not depend on the order of the ballots (the store returns them in any order)', () => {
    const m = loadPolisMatrix(fixturePath('polis-brexit-consensus.csv'));
    const x = opinionGroups(m.statementIds, m.participants)!;
    fc.assert(
      fc.property(fc.shuffledSubarray(m.participants.map((_, i) => i), { minLength: m.participants.length }), (perm) => {
        const y = opinionGroups(m.statementIds, perm.map((i) => m.participants[i]!))!;
        expect([...y.sizes].sort()).toEqual([...x.sizes].sort());
        const agreement = (g: typeof x) => g.options.map((o) => o.agreement.toFixed(12)).sort();
        expect(agreement(y)).toEqual(agreement(x));
        // Each voter lands with the same companions.
        const groupOf = (g: typeof x, order: number[]) => {
          const byVoter = new Map<number, number>();
          order.forEach((voter, pos) => byVoter.set(voter, g.assignment[pos]!));
          return byVoter;
        };
        const gx = groupOf(x, m.participants.map((_, i) => i));
        const gy = groupOf(y, perm);
        const pairsX = new Set<string>();
        const pairsY = new Set<string>();
        for (let v = 0; v < 40; v++) for (let w = v + 1; w < 40; w++) {
          if (gx.get(v) === gx.get(w)) pairsX.add(`${v}-${w}`);
          if (gy.get(v) === gy.get(w)) pairsY.add(`${v}-${w}`);
        }
        expect(pairsY).toEqual(pairsX);
      }),
      { numRuns: 8 },
    );
  });

  it('forms no group smaller than minGroup, and no groups at all with too few voters', () => {
    expect(opinionGroups(ids, blocs(4, 4))).toBeNull();
    expect(opinionGroups(ids, blocs(12, 3))).toBeNull(); // a 3-person group would stand alone
    const g = opinionGroups(ids, blocs(30, 30), { minGroup: 5 })!;
    expect(Math.min(...g.sizes)).toBeGreaterThanOrEqual(5);
  });

  it('leaves empty ballots (abstentions) out of every group', () => {
    const ballots = [...blocs(10, 10), { plus: [], minus: [] }, { plus: [], minus: [] }];
    const g = opinionGroups(ids, ballots)!;
    expect(g.voters).toBe(20);
    expect(g.assignment.slice(20)).toEqual([-1, -1]);
  });

  it('per-group counts add up to the plain tally of the grouped ballots (property)', () => {
    const ballot = fc
      .shuffledSubarray(ids, { minLength: 0, maxLength: 4 })
      .chain((plus) => fc.shuffledSubarray(ids.filter((i) => !plus.includes(i)), { maxLength: 2 }).map((minus) => ({ plus, minus })));
    fc.assert(
      fc.property(fc.array(ballot, { minLength: 0, maxLength: 80 }), (ballots) => {
        const g = opinionGroups(ids, ballots);
        if (!g) return;
        expect(g.sizes.reduce((s, n) => s + n, 0)).toBe(g.voters);
        for (const o of g.options) {
          expect(o.groups.reduce((s, x) => s + x.plus, 0)).toBe(ballots.filter((b) => b.plus.includes(o.id)).length);
          expect(o.groups.reduce((s, x) => s + x.minus, 0)).toBe(ballots.filter((b) => b.minus.includes(o.id)).length);
          expect(o.agreement).toBeGreaterThan(0);
          expect(o.agreement).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('on a real deliberation (Pol.is Brexit), its two groups match Pol.is’s own to ≥ 85 %', () => {
    const m = loadPolisMatrix(fixturePath('polis-brexit-consensus.csv'));
    const g = opinionGroups(m.statementIds, m.participants, { maxGroups: 2 })!;
    expect(g.sizes).toHaveLength(2);
    const pairs = m.participants.flatMap((p, i) => (p.group !== null && g.assignment[i]! >= 0 ? [[p.group, g.assignment[i]!] as const] : []));
    const same = pairs.filter(([pg, og]) => (pg === '0') === (og === 0)).length / pairs.length;
    expect(Math.max(same, 1 - same)).toBeGreaterThanOrEqual(0.85);
  });
});
