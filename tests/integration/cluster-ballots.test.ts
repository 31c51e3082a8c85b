import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import { systemClock } from '../../server/clock.ts';
import { adoptStoredRound, createAssembly, createProposal, createRound, myBallot, newAssemblyState, opinionGroupsView, openRound, submitBallot, type HubContext } from '../../server/hub/index.ts';
import { recount, tallyCounts } from '../../shared/domain/index.ts';
import { postgresBackend, testDatabaseUrl, type Backend } from '../support/stores.ts';
import { TEST_OPERATOR_TOKEN } from '../support/server.ts';

/**
 * Two hubs on one PostgreSQL database, as two nodes (issue 16): a node's
 * memory of a voter can be stale when the voter's phone moved to another
 * node and voted there. A resend of a ballot id the voter has since
 * replaced, arriving at the stale node, answers with that ballot's first
 * receipt and changes nothing; a new ballot there still counts.
 */
const url = testDatabaseUrl();

/** An assembly with six proposals and an open round of them, made on `hub`. */
async function openedRound(hub: HubContext, title: string, rules: { plus?: number; minus?: number; lockBallots?: boolean }) {
  const { state } = await createAssembly(hub, { title });
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const p = await createProposal(hub, state, { title: `P${i}` });
    if (!p.ok) throw new Error(p.message);
    ids.push(p.value.id);
  }
  const r = await createRound(hub, state, { proposalIds: ids, winners: 2, ...rules });
  if (!r.ok) throw new Error(r.message);
  if (!(await openRound(hub, state, r.value.id)).ok) throw new Error('open failed');
  return { state, ids, roundId: r.value.id };
}

describe.skipIf(!url)('ballots across two nodes with stale memory', () => {
  const backend: Backend | null = url ? postgresBackend(url) : null;
  const apps: App[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    await backend?.dispose();
  });
  const node = async () => {
    const app = await createApp({ store: await backend!.open(), clock: systemClock, clientDir: null, workers: { inline: true }, operatorToken: TEST_OPERATOR_TOKEN });
    apps.push(app);
    return app.hub;
  };

  it('a replaced ballot resent to the node that last saw the voter with no ballot: first receipt, nothing changed', async () => {
    const hubA = await node();
    const { state, ids, roundId } = await openedRound(hubA, 'Two nodes', {});
    const hubB: HubContext = await node();
    const onA = hubA.assemblies.get(state.row.id)!;
    const onB = hubB.assemblies.get(state.row.id)!;

    // Node A looks the voter up (no ballot yet) and remembers that.
    expect(await myBallot(hubA, onA, roundId, 'v1')).toBeNull();
    // The phone moves to node B and votes twice there.
    const first = await submitBallot(hubB, onB, 'v1', { roundId, ballotId: 'first', plus: [ids[0]!], minus: [] });
    const second = await submitBallot(hubB, onB, 'v1', { roundId, ballotId: 'second', plus: [ids[1]!], minus: [] });
    expect(first.ok && second.ok).toBe(true);
    // A stale resend of the first ballot reaches node A.
    const resent = await submitBallot(hubA, onA, 'v1', { roundId, ballotId: 'first', plus: [ids[0]!], minus: [] });
    expect(resent).toEqual(first);
    const stored = () => hubA.store.loadBallots(roundId);
    expect((await stored()).map((b) => b.ballotId)).toEqual(['second']);
    // Node A now knows better: the current ballot resent is its receipt, a new one counts.
    expect(await submitBallot(hubA, onA, 'v1', { roundId, ballotId: 'second', plus: [ids[1]!], minus: [] })).toEqual(second);
    const third = await submitBallot(hubA, onA, 'v1', { roundId, ballotId: 'third', plus: [ids[2]!], minus: [] });
    expect(third.ok).toBe(true);
    expect((await stored()).map((b) => b.ballotId)).toEqual(['third']);
    const counts = await hubB.store.countRound(roundId);
    const truth = tallyCounts(recount(ids, await stored()));
    expect({ ballots: counts.ballots, plus: counts.plus[ids[2]!] }).toEqual({ ballots: truth.ballots, plus: 1 });
    expect(counts.plus[ids[0]!] ?? 0).toBe(0);
    expect(counts.plus[ids[1]!] ?? 0).toBe(0);
  });

  it('opinion groups: both nodes give the same groups for the same round, whichever node took which ballots', async () => {
    const hubA = await node();
    const hubB = await node();
    // Cluster mode as server/cluster sets it: tallies and whole-round views come from PostgreSQL.
    for (const hub of [hubA, hubB]) hub.cluster = { sharedTally: true, leads: () => hub === hubA, catchUp: async () => undefined };
    const { state, ids, roundId } = await openedRound(hubA, 'Groups on two nodes', { plus: 3, minus: 1 });
    // Node B learns of the assembly and the open round as a change note would make it.
    hubB.assemblies.set(state.row.id, newAssemblyState(state.row, 0));
    const onB = hubB.assemblies.get(state.row.id)!;
    for (const row of await hubB.store.loadProposals()) if (row.assemblyId === state.row.id) onB.proposals.set(row.id, row);
    for (const row of await hubB.store.loadRounds()) if (row.assemblyId === state.row.id) adoptStoredRound(hubB, onB, row);
    const onA = hubA.assemblies.get(state.row.id)!;
    const [bus, car, trees, fees, bikes] = ids as [string, string, string, string, string];
    for (let v = 0; v < 30; v++) {
      const ballot = v % 2 ? { plus: [bus, trees, bikes], minus: [car] } : { plus: [car, fees, trees], minus: [bus] };
      const [hub, a] = v % 3 ? [hubA, onA] : [hubB, onB];
      const done = await submitBallot(hub, a, `g${v}`, { roundId, ballotId: `g${v}`, ...ballot });
      expect(done.ok).toBe(true);
    }
    const fromA = await opinionGroupsView(hubA, onA, roundId);
    const fromB = await opinionGroupsView(hubB, onB, roundId);
    if (!fromA.ok || !fromB.ok) throw new Error('opinion groups failed');
    expect(fromA.value.ballots).toBe(30);
    expect(fromA.value.groups.map((g) => g.size)).toEqual([15, 15]);
    const { computedAt: _a, ...a } = fromA.value;
    const { computedAt: _b, ...b } = fromB.value;
    expect(b).toEqual(a);
  });

  it('a round with locked ballots: a voter whose first ballot another node took gets no second one on a node that remembers none', async () => {
    const hubA = await node();
    const { state, ids, roundId } = await openedRound(hubA, 'Locked on two nodes', { lockBallots: true });
    const hubB = await node();
    const onA = hubA.assemblies.get(state.row.id)!;
    const onB = hubB.assemblies.get(state.row.id)!;
    expect(await myBallot(hubA, onA, roundId, 'v1')).toBeNull();
    expect((await submitBallot(hubB, onB, 'v1', { roundId, ballotId: 'only', plus: [ids[0]!], minus: [] })).ok).toBe(true);
    const second = await submitBallot(hubA, onA, 'v1', { roundId, ballotId: 'another', plus: [ids[1]!], minus: [] });
    expect(second).toMatchObject({ ok: false, code: 'BALLOT_LOCKED' });
    expect((await hubA.store.loadBallots(roundId)).map((b) => b.ballotId)).toEqual(['only']);
    const counts = await hubA.store.countRound(roundId);
    expect([counts.ballots, counts.plus[ids[0]!], counts.plus[ids[1]!] ?? 0]).toEqual([1, 1, 0]);
    // Node A now reads the voter again: a second try is refused from memory, the same way.
    expect(await submitBallot(hubA, onA, 'v1', { roundId, ballotId: 'again', plus: [ids[2]!], minus: [] })).toMatchObject({ ok: false, code: 'BALLOT_LOCKED' });
  });
});
