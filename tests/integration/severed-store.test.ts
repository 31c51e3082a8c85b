import fc from 'fast-check';
import pg from 'pg';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/protocol/schemas.ts';
import { DEFAULT_PRACTICE } from '../../shared/domain/index.ts';
import type { SegmentBreakdown } from '../../shared/protocol/views.ts';
import type { BallotRow, RoundRow, Store } from '../../server/store/types.ts';
import { createSqliteStore } from '../../server/store/sqlite.ts';
import { createPostgresStore } from '../../server/store/postgres.ts';
import { dropSchema, freshSchema, testDatabaseUrl } from '../support/stores.ts';
import { tempDataFile } from '../support/server.ts';

/**
 * The store's side of "The data file" (docs/security.md): `severRound`
 * leaves, for a closed round, rows that are a function of the multiset of
 * ballots alone. Whoever cast them, in whatever order, listing their
 * choices in whatever order, with whatever ballot ids, times and sequence
 * numbers, and however often they changed their ballots, the stored rows
 * are the same; recounts and the counts are unchanged; no voter's ballot
 * or receipt is found any more. Before the round is stored closed,
 * severing changes nothing. Run on SQLite and on PostgreSQL, with SQL on
 * the real file / schema.
 */

const IDS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const BREAKDOWN: SegmentBreakdown[] = [{ questionId: 'q', label: 'Q', minGroup: 5, groups: [], groupConsensus: [] }];

const roundRow = (status: RoundRow['status']): RoundRow => ({
  id: 'r1', assemblyId: 'a1', seq: 1, question: 'Q?', status, proposalIds: IDS, winners: 2, plus: null, minus: null, ratio: null, budget: null,
  visibility: 'live', lockBallots: false, durationSec: null, deadline: null, openedAt: 1, closedAt: status === 'closed' ? 2 : null, createdAt: 0,
  origin: null, paper: null, seal: null, practice: DEFAULT_PRACTICE,
});

/** One voter's final ballot (choices in the voter's order) and the ballots it replaced. */
const voterArb = fc.record({
  plus: fc.shuffledSubarray(IDS, { maxLength: 3 }),
  minus: fc.shuffledSubarray(IDS, { maxLength: 1 }),
  earlier: fc.nat({ max: 2 }),
});
/** A room: voters, and two arrivals of the same ballots (permuted, other ids and times). */
const roomArb = fc.array(voterArb, { minLength: 1, maxLength: 12 }).chain((voters) =>
  fc.tuple(fc.constant(voters), fc.shuffledSubarray(voters.map((_, i) => i), { minLength: voters.length, maxLength: voters.length })),
);

interface Place {
  open(): Promise<Store>;
  /** Rows of the round as SQL on the real file / schema shows them, and the joins from participants. */
  inspect(): Promise<{ rows: unknown[]; linked: number; receipts: number }>;
  dispose(): Promise<void>;
}

function sqlitePlace(): Place {
  const file = tempDataFile();
  return {
    async open() {
      const s = createSqliteStore({ file, synchronous: 'NORMAL', commitIntervalMs: 0 });
      await s.init();
      return s;
    },
    async inspect() {
      const db = new Database(file, { readonly: true });
      try {
        return {
          rows: db.prepare(`SELECT participant_id, ballot_id, plus, minus, seq, at FROM ballots WHERE round_id = 'r1' ORDER BY participant_id`).all(),
          linked: db.prepare(`SELECT count(*) FROM ballots b JOIN participants p ON p.id = b.participant_id WHERE b.round_id = 'r1'`).pluck().get() as number,
          receipts: db.prepare(`SELECT count(*) FROM ballot_history WHERE round_id = 'r1'`).pluck().get() as number,
        };
      } finally {
        db.close();
      }
    },
    async dispose() {},
  };
}

function postgresPlace(url: string): Place {
  const schema = freshSchema();
  return {
    async open() {
      const s = createPostgresStore({ url, schema, poolSize: 2 });
      await s.init();
      return s;
    },
    async inspect() {
      const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await c.connect();
      try {
        const rows = (await c.query(`SELECT participant_id, ballot_id, plus::text, minus::text, seq, at::int FROM ballots WHERE round_id = 'r1' ORDER BY participant_id`)).rows;
        const linked = Number((await c.query(`SELECT count(*) AS n FROM ballots b JOIN participants p ON p.id = b.participant_id WHERE b.round_id = 'r1'`)).rows[0].n);
        const receipts = Number((await c.query(`SELECT count(*) AS n FROM ballot_receipts WHERE round_id = 'r1'`)).rows[0].n);
        // PostgreSQL prints JSON arrays with a space after each comma; compare as SQLite prints them.
        return { rows: rows.map((r: Record<string, unknown>) => ({ ...r, plus: JSON.stringify(JSON.parse(r.plus as string)), minus: JSON.stringify(JSON.parse(r.minus as string)) })), linked, receipts };
      } finally {
        await c.end();
      }
    },
    dispose: () => dropSchema(url, schema),
  };
}

const url = testDatabaseUrl();
const places: [string, () => Place][] = [['sqlite', sqlitePlace], ...(url ? [['postgres', () => postgresPlace(url)] as [string, () => Place]] : [])];

for (const [name, make] of places) {
  describe(`severing a closed round: ${name}`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanup.splice(0)) await c();
    });

    /** Stores one arrival of the room's ballots, closes (or not) and severs; returns what SQL then sees. */
    async function run(voters: { plus: string[]; minus: string[]; earlier: number }[], order: number[], tag: string, close: boolean) {
      const place = make();
      const store = await place.open();
      cleanup.push(async () => {
        await store.close().catch(() => undefined);
        await place.dispose();
      });
      await store.createAssembly({ id: 'a1', title: 'A', joinMode: 'codes', display: 'live', facilitatorHash: 'h', createdAt: 0, settings: { ...DEFAULT_SETTINGS } });
      await store.saveRound(roundRow('open'));
      let seq = 0;
      const sent: BallotRow[] = [];
      for (const i of order) {
        const v = voters[i]!;
        const participantId = `${tag}-voter-${i}`;
        await store.addParticipant({ id: participantId, assemblyId: 'a1', tokenHash: `${tag}-t${i}`, createdAt: i, revoked: false });
        for (let e = 0; e <= v.earlier; e++) {
          const final = e === v.earlier;
          const row: BallotRow = { roundId: 'r1', participantId, ballotId: `${tag}-b${i}-${e}`, plus: final ? v.plus : [IDS[e]!], minus: final ? v.minus : [], seq: ++seq, at: 1000 + seq };
          sent.push(row);
          await store.saveBallot(row);
        }
      }
      const counts = await store.countRound('r1');
      if (close) await store.saveRound(roundRow('closed'));
      await store.severRound('r1', BREAKDOWN);
      await store.severRound('r1', BREAKDOWN); // again: nothing changes
      const found = await Promise.all(sent.map((b) => store.getReceipt('r1', b.participantId, b.ballotId)));
      const own = await Promise.all(sent.map((b) => store.getBallot('r1', b.participantId)));
      const after = { counts: await store.countRound('r1'), breakdown: await store.loadBreakdown('r1'), found, own };
      await store.close();
      return { counts, after, sql: await place.inspect() };
    }

    it('leaves rows that depend on the multiset of ballots alone; counts unchanged; no voter’s ballot is found', async () => {
      await fc.assert(
        fc.asyncProperty(roomArb, async ([voters, order]) => {
          const a = await run(voters, voters.map((_, i) => i), 'x', true);
          const b = await run(voters, order, 'y', true);
          for (const c of cleanup.splice(0)) await c();
          const sorted = voters.map((v) => ({ plus: JSON.stringify([...v.plus].sort()), minus: JSON.stringify([...v.minus].sort()) }));
          sorted.sort((p, q) => (p.plus + p.minus < q.plus + q.minus ? -1 : p.plus + p.minus > q.plus + q.minus ? 1 : 0));
          const expected = sorted.map((v, n) => ({ participant_id: `sealed:${String(n + 1).padStart(9, '0')}`, ballot_id: '', ...v, seq: 0, at: 0 }));
          expect(a.sql.rows).toEqual(expected);
          expect(b.sql.rows).toEqual(expected);
          for (const r of [a, b]) {
            expect(r.sql.linked).toBe(0);
            expect(r.sql.receipts).toBe(0);
            expect(r.after.found.every((x) => x === null)).toBe(true);
            expect(r.after.own.every((x) => x === null)).toBe(true);
            expect(r.after.breakdown).toEqual(BREAKDOWN);
            const { maxSeq: _m, ...before } = r.counts;
            const { maxSeq: _n, ...now } = r.after.counts;
            expect(now).toEqual(before);
          }
        }),
        { numRuns: name === 'postgres' ? 6 : 12 },
      );
    }, 120_000);

    it('changes nothing while the round is open', async () => {
      const voters = [{ plus: ['p2', 'p1'], minus: [], earlier: 1 }, { plus: [], minus: ['p0'], earlier: 0 }];
      const r = await run(voters, [1, 0], 'z', false);
      expect(r.sql.linked).toBe(2);
      expect(r.sql.receipts).toBe(1);
      expect(r.after.breakdown).toBeNull();
      expect(r.after.found.every((x) => x !== null)).toBe(true);
    }, 60_000);
  });
}
