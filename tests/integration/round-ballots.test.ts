import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import { systemClock } from '../../server/clock.ts';
import { createAssembly, createProposal, createRound, opinionGroupsView, openRound, submitBallot, type AssemblyState } from '../../server/hub/index.ts';
import { roundBallots } from '../../server/hub/roundBallots.ts';
import { createSqliteStore } from '../../server/store/sqlite.ts';
import type { BallotRow } from '../../server/store/types.ts';
import { prng } from '../../shared/domain/index.ts';
import { TEST_OPERATOR_TOKEN, tempDataFile } from '../support/server.ts';

/**
 * Whole-round views (opinion groups, segments) read each voter's ballot
 * from the hub's memory on one node, not from the store (issue 15: a bulk
 * SQLite read held the event loop ~160 ms at 10,000 voters). The kind
 * tested: whatever the mix of new ballots, changed ballots and restarts,
 * what memory gives equals what the store holds, and the store is read at
 * most once per round per process.
 */
describe('round ballots from memory (one node)', () => {
  const apps: App[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  async function start(file: string) {
    const store = createSqliteStore({ file, synchronous: 'NORMAL' });
    await store.init();
    let reads = 0;
    const load = store.loadBallots;
    store.loadBallots = (roundId) => (reads++, load(roundId));
    const app = await createApp({ store, clock: systemClock, clientDir: null, workers: { inline: true }, operatorToken: TEST_OPERATOR_TOKEN });
    apps.push(app);
    return { app, ctx: app.hub, store, reads: () => reads };
  }
  const byVoter = (rows: BallotRow[]) => [...rows].sort((x, y) => (x.participantId < y.participantId ? -1 : 1));

  it('equals the store after ballots, changes and restarts; the store is read once per round per process', async () => {
    const file = tempDataFile();
    let node = await start(file);
    const { state } = await createAssembly(node.ctx, { title: 'Memory' });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const p = await createProposal(node.ctx, state, { title: `P${i}` });
      if (!p.ok) throw new Error(p.message);
      ids.push(p.value.id);
    }
    const r = await createRound(node.ctx, state, { proposalIds: ids, winners: 3, plus: 4, minus: 2, ratio: 0 });
    if (!r.ok) throw new Error(r.message);
    const opened = await openRound(node.ctx, state, r.value.id);
    if (!opened.ok) throw new Error(opened.message);
    const roundId = r.value.id;
    const random = prng(9);
    let n = 0;
    const burst = async (a: AssemblyState, ctx: typeof node.ctx, count: number) => {
      await Promise.all(
        Array.from({ length: count }, () => {
          const voter = `v${Math.floor(random() * 60)}`;
          const start = Math.floor(random() * ids.length);
          const plus = [0, 1, 2].map((d) => ids[(start + d) % ids.length]!);
          const minus = random() < 0.5 ? [ids[(start + 6) % ids.length]!] : [];
          return submitBallot(ctx, a, voter, { roundId, ballotId: `b${n++}`, plus, minus });
        }),
      );
    };

    for (let restart = 0; restart < 3; restart++) {
      const a = node.ctx.assemblies.get(state.row.id)!;
      await burst(a, node.ctx, 80);
      const readsBefore = node.reads();
      const fromMemory = await roundBallots(node.ctx, a, a.rounds.get(roundId)!);
      // Opened here: memory only. After a restart: one read, then memory.
      expect(node.reads() - readsBefore).toBe(restart === 0 ? 0 : 1);
      expect(byVoter(fromMemory)).toEqual(byVoter(await node.store.loadBallots(roundId)));
      await burst(a, node.ctx, 40);
      const groups = await opinionGroupsView(node.ctx, a, roundId);
      expect(node.reads() - readsBefore).toBe(restart === 0 ? 1 : 2); // only this test's own comparison reads
      expect(groups.ok && groups.value.ballots).toBe((await node.store.loadBallots(roundId)).length);
      await node.app.close();
      apps.splice(0);
      node = await start(file);
    }
  });
});
