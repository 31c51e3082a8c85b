import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  applyBallot,
  computeResults,
  createTally,
  groupInformedConsensus,
  recount,
  resolveRules,
  tallyCounts,
  validateBallot,
} from '../../shared/domain/index.ts';
import type { Ballot } from '../../shared/domain/index.ts';
import { fixturePath, loadPolisMatrix, recountMatrix } from '../support/polis.ts';

/** Real Pol.is conversations (tests/fixtures/ATTRIBUTION.md). */
const FILES = [
  { file: 'polis-15-per-hour-seattle.csv', participants: 339, statements: 54, groups: { '0': 99, '1': 39 }, unclustered: 201 },
  { file: 'polis-brexit-consensus.csv', participants: 204, statements: 50, groups: { '0': 106, '1': 91 }, unclustered: 7 },
] as const;

describe.each(FILES)('Pol.is fixture $file', ({ file, participants, statements, groups, unclustered }) => {
  const m = loadPolisMatrix(fixturePath(file));
  const ballots: Ballot[] = m.participants.map((p) => ({ plus: p.plus, minus: p.minus }));

  it('parses every row and statement column', () => {
    const lines = readFileSync(fixturePath(file), 'utf8').split('\n').filter((l) => l !== '');
    expect(m.participants).toHaveLength(participants);
    expect(m.participants).toHaveLength(lines.length - 1);
    expect(m.statementIds).toHaveLength(statements);
    expect(m.statementIds).toEqual(Array.from({ length: statements }, (_, i) => String(i)));
    expect(new Set(m.participants.map((p) => p.id)).size).toBe(participants);
  });

  it('reads the opinion groups, blank as null', () => {
    const sizes: Record<string, number> = {};
    for (const p of m.participants) if (p.group !== null) sizes[p.group] = (sizes[p.group] ?? 0) + 1;
    expect(sizes).toEqual(groups);
    expect(m.participants.filter((p) => p.group === null)).toHaveLength(unclustered);
  });

  it('n-agree / n-disagree columns equal the parsed plus / minus for every participant', () => {
    for (const p of m.participants) {
      expect(p.plus.length, `participant ${p.id} agree`).toBe(p.nAgree);
      expect(p.minus.length, `participant ${p.id} disagree`).toBe(p.nDisagree);
      expect(p.plus.length + p.minus.length).toBeLessThanOrEqual(p.nVotes);
      // plus and minus never overlap and never repeat (D21 rules 1 and 2 hold for Pol.is votes)
      const all = [...p.plus, ...p.minus];
      expect(new Set(all).size).toBe(all.length);
    }
    // the matrix has real content in both directions
    expect(m.participants.reduce((s, p) => s + p.plus.length, 0)).toBeGreaterThan(1000);
    expect(m.participants.reduce((s, p) => s + p.minus.length, 0)).toBeGreaterThan(500);
  });

  it('domain recount equals the independent count from the CSV cells', () => {
    const independent = recountMatrix(m);
    const domain = tallyCounts(recount(m.statementIds, ballots));
    expect(domain.plus).toEqual(independent.plus);
    expect(domain.minus).toEqual(independent.minus);
    expect(domain.ballots).toBe(participants);
    expect(domain.abstentions).toBe(m.participants.filter((p) => p.plus.length === 0 && p.minus.length === 0).length);
  });

  it('replayed one ballot at a time through applyBallot gives the same counts', () => {
    const live = createTally(m.statementIds);
    for (const b of ballots) applyBallot(live, undefined, b);
    const independent = recountMatrix(m);
    const counts = tallyCounts(live);
    expect(counts.plus).toEqual(independent.plus);
    expect(counts.minus).toEqual(independent.minus);
  });

  it('every participant is a valid ballot in a wide round with the ratio off', () => {
    const maxPlus = Math.max(...m.participants.map((p) => p.plus.length));
    const maxMinus = Math.max(...m.participants.map((p) => p.minus.length));
    const rules = resolveRules(statements, 1, { plus: Math.max(maxPlus, maxMinus), minus: maxMinus, ratio: 0 });
    if (!rules.ok) throw new Error(rules.message);
    const ids = new Set(m.statementIds);
    for (const b of ballots) expect(validateBallot(b, rules.value, ids).ok).toBe(true);
  });

  it('computeResults on the real matrix: shares of participants, consistent with the CSV', () => {
    const r = computeResults(recount(m.statementIds, ballots), { winners: 3 });
    const independent = recountMatrix(m);
    expect(r.options).toHaveLength(statements);
    for (const o of r.options) {
      expect(o.support).toBeCloseTo(independent.plus[o.id]! / participants, 12);
      expect(o.opposition).toBeCloseTo(independent.minus[o.id]! / participants, 12);
      expect(o.polarisation).toBeGreaterThanOrEqual(0);
      expect(o.polarisation).toBeLessThanOrEqual(1);
      expect(o.consensus).toBeLessThanOrEqual(o.support);
    }
    expect(r.winners.length + r.tiedAtCut.length).toBeGreaterThanOrEqual(3);
  });

  it('group-informed consensus per statement from the Pol.is groups is in (0, 1) and matches a hand product', () => {
    const groupIds = Object.keys(groups);
    for (const [j, id] of m.statementIds.entries()) {
      const perGroup = groupIds.map((g) => {
        const rows = m.participants.map((p, i) => ({ p, cell: m.cells[i]![j]! })).filter(({ p }) => p.group === g);
        return {
          n: rows.length,
          plus: rows.filter(({ cell }) => cell === '1').length,
          minus: rows.filter(({ cell }) => cell === '-1').length,
        };
      });
      const gic = groupInformedConsensus(perGroup);
      const hand = perGroup.reduce((acc, g) => acc * ((g.plus + 1) / (g.n + 2)), 1);
      expect(gic.agreement, `statement ${id}`).toBeCloseTo(hand, 12);
      expect(gic.agreement).toBeGreaterThan(0);
      expect(gic.agreement).toBeLessThan(1);
    }
  });
});
