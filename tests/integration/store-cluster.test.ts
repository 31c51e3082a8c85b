import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/protocol/schemas.ts';
import { DEFAULT_PRACTICE, recount, tallyCounts } from '../../shared/domain/index.ts';
import { RoundConflictError, RoundNotOpenError } from '../../server/store/postgres.ts';
import type { BallotRow, RoundRow, Store } from '../../server/store/types.ts';
import { postgresBackend, testDatabaseUrl, type Backend } from '../support/stores.ts';

/**
 * Several nodes on one PostgreSQL database (two store instances on one
 * schema, as two server processes would be): a voter's ballots on both,
 * a close racing ballots in flight on the other node.
 */
const url = testDatabaseUrl();
const IDS = Array.from({ length: 20 }, (_, i) => `p${i}`);

const roundRow = (id: string, status: RoundRow['status']): RoundRow => ({
  id, assemblyId: 'a1', seq: 1, question: 'q', status, proposalIds: IDS, winners: 3, plus: null, minus: null, ratio: null,
  budget: null, visibility: 'live', lockBallots: false, durationSec: null, deadline: null, openedAt: 1, closedAt: null, createdAt: 1, origin: null, paper: null, seal: null,
  practice: DEFAULT_PRACTICE,
});

function stripZeros(c: { plus: Record<string, number>; minus: Record<string, number> }) {
  const nz = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));
  return { plus: nz(c.plus), minus: nz(c.minus) };
}

describe.skipIf(!url)('PostgreSQL store across nodes', () => {
  let backend: Backend;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    backend = postgresBackend(url!);
    a = await backend.open();
    b = await backend.open();
    await a.createAssembly({ id: 'a1', title: 't', joinMode: 'open', display: 'live', facilitatorHash: 'x', createdAt: 1, settings: { ...DEFAULT_SETTINGS } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await backend?.dispose();
  });

  it('a voter whose ballots land on two nodes at once: the tally (sum of partials) equals a recount, 400 voters', async () => {
    await a.saveRound(roundRow('r1', 'open'));
    let n = 0;
    const ballot = (v: number): BallotRow => {
      n++;
      return { roundId: 'r1', participantId: `v${v}`, ballotId: `b${n}`, plus: [IDS[(v + n) % 20]!, IDS[(v * 7 + n) % 20]!].filter((x, i, l) => l.indexOf(x) === i), minus: n % 5 ? [] : [IDS[19]!], seq: n, at: n };
    };
    const writes: Promise<void>[] = [];
    for (let round = 0; round < 4; round++) {
      for (let v = 0; v < 400; v++) writes.push((v + round) % 2 ? a.saveBallot(ballot(v)) : b.saveBallot(ballot(v)));
    }
    await Promise.all(writes);
    const stored = await a.loadBallots('r1');
    expect(stored).toHaveLength(400);
    const truth = tallyCounts(recount(IDS, stored));
    for (const node of [a, b]) {
      const c = await node.countRound('r1');
      expect({ ballots: c.ballots, abstentions: c.abstentions, ...stripZeros(c) }).toEqual({ ballots: truth.ballots, abstentions: truth.abstentions, ...stripZeros(truth) });
    }
  });

  it('a close on one node while the other has ballots in flight: acknowledged = stored, nothing accepted after the close', async () => {
    await a.saveRound(roundRow('r2', 'open'));
    const acked = new Map<string, BallotRow>();
    let rejected = 0;
    let closedAt = Infinity;
    let lateAcks = 0;
    let n = 0;
    const send = (v: number) => {
      const row: BallotRow = { roundId: 'r2', participantId: `v${v}`, ballotId: `c${++n}`, plus: [IDS[v % 20]!], minus: [], seq: n, at: n };
      const sentAt = performance.now();
      return b.saveBallot(row).then(
        () => {
          if (sentAt > closedAt) lateAcks++;
          const prev = acked.get(row.participantId);
          if (!prev || prev.seq < row.seq) acked.set(row.participantId, row);
        },
        (e: unknown) => {
          expect(e).toBeInstanceOf(RoundNotOpenError);
          rejected++;
        },
      );
    };
    const inflight: Promise<void>[] = [];
    const flood = (async () => {
      for (let i = 0; i < 3000; i++) {
        inflight.push(send(i % 500));
        if (i % 50 === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 30));
    await a.saveRound({ ...roundRow('r2', 'closed'), closedAt: 2 });
    closedAt = performance.now();
    await flood;
    // Ballots sent once the close has committed must all be refused, however
    // fast the flood drained before it (a busy machine can commit it all first).
    const after: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) after.push(send(i));
    await Promise.all([...inflight, ...after]);
    expect(rejected).toBeGreaterThanOrEqual(50);
    expect(acked.size).toBeGreaterThan(0);
    expect(lateAcks).toBe(0);
    const stored = await a.loadBallots('r2');
    expect(new Map(stored.map((r) => [r.participantId, r.ballotId]))).toEqual(new Map([...acked.values()].map((r) => [r.participantId, r.ballotId])));
    expect((await b.countRound('r2')).ballots).toBe(stored.length);
  });

  it('conflicting lifecycle commands on two nodes: one wins, the other is turned down with ROUND_CONFLICT', async () => {
    const outcome = (p: Promise<void>) => p.then(() => 'ok', (e: unknown) => (e instanceof RoundConflictError ? 'conflict' : String(e)));
    // Two closes of one round (a facilitator and the deadline, say) at once.
    for (let i = 0; i < 5; i++) {
      const id = `close${i}`;
      await a.saveRound(roundRow(id, 'open'));
      const results = await Promise.all([
        outcome(a.saveRound({ ...roundRow(id, 'closed'), closedAt: 100 })),
        outcome(b.saveRound({ ...roundRow(id, 'closed'), closedAt: 101 })),
      ]);
      expect(results.sort()).toEqual(['conflict', 'ok']);
      // Closed stays closed: no extend (open again) and no second close.
      expect(await outcome(b.saveRound({ ...roundRow(id, 'open'), deadline: 5 }))).toBe('conflict');
      expect(await outcome(a.saveRound({ ...roundRow(id, 'draft') }))).toBe('conflict');
    }
    // Two rounds of one assembly opened on two nodes at once: one opens.
    await a.saveRound({ ...roundRow('r1', 'closed'), closedAt: 3 });
    for (let i = 0; i < 5; i++) {
      await a.saveRound(roundRow(`x${i}`, 'draft'));
      await a.saveRound(roundRow(`y${i}`, 'draft'));
      const results = await Promise.all([outcome(a.saveRound(roundRow(`x${i}`, 'open'))), outcome(b.saveRound(roundRow(`y${i}`, 'open')))]);
      expect(results.sort()).toEqual(['conflict', 'ok']);
      const open = (await b.loadRounds()).filter((r) => r.status === 'open');
      expect(open).toHaveLength(1);
      await a.saveRound({ ...open[0]!, status: 'closed', closedAt: 7 });
    }
  });

  it('a resend of a ballot id the voter has since replaced on the other node changes nothing, in any order of nodes', async () => {
    await a.createAssembly({ id: 'a4', title: 't', joinMode: 'open', display: 'live', facilitatorHash: 'x', createdAt: 1, settings: { ...DEFAULT_SETTINGS } });
    await a.saveRound({ ...roundRow('r4', 'open'), assemblyId: 'a4' });
    const row = (id: string, plus: string[], seq: number): BallotRow => ({ roundId: 'r4', participantId: 'v1', ballotId: id, plus, minus: [], seq, at: seq });
    const first = row('first', [IDS[0]!], 1);
    const second = row('second', [IDS[1]!], 2);
    const third = row('third', [IDS[2]!], 3);
    await a.saveBallot(first);
    await b.saveBallot(second);
    // The stale resends, on either node, alone or in one batch with the voter's newest ballot.
    for (const [node, stale] of [[a, first], [b, first], [a, { ...first, seq: 9 }]] as const) {
      await expect(node.saveBallot(stale)).rejects.toMatchObject({ code: 'BALLOT_REPLACED' });
    }
    const [late, newest] = await Promise.allSettled([a.saveBallot({ ...first, seq: 10 }), a.saveBallot(third)]);
    expect(late.status).toBe('rejected');
    expect(newest.status).toBe('fulfilled');
    // The current ballot resent is no change either (same id): it resolves.
    await b.saveBallot(third);
    expect((await a.getBallot('r4', 'v1'))?.ballotId).toBe('third');
    expect((await b.getReceipt('r4', 'v1', 'first'))?.plus).toEqual([IDS[0]]);
    const c = await b.countRound('r4');
    expect({ ballots: c.ballots, ...stripZeros(c) }).toEqual({ ballots: 1, plus: { [IDS[2]!]: 1 }, minus: {} });
  });
});
