import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRACTICE } from '../../shared/domain/practice.ts';
import { DEFAULT_SETTINGS } from '../../shared/protocol/schemas.ts';
import { MIGRATIONS } from '../../server/store/migrations.ts';
import { createSqliteStore } from '../../server/store/sqlite.ts';
import type { BallotRow, Store } from '../../server/store/types.ts';
import { tempDataFile } from '../support/server.ts';
import { backends } from '../support/stores.ts';
import { storeNodes } from '../support/storeNodes.ts';

/**
 * Ballot receipts in the store (docs/protocol.md, "Ballot receipts"):
 * every ballot id a voter used in a round answers with that ballot, the
 * replaced ones are listed for the hub's filter, on every backend and
 * after a reopen; SQLite data written before the history table is carried
 * over by its migration.
 */

const ROUND = {
  id: 'r1', assemblyId: 'asm1', seq: 1, question: 'Which?', status: 'open' as const, proposalIds: ['p1', 'p2', 'p3'], winners: 1,
  plus: null, minus: null, ratio: null, budget: null, visibility: 'live' as const, lockBallots: false, durationSec: null,
  deadline: null, openedAt: 1, closedAt: null, createdAt: 1, origin: null, paper: null, seal: null, practice: DEFAULT_PRACTICE,
};

async function seed(store: Store) {
  await store.createAssembly({ id: 'asm1', title: 'T', joinMode: 'open', display: 'live', facilitatorHash: 'h'.repeat(64), createdAt: 1, settings: { ...DEFAULT_SETTINGS } });
  await store.saveRound(ROUND);
}

const PLUS = [[], ['p1'], ['p2'], ['p1', 'p3'], ['p3']];

for (const { name, make } of backends()) {
  describe(`ballot receipts: ${name}`, () => {
    const node = storeNodes(make);

    it('any mix of changes by 40 voters: every id answers its own ballot, ballotIds lists exactly the replaced ones, also after a reopen', async () => {
      const a = await node();
      await seed(a);
      let seq = 0;
      const sent = new Map<string, BallotRow[]>();
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ voter: fc.integer({ min: 0, max: 39 }), plus: fc.integer({ min: 0, max: 4 }) }), { minLength: 20, maxLength: 120 }), async (ops) => {
          // Queued together, as a burst commits in a few batches; one voter's
          // next ballot waits for the one before, as the hub does (server/hub/ballots.ts).
          for (let rest = ops; rest.length > 0; ) {
            const now = rest;
            const wave = now.filter((o, i) => now.findIndex((x) => x.voter === o.voter) === i);
            rest = now.filter((o) => !wave.includes(o));
            await Promise.all(
              wave.map((o) => {
                seq++;
                const row: BallotRow = { roundId: 'r1', participantId: `v${o.voter}`, ballotId: `b${seq}-x`, plus: PLUS[o.plus]!, minus: [], seq, at: 1000 + seq };
                sent.set(row.participantId, [...(sent.get(row.participantId) ?? []), row]);
                return a.saveBallot(row);
              }),
            );
          }
        }),
        { numRuns: 5 },
      );
      // The same node, then a reopened one (on SQLite, opening again closes the first: one server per file).
      for (const open of [async () => a, node]) {
        const store = await open();
        for (const [voter, rows] of sent) {
          for (const row of rows) expect(await store.getReceipt('r1', voter, row.ballotId)).toEqual(row);
          expect((await store.ballotIds('r1', voter)).sort()).toEqual(rows.slice(0, -1).map((r) => r.ballotId).sort());
          expect(await store.getReceipt('r1', voter, 'never-sent')).toBeNull();
          // Another voter's id is not this voter's receipt.
          expect(await store.getReceipt('r1', voter === 'v0' ? 'v1' : 'v0', rows[0]!.ballotId)).toBeNull();
        }
      }
    });

    it('a revoked voter’s deleted ballot: numbers kept in the history are not handed out again after a reopen', async () => {
      const a = await node();
      await seed(a);
      const row = (v: string, id: string, seq: number): BallotRow => ({ roundId: 'r1', participantId: v, ballotId: id, plus: ['p1'], minus: [], seq, at: seq });
      await a.saveBallot(row('v1', 'one-aaaa', 1));
      await a.saveBallot(row('v2', 'two-aaaa', 2));
      await a.saveBallot(row('v2', 'two-bbbb', 3));
      await a.deleteBallot('r1', 'v2');
      const b = await node();
      expect((await b.countRound('r1')).maxSeq).toBeGreaterThanOrEqual(name === 'sqlite' ? 3 : 1);
      // The next number the hub hands out (maxSeq + 1) stores a change without a conflict.
      const next = (await b.countRound('r1')).maxSeq + 1;
      await b.saveBallot(row('v1', 'one-bbbb', next));
      expect(await b.getReceipt('r1', 'v1', 'one-aaaa')).toEqual(row('v1', 'one-aaaa', 1));
      expect(await b.getReceipt('r1', 'v1', 'one-bbbb')).toEqual(row('v1', 'one-bbbb', next));
    });
  });
}

describe('SQLite: receipts stored before the history table', () => {
  it('are carried over by the migration: every earlier id still answers, in the same chain', async () => {
    const file = tempDataFile();
    const db = new Database(file);
    const before = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE ballot_history'));
    expect(before).toBeGreaterThan(0);
    for (let v = 0; v < before; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${before}`);
    db.prepare(`INSERT INTO assemblies (id, title, join_mode, display, facilitator_hash, created_at, settings) VALUES ('asm1', 'T', 'open', 'live', 'h', 1, '{}')`).run();
    const ballot = db.prepare(`INSERT INTO ballots (round_id, participant_id, ballot_id, plus, minus, seq, at) VALUES (?, ?, ?, '["p1"]', '[]', ?, ?)`);
    const kept = db.prepare(`INSERT INTO ballot_receipts (round_id, participant_id, ballot_id, plus, minus, seq, at) VALUES (?, ?, ?, '["p2"]', '[]', ?, ?)`);
    // v1: a (1) → b (4) → c (6, current); v2: d (2, current); v3: e (3) replaced by f (5), then f deleted (revoked).
    kept.run('r1', 'v1', 'a-ballot', 1, 1);
    kept.run('r1', 'v1', 'b-ballot', 4, 4);
    ballot.run('r1', 'v1', 'c-ballot', 6, 6);
    ballot.run('r1', 'v2', 'd-ballot', 2, 2);
    kept.run('r1', 'v3', 'e-ballot', 3, 3);
    db.close();

    const store = createSqliteStore({ file, synchronous: 'NORMAL' });
    await store.init();
    expect((await store.getReceipt('r1', 'v1', 'a-ballot'))?.seq).toBe(1);
    expect((await store.getReceipt('r1', 'v1', 'b-ballot'))?.plus).toEqual(['p2']);
    expect((await store.getReceipt('r1', 'v1', 'c-ballot'))?.plus).toEqual(['p1']);
    expect((await store.ballotIds('r1', 'v1')).sort()).toEqual(['a-ballot', 'b-ballot']);
    expect(await store.ballotIds('r1', 'v2')).toEqual([]);
    // New changes chain on after the carried-over ones.
    await store.saveBallot({ roundId: 'r1', participantId: 'v1', ballotId: 'g-ballot', plus: [], minus: [], seq: 7, at: 7 });
    expect((await store.ballotIds('r1', 'v1')).sort()).toEqual(['a-ballot', 'b-ballot', 'c-ballot']);
    expect((await store.getReceipt('r1', 'v1', 'a-ballot'))?.seq).toBe(1);
    await store.close();
  });

  it('a data file of the shipped sealed-rounds schema migrates: its rounds gain the §5 settings and save them', async () => {
    // Regression: the §5 column was once added inside that shipped migration, so such a file never got it.
    const file = tempDataFile();
    const db = new Database(file);
    const shipped = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE ballot_receipts')) + 1;
    expect(shipped).toBeGreaterThan(0);
    expect(MIGRATIONS[shipped - 1]).not.toContain('practice');
    for (let v = 0; v < shipped; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${shipped}`);
    db.close();

    const store = createSqliteStore({ file, synchronous: 'NORMAL' });
    await store.init();
    await seed(store);
    const practice = { ...DEFAULT_PRACTICE, shuffle: true };
    await store.saveRound({ ...ROUND, practice });
    await store.close();
    const again = createSqliteStore({ file, synchronous: 'NORMAL' });
    await again.init();
    const rounds = await again.loadRounds();
    expect(rounds.find((r) => r.id === 'r1')?.practice).toEqual(practice);
    await again.close();
  });
});
