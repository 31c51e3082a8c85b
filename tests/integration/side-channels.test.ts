import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { IssuedCode, TallySnapshot } from '../../shared/protocol/views.ts';
import { ballotId, closeRound, createRound, openRound, setupAssembly, waitFor } from '../support/assembly.ts';
import { connect, must, rest, startServer, type TestServer } from '../support/server.ts';

/** The secret ballot against side channels (docs/security.md). */
describe('side channels', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ tallyIntervalMs: 20 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('quiet room: cards used one at a time cannot be matched to ballots from any public stream', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C', 'D', 'E', 'F'], { joinMode: 'codes' });
    const ids = proposals.map((p) => p.id);
    const fac = await connect(url);
    await must(fac, 'session:join', { assemblyId, role: 'facilitator', token });
    const codes = await must<IssuedCode[]>(fac, 'codes:generate', { count: 12 });
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);

    // The observer: a token-less screen, and the public REST read after every ballot.
    const screen = await connect(url);
    const events: { event: string; data: unknown }[] = [];
    screen.onAny((event: string, data: unknown) => events.push({ event, data }));
    await must(screen, 'session:join', { assemblyId, role: 'screen' });
    const publicBallots: number[] = [];

    // Twelve people arrive one by one, each with a distinct ballot, seconds apart in a real room.
    for (let i = 0; i < 12; i++) {
      const phone = await connect(url);
      await must(phone, 'session:join', { assemblyId, role: 'voter', code: codes[i]!.code });
      await must(phone, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[i % 6]], minus: [] });
      const seen = events.length;
      await new Promise((r) => setTimeout(r, 60)); // several snapshot intervals
      const r = await rest<{ results: RoundResults; turnout: { voted: number } }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
      if (!r.body.ok) throw new Error(JSON.stringify(r.body));
      publicBallots.push(r.body.data.results.ballots);
      expect(r.body.data.turnout.voted).toBe(r.body.data.results.ballots);
      expect(events.length).toBeGreaterThanOrEqual(seen);
      phone.disconnect();
    }
    // Released in batches of five voters: 0 until five, 5 until ten.
    expect(publicBallots).toEqual([0, 0, 0, 0, 5, 5, 5, 5, 5, 10, 10, 10]);
    const open = events.filter((e) => e.event === 'tally:snapshot').map((e) => e.data as TallySnapshot);
    expect(new Set(open.map((s) => s.results!.ballots))).toEqual(new Set([0, 5, 10]));
    for (const s of open) expect(s.turnout.voted).toBe(s.results!.ballots);
    // No card or participant events reach a screen at all.
    expect(events.some((e) => ['codes:updated', 'proposal:updated', 'assembly:updated'].includes(e.event))).toBe(false);
    // The console sees the live count; after close everyone sees the whole tally.
    const live = await rest<{ results: RoundResults }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`, { token });
    expect(live.body.ok && live.body.data.results.ballots).toBe(12);
    await closeRound(url, assemblyId, token, round.id);
    await waitFor(() => events.some((e) => e.event === 'tally:snapshot' && (e.data as TallySnapshot).status === 'closed' && (e.data as TallySnapshot).results?.ballots === 12), 3000, 'closed snapshot');
    // Opinion groups are published to token-less readers only after close.
    screen.disconnect();
    fac.disconnect();
  });

  it('a voter changing a ballot five times is one voter: no release isolates it', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    const phone = await connect(url);
    await must(phone, 'session:join', { assemblyId, role: 'voter' });
    for (let i = 0; i < 6; i++) await must(phone, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[i % 3]], minus: [] });
    const r = await rest<{ results: RoundResults }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    expect(r.body.ok && r.body.data.results.ballots).toBe(0);
    const groups = await rest(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/opinion-groups`);
    expect(groups.body).toMatchObject({ ok: false, error: { code: 'RESULTS_HIDDEN' } });
    phone.disconnect();
  });

  it('ballot exports are canonical: sorted ids in each ballot, ballots in sorted order', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 3 });
    await openRound(url, assemblyId, token, round.id);
    // The same choices tapped in different orders: a signature a buyer could ask for.
    const orders = [[ids[3], ids[1], ids[0]], [ids[0], ids[3], ids[1]], [ids[5], ids[2]], [ids[2], ids[5]]];
    for (const plus of orders) {
      const phone = await connect(url);
      await must(phone, 'session:join', { assemblyId, role: 'voter' });
      await must(phone, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus, minus: [] });
      phone.disconnect();
    }
    await closeRound(url, assemblyId, token, round.id);
    const out = await rest<{ ballots: { plus: string[]; minus: string[] }[] }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/ballots.json`, { token });
    if (!out.body.ok) throw new Error(JSON.stringify(out.body));
    const ballots = out.body.data.ballots;
    for (const b of ballots) expect(b.plus).toEqual([...b.plus].sort());
    const keys = ballots.map((b) => `${b.plus.join(',')}|${b.minus.join(',')}`);
    expect(keys).toEqual([...keys].sort());
    // Two identical ballots per order pair: nothing tells them apart.
    expect(new Set(keys).size).toBe(2);
  });
});
