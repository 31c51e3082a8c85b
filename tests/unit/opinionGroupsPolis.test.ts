import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { opinionGroups, voteMatrix } from '../../shared/domain/index.ts';
import { createWorkerPool } from '../../server/workers/pool.ts';
import { adjustedRandIndex, correlation } from '../support/clusterAgreement.ts';
import { fixturePath, loadPolisMatrix } from '../support/polis.ts';

/**
 * The pipeline on real conversations (tests/fixtures, Pol.is open data):
 * it must find the groups Pol.is found, not "voted a lot" vs "voted a
 * little", and give the same groups whatever the order, run or thread.
 * Figures measured when written (docs/opinion-groups.md):
 *   Brexit consensus  ARI 0.63 (3 groups vs Pol.is's 2), Seattle $15  ARI 0.64.
 */
const FIXTURES = ['polis-brexit-consensus.csv', 'polis-15-per-hour-seattle.csv'];
const pool = createWorkerPool({ threads: 1 });
afterAll(() => pool.close());

describe.each(FIXTURES)('opinion groups on %s', (file) => {
  const m = loadPolisMatrix(fixturePath(file));
  const g = opinionGroups(m.statementIds, m.participants)!;
  const grouped = m.participants.map((_, i) => i).filter((i) => g.assignment[i]! >= 0);

  it('agrees with Pol.is’s own group-id: adjusted Rand index ≥ 0.5 over the participants both grouped', () => {
    const both = grouped.filter((i) => m.participants[i]!.group !== null);
    // Nearly everyone Pol.is grouped is grouped here too.
    expect(both.length / m.participants.filter((p) => p.group !== null).length).toBeGreaterThan(0.85);
    const ari = adjustedRandIndex(
      both.map((i) => m.participants[i]!.group!),
      both.map((i) => g.assignment[i]!),
    );
    console.info(`${file}: ARI vs Pol.is group-id = ${ari.toFixed(3)} over ${both.length} participants; groups ${g.sizes.join('/')}`);
    expect(ari).toBeGreaterThanOrEqual(0.5);
  });

  it('does not group by activity: |correlation(in group g, votes cast)| < 0.5 for every group', () => {
    const votes = grouped.map((i) => m.participants[i]!.plus.length + m.participants[i]!.minus.length);
    g.sizes.forEach((_, k) => {
      const r = correlation(grouped.map((i) => (g.assignment[i] === k ? 1 : 0)), votes);
      expect(Math.abs(r)).toBeLessThan(0.5);
    });
  });

  it('is deterministic: shuffled ballots, a fresh thread and a recompute give identical groups (property)', async () => {
    const again = opinionGroups(m.statementIds, m.participants)!;
    expect(again.assignment).toEqual(g.assignment);
    expect(again.options).toEqual(g.options);
    // A "restart": a worker thread is a fresh JavaScript realm with its own module state.
    const vm = voteMatrix(m.statementIds, m.participants);
    const threaded = await pool.run('opinionGroups', { ...vm, optionIds: m.statementIds, minGroup: 5 }, [vm.cells.buffer as ArrayBuffer]);
    expect(threaded.groups.map((x) => x.size)).toEqual(g.sizes);
    expect(threaded.options).toEqual([...g.options].sort((x, y) => y.agreement - x.agreement || (x.id < y.id ? -1 : 1)));
    fc.assert(
      fc.property(fc.shuffledSubarray(m.participants.map((_, i) => i), { minLength: m.participants.length }), (perm) => {
        const y = opinionGroups(m.statementIds, perm.map((i) => m.participants[i]!))!;
        // The very same group, by name, for every participant; the same counts and places.
        perm.forEach((from, to) => expect(y.assignment[to]).toBe(g.assignment[from]));
        expect(y.options).toEqual(g.options);
        expect(y.centres).toEqual(g.centres);
        expect(y.representatives).toEqual(g.representatives);
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it('names for each group the proposals that set it apart, significant by Pol.is’s tests', () => {
    expect(g.representatives).toHaveLength(g.sizes.length);
    for (const reps of g.representatives) {
      expect(reps.length).toBeGreaterThan(0);
      for (const r of reps) {
        expect(r.significant).toBe(true);
        expect(r.share).toBeGreaterThan(r.restShare);
      }
    }
  });
});
