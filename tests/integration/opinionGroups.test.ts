import { systemClock } from '../../server/clock.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpinionGroupsView } from '../../shared/protocol/views.ts';
import { REFRESH_MS } from '../../server/hub/opinion.ts';
import type { WorkerPool } from '../../server/workers/pool.ts';
import { closeRound, createRound, joinStaff, joinVoter, openRound, setupAssembly, vote, type Voter } from '../support/assembly.ts';
import { call, must, startServer, type TestServer } from '../support/server.ts';

/**
 * Opinion groups as the server serves them: computed in the worker pool,
 * cached per round and tally version, at most once per REFRESH_MS while a
 * round is open, with the number of ballots they rest on.
 */
describe('opinion groups on the server (worker pool, cache)', () => {
  let server: TestServer;
  let now = 1_000_000;
  let runs = 0;
  beforeAll(async () => {
    server = await startServer({ clock: { ...systemClock, now: () => now } });
    // Count computations reaching the real pool.
    const pool = server.app.hub.workers!;
    const counted: WorkerPool = { ...pool, run: (name, input, transfer) => (runs++, pool.run(name, input, transfer)) };
    server.app.hub.workers = counted;
  });
  afterAll(() => server?.close());

  it('computes once per version, serves a view at most REFRESH_MS old while open, recomputes on close', async () => {
    const { url } = server;
    const titles = ['Bus lanes', 'Car park', 'Trees', 'Parking fees', 'Bike racks', 'Benches'];
    const { assemblyId, token, proposals } = await setupAssembly(url, titles);
    const [bus, car, trees, fees, bikes, benches] = proposals.map((p) => p.id) as [string, string, string, string, string, string];
    const round = await createRound(url, assemblyId, token, { proposalIds: proposals.map((p) => p.id), winners: 2, plus: 3, minus: 1 });
    await openRound(url, assemblyId, token, round.id);
    const fac = await joinStaff(url, assemblyId, 'facilitator', token);
    const screen = await joinStaff(url, assemblyId, 'screen');
    const voters: Voter[] = await Promise.all(Array.from({ length: 25 }, () => joinVoter(url, assemblyId)));
    await Promise.all(voters.slice(0, 24).map((v, i) => (i % 2 ? vote(v, round.id, [bus, trees, bikes], [car]) : vote(v, round.id, [car, fees, trees], [bus]))));

    const get = () => must<OpinionGroupsView>(fac.socket, 'groups:get', { roundId: round.id });
    // Token-less screens get them only once the round is closed (docs/security.md, "Timing").
    expect(await call(screen.socket, 'groups:get', { roundId: round.id })).toMatchObject({ ok: false, error: { code: 'RESULTS_HIDDEN' } });
    const first = await get();
    expect(runs).toBe(1);
    expect(first.ballots).toBe(24);
    expect(first.groups.map((g) => g.size)).toEqual([12, 12]);
    expect(first.options[0]!.id).toBe(trees); // both groups back it: the bridge
    expect(first.computedAt).toBe(now);
    // The map carries counts and places only: no field that could name a voter or a ballot.
    expect(first.map.dots.reduce((n, d) => n + d.count, 0)).toBe(24);
    for (const d of first.map.dots) expect(Object.keys(d).sort()).toEqual(['count', 'group', 'x', 'y']);
    const wire = JSON.stringify(first);
    for (const v of voters) expect(wire).not.toContain(v.token);
    expect(await get()).toEqual(first);
    expect(runs).toBe(1);

    // A new ballot: within REFRESH_MS the same view (it says "24 ballots").
    await vote(voters[24]!, round.id, [bus, trees, benches], [car]);
    now += REFRESH_MS - 1;
    expect((await get()).ballots).toBe(24);
    expect(runs).toBe(1);
    // After REFRESH_MS, one computation however many ask at once.
    now += 1;
    const many = await Promise.all([get(), get(), get(), get()]);
    expect(runs).toBe(2);
    for (const v of many) expect(v.ballots).toBe(25);

    // Closing the round recomputes once, then serves from the cache.
    await closeRound(url, assemblyId, token, round.id);
    const closed = await get();
    expect(await must(screen.socket, 'groups:get', { roundId: round.id })).toEqual(closed);
    expect(runs).toBe(3);

    // A phone never reads them.
    expect(await call(voters[0]!.socket, 'groups:get', { roundId: round.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 60_000);

  it("counts a voter's votes against the round's rules as derived (5 + 2 at 22 proposals), not the number of proposals", async () => {
    const { url } = server;
    const titles = Array.from({ length: 22 }, (_, i) => `Proposal ${i + 1}`);
    const { assemblyId, token, proposals } = await setupAssembly(url, titles);
    const ids = proposals.map((p) => p.id);
    // No plus or minus given: the rules follow from W = 3 and 22 proposals.
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 3 });
    expect(round.rules).toMatchObject({ plus: 5, minus: 2 });
    await openRound(url, assemblyId, token, round.id);
    const fac = await joinStaff(url, assemblyId, 'facilitator', token);
    // Two camps of 12: three plus votes of their own, one shared, one minus on the other camp's first
    // (five votes; the minimum here is min(7, 7, ⌈7 / 2⌉) = 4, not min(7, 22, 11) = 7).
    const voters: Voter[] = await Promise.all(Array.from({ length: 24 }, () => joinVoter(url, assemblyId)));
    await Promise.all(voters.map((v, i) => (i % 2 ? vote(v, round.id, [ids[0]!, ids[1]!, ids[2]!, ids[5]!], [ids[10]!]) : vote(v, round.id, [ids[10]!, ids[11]!, ids[12]!, ids[5]!], [ids[0]!]))));
    now += REFRESH_MS;
    const view = await must<OpinionGroupsView>(fac.socket, 'groups:get', { roundId: round.id });
    expect(view.minVotes).toBe(4);
    expect(view.voters).toBe(24);
    expect(view.groups.map((g) => g.size)).toEqual([12, 12]);
  }, 60_000);
});
