import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/protocol/schemas.ts';
import { DEFAULT_PRACTICE, recount, tallyCounts } from '../../shared/domain/index.ts';
import type { AssemblyRow, BallotRow, ProposalRow, RoundRow, Store } from '../../server/store/types.ts';
import { backends } from '../support/stores.ts';
import { storeNodes } from '../support/storeNodes.ts';

/**
 * The store contract, run against every backend: SQLite (embedded default)
 * and PostgreSQL (DATABASE_URL; one schema per test). What one store
 * wrote is what a reopened one (a restart, or another node) reads.
 */

const assembly = (id = 'asm1'): AssemblyRow => ({
  id,
  title: 'Town hall',
  joinMode: 'open',
  display: 'live',
  facilitatorHash: 'h'.repeat(64),
  createdAt: 1_764_500_000_000,
  settings: { ...DEFAULT_SETTINGS },
});

const proposal = (i: number, assemblyId = 'asm1'): ProposalRow => ({
  id: `p${i}`,
  assemblyId,
  title: `Proposal ${i}`,
  description: i % 2 ? 'A bench in the park' : '',
  cost: i % 3 ? i * 1000 : null,
  position: i,
  createdAt: 1_764_500_000_000 + i,
  status: 'approved',
  authorId: null,
  reason: null,
  mergedInto: null,
  clientId: null,
});

const round = (ids: string[], patch: Partial<RoundRow> = {}): RoundRow => ({
  id: 'r1',
  assemblyId: 'asm1',
  seq: 1,
  question: 'Which projects?',
  status: 'open',
  proposalIds: ids,
  winners: 3,
  plus: null,
  minus: null,
  ratio: null,
  budget: null,
  visibility: 'live',
  lockBallots: false,
  durationSec: 60,
  deadline: 1_764_500_060_000,
  openedAt: 1_764_500_000_000,
  closedAt: null,
  createdAt: 1_764_499_000_000,
  origin: null,
  paper: null,
  seal: null,
  practice: DEFAULT_PRACTICE,
  ...patch,
});

const PROPOSALS = Array.from({ length: 24 }, (_, i) => proposal(i));
const IDS = PROPOSALS.map((p) => p.id);

/** Counts of the stored ballots, recounted from scratch (the truth). */
async function recountStored(store: Store, roundId: string) {
  return tallyCounts(recount(IDS, await store.loadBallots(roundId)));
}

async function seed(store: Store, r: RoundRow = round(IDS)) {
  await store.createAssembly(assembly());
  await store.saveProposals(PROPOSALS);
  await store.saveRound(r);
}

for (const { name, make } of backends()) {
  describe(`store contract: ${name}`, () => {
    const node = storeNodes(make);

    it('migrates once: init on an existing store changes nothing', async () => {
      const a = await node();
      await a.createAssembly(assembly());
      await a.init();
      const b = await node();
      expect((await b.loadAssemblies()).map((x) => x.id)).toEqual(['asm1']);
    });

    it('round-trips every field of assemblies, proposals, rounds, codes, profiles', async () => {
      const a = await node();
      await seed(a);
      const settings = { ...DEFAULT_SETTINGS, submissions: { ...DEFAULT_SETTINGS.submissions, open: true } };
      await a.updateAssembly({ ...assembly(), title: 'Renamed', display: 'final', settings });
      await a.saveProposal({ ...PROPOSALS[3]!, title: 'Edited', status: 'rejected', reason: 'Out of scope' });
      await a.deleteProposal('p23');
      const origin = { fromRoundId: 'r0', k: 3, tieBreak: 'draw' as const, tied: ['p1', 'p2'], seed: 'ab'.repeat(16) };
      await a.saveRound(round(IDS, { status: 'closed', closedAt: 1_764_500_070_000, lockBallots: true, ratio: 0.5, budget: 10_000_000, origin }));
      const code = { id: 'c1', assemblyId: 'asm1', codeHash: 'x'.repeat(64), label: 7, status: 'unused' as const, participantId: null, replacesId: null, joinId: null, createdAt: 5 };
      await a.addAccessCodes([code, { ...code, id: 'c2', codeHash: 'y'.repeat(64), label: 8 }]);
      await a.saveAccessCode({ ...code, status: 'used', participantId: 'v1', joinId: 'j1' });
      await a.saveProfile('v1', 'asm1', { q1: 'o1', q2: null });
      await a.saveProfile('v1', 'asm1', { q1: 'o2', q2: null });

      const b = await node();
      expect(await b.loadAssemblies()).toEqual([{ ...assembly(), title: 'Renamed', display: 'final', settings }]);
      const proposals = await b.loadProposals();
      expect(proposals).toHaveLength(23);
      expect(proposals[3]).toEqual({ ...PROPOSALS[3], title: 'Edited', status: 'rejected', reason: 'Out of scope' });
      expect(proposals[1]).toEqual(PROPOSALS[1]);
      expect(await b.loadRounds()).toEqual([round(IDS, { status: 'closed', closedAt: 1_764_500_070_000, lockBallots: true, ratio: 0.5, budget: 10_000_000, origin })]);
      expect(await b.loadAccessCodes()).toEqual([
        { ...code, status: 'used', participantId: 'v1', joinId: 'j1' },
        { ...code, id: 'c2', codeHash: 'y'.repeat(64), label: 8 },
      ]);
      expect(await b.loadProfiles()).toEqual([{ participantId: 'v1', assemblyId: 'asm1', answers: { q1: 'o2', q2: null } }]);
    });

    it('participants: find by token, count the active, revoke, new token', async () => {
      const a = await node();
      await a.createAssembly(assembly());
      for (let i = 0; i < 30; i++) await a.addParticipant({ id: `v${i}`, assemblyId: 'asm1', tokenHash: `t${i}`, createdAt: i, revoked: false });
      await a.revokeParticipant('v3');
      await a.setParticipantToken('v4', 'fresh');
      const b = await node();
      expect(await b.countParticipants('asm1')).toBe(29);
      expect(await b.findParticipant('asm1', 'fresh')).toEqual({ id: 'v4', assemblyId: 'asm1', tokenHash: 'fresh', createdAt: 4, revoked: false });
      expect(await b.findParticipant('asm1', 't4')).toBeNull();
      expect((await b.findParticipant('asm1', 't3'))?.revoked).toBe(true);
      expect(await b.loadRevokedParticipants()).toEqual([{ id: 'v3', assemblyId: 'asm1' }]);
    });

    it('ballots: the last one counts, removal takes it out, a reopened store reads what was acknowledged', async () => {
      const a = await node();
      await seed(a);
      const ballot = (v: number, b: number, plus: string[], minus: string[] = []): BallotRow => ({
        roundId: 'r1', participantId: `v${v}`, ballotId: `b${v}-${b}`, plus, minus, seq: v * 10 + b, at: 1_764_500_001_000 + b,
      });
      await Promise.all([a.saveBallot(ballot(1, 1, ['p1', 'p2'])), a.saveBallot(ballot(2, 1, [], []))]);
      await a.saveBallot(ballot(1, 2, ['p3'], ['p4']));
      await a.saveBallot(ballot(3, 1, ['p5']));
      await a.deleteBallot('r1', 'v3');
      const b = await node();
      expect(await b.getBallot('r1', 'v1')).toEqual(ballot(1, 2, ['p3'], ['p4']));
      expect(await b.getBallot('r1', 'v3')).toBeNull();
      expect(await b.countBallots('r1')).toBe(2);
      const counts = await b.countRound('r1');
      expect({ ballots: counts.ballots, abstentions: counts.abstentions }).toEqual({ ballots: 2, abstentions: 1 });
      expect(counts.plus.p3).toBe(1);
      expect(counts.plus.p1 ?? 0).toBe(0);
      expect(counts.minus.p4).toBe(1);
      expect(counts.maxSeq).toBe(21);
    });

    it('loadBallots reads a round of 1,234 ballots (several pages), each voter once with its last ballot, while ballots keep coming', async () => {
      const a = await node();
      await seed(a);
      const ballot = (v: number, b: number): BallotRow => ({
        roundId: 'r1', participantId: `v${String(v).padStart(4, '0')}`, ballotId: `b${v}-${b}`, plus: [IDS[(v + b) % IDS.length]!], minus: [], seq: v * 10 + b, at: 1_764_500_001_000 + b,
      });
      await Promise.all(Array.from({ length: 1234 }, (_, v) => a.saveBallot(ballot(v, 1))));
      // Changes queued while the pages are read: each voter still comes once.
      const reading = a.loadBallots('r1');
      const changing = Promise.all(Array.from({ length: 50 }, (_, v) => a.saveBallot(ballot(v * 20, 2))));
      const [stored] = await Promise.all([reading, changing]);
      expect(stored).toHaveLength(1234);
      expect(new Set(stored.map((b) => b.participantId)).size).toBe(1234);
      const again = await a.loadBallots('r1');
      expect(again.filter((b) => b.ballotId.endsWith('-2'))).toHaveLength(50);
      expect(again.find((b) => b.participantId === 'v0980')).toEqual(ballot(980, 2));
    });

    it('countRound equals a recount of the stored ballots after any mix of ballots, changes and removals (300 voters)', async () => {
      const a = await node();
      await seed(a);
      const op = fc.record({
        voter: fc.integer({ min: 0, max: 299 }),
        remove: fc.integer({ min: 0, max: 9 }).map((x) => x < 2),
        plus: fc.subarray(IDS, { maxLength: 5 }),
        minus: fc.subarray(IDS, { maxLength: 2 }),
      });
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 200, maxLength: 600 }), async (ops) => {
          // Queued together: they commit in a few batches, like a burst in the hall.
          await Promise.all(
            ops.map((o) =>
              o.remove
                ? a.deleteBallot('r1', `v${o.voter}`)
                : a.saveBallot({ roundId: 'r1', participantId: `v${o.voter}`, ballotId: `b${++n}`, plus: o.plus, minus: o.minus.filter((m) => !o.plus.includes(m)), seq: n, at: n }),
            ),
          );
          const { maxSeq: _, ...counted } = await a.countRound('r1');
          const truth = await recountStored(a, 'r1');
          expect({ ...counted, plus: nonZero(counted.plus), minus: nonZero(counted.minus) }).toEqual({
            ...truth,
            plus: nonZero(truth.plus),
            minus: nonZero(truth.minus),
          });
        }),
        { numRuns: 4 },
      );
    });
  });
}

function nonZero(r: Record<string, number>) {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));
}
