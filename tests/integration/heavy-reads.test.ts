import { io as ioClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { IssuedCode } from '../../shared/protocol/views.ts';
import { closeRound, createRound, joinVoter, openRound, setupAssembly, vote } from '../support/assembly.ts';
import { call, connect, must, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';

/**
 * Heavy reads and token-less fan-out (docs/security.md, "Heavy reads"):
 * a reply that grows with the assembly (the screen view, a voter's state,
 * a round's results) has its own budgets per socket and per address, and
 * screens per address are capped, so a few token-less sockets cannot
 * stall the hub. Before: 20 screens asking `state:sync` of a 2 MB view in
 * a loop took ballot acks from 3 ms to 1.5 s; 400 idle screens, 650 ms.
 */
describe('heavy reads cannot stall the hub', () => {
  let server: TestServer | null = null;
  const sockets: TestSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server?.close();
    server = null;
  });
  /** A socket as seen through the trusted proxy (loopback): X-Forwarded-For names the phone. */
  async function from(url: string, address: string): Promise<TestSocket> {
    const s = await connect(url, 10_000, { forwardedFor: address });
    sockets.push(s);
    return s;
  }
  const count = (acks: { ok: boolean }[]) => acks.filter((a) => a.ok).length;

  it('every kind of heavy read is budgeted per socket and per address; the facilitator is not', async () => {
    server = await startServer({ heavy: { socketPerSec: 0.001, socketBurst: 3, publicPerSec: 0.001, publicBurst: 10, voterPerSec: 0.001, voterBurst: 8 } });
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Park', 'Library', 'Bench']);
    const round = await createRound(url, assemblyId, token, { question: 'Q', proposalIds: proposals.map((p) => p.id), winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    await closeRound(url, assemblyId, token, round.id);

    // One screen: its join and two reads, then every heavy read is refused, whichever it is.
    const screen = await from(url, '10.1.0.1');
    await must(screen, 'session:join', { assemblyId, role: 'screen' });
    const asks = [
      await call(screen, 'state:sync', {}),
      await call(screen, 'groups:get', { roundId: round.id }),
      await call(screen, 'state:sync', {}),
      await call(screen, 'session:join', { assemblyId, role: 'screen' }),
      await call(screen, 'groups:get', { roundId: round.id }),
    ];
    expect(count(asks)).toBe(2);
    expect(asks.slice(2).every((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toBe(true);

    // Many sockets from one address share its budget of token-less reads (10: 3 used above, 7 left).
    const many: { ok: boolean }[] = [];
    for (let i = 0; i < 4; i++) {
      const s = await from(url, '10.1.0.1');
      many.push(await call(s, 'session:join', { assemblyId, role: 'screen' }), await call(s, 'state:sync', {}));
    }
    expect(count(many)).toBe(7);
    // …and token-less REST reads of results and opinion groups draw on the same budget.
    const headers = { 'x-forwarded-for': '10.1.0.1' };
    for (const path of ['results', 'results.csv', 'opinion-groups']) {
      const r = await fetch(`${url}/api/assemblies/${assemblyId}/rounds/${round.id}/${path}`, { headers });
      expect(r.status).toBe(429);
    }
    // Another address has its own.
    expect((await fetch(`${url}/api/assemblies/${assemblyId}/rounds/${round.id}/results`, { headers: { 'x-forwarded-for': '10.1.0.2' } })).status).toBe(200);

    // Voters: joins and syncs per socket and per address (sized for a hall behind one NAT).
    const phone = await from(url, '10.2.0.1');
    const phoneAsks = [await call(phone, 'session:join', { assemblyId, role: 'voter' })];
    for (let i = 0; i < 4; i++) phoneAsks.push(await call(phone, 'state:sync', {}));
    expect(count(phoneAsks)).toBe(3);

    // The facilitator's reads are never refused.
    const fac = await from(url, '10.1.0.1');
    sockets.push(fac);
    await must(fac, 'session:join', { assemblyId, role: 'facilitator', token });
    for (let i = 0; i < 8; i++) expect(await call(fac, 'state:sync', {})).toMatchObject({ ok: true });
    for (let i = 0; i < 5; i++) expect((await rest(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`, { token })).status).toBe(200);
  });

  it('screens per address are capped: every screen receives every snapshot', async () => {
    server = await startServer({ heavy: { screensPerAddress: 3 } });
    const { url } = server;
    const { assemblyId } = await setupAssembly(url, ['Park']);
    const joins = [];
    for (let i = 0; i < 5; i++) joins.push(await call(await from(url, '10.3.0.1'), 'session:join', { assemblyId, role: 'screen' }));
    expect(joins.map((j) => j.ok)).toEqual([true, true, true, false, false]);
    expect(joins[3]).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // A screen that leaves frees its place; another address has its own places.
    sockets[0]!.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    expect(await call(await from(url, '10.3.0.1'), 'session:join', { assemblyId, role: 'screen' })).toMatchObject({ ok: true });
    expect(await call(await from(url, '10.3.0.2'), 'session:join', { assemblyId, role: 'screen' })).toMatchObject({ ok: true });
  });

  it('a screen that stops reading is cut once its queue passes the limit; the room goes on', async () => {
    server = await startServer({ slowConsumers: { maxBufferedBytes: 256 * 1024, everyMs: 100 }, tallyIntervalMs: 20 });
    const { url, app } = server;
    const titles = Array.from({ length: 200 }, (_, i) => `Proposal ${i} ${'t'.repeat(150)}`);
    const { assemblyId, token, proposals } = await setupAssembly(url, titles);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 3 });
    await openRound(url, assemblyId, token, round.id);
    const stalled = await from(url, '10.4.0.1');
    await must(stalled, 'session:join', { assemblyId, role: 'screen' });
    const reading = await from(url, '10.4.0.2');
    await must(reading, 'session:join', { assemblyId, role: 'screen' });
    // The stalled screen stops reading: everything sent to it queues on the server.
    (stalled.io.engine as unknown as { transport: { ws: { _socket: { pause(): void } } } }).transport.ws._socket.pause();
    const screens = () => [...app.io.sockets.sockets.values()].filter((s) => s.data.role === 'screen').length;
    const v = await joinVoter(url, assemblyId);
    sockets.push(v.socket);
    for (let i = 0; i < 400 && screens() === 2; i++) {
      await vote(v, round.id, [ids[i % ids.length]!], []);
      await new Promise((r) => setTimeout(r, 60)); // under the 20 commands a second of one socket
    }
    expect(screens()).toBe(1);
    expect(reading.connected).toBe(true);
    expect(await call(v.socket, 'state:sync', {})).toMatchObject({ ok: true });
  });

  it('a phone revoked while its link was down is not restored by connection-state recovery', async () => {
    server = await startServer();
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Park', 'Library', 'Bench'], { joinMode: 'codes' });
    await rest(url, 'PATCH', `/api/assemblies/${assemblyId}`, { token, body: { profile: [{ id: 'age', label: 'Age', options: [{ id: 'y', label: 'Young' }, { id: 'o', label: 'Old' }] }] } });
    const codes = await rest<IssuedCode[]>(url, 'POST', `/api/assemblies/${assemblyId}/codes`, { token, body: { count: 1 } });
    if (!codes.body.ok) throw new Error('codes');
    const code = codes.body.data[0]!;
    const round = await createRound(url, assemblyId, token, { question: 'Q', proposalIds: proposals.map((p) => p.id), winners: 1 });
    await openRound(url, assemblyId, token, round.id);

    const phone: TestSocket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 300, reconnectionDelayMax: 300 });
    sockets.push(phone);
    await new Promise<void>((r) => phone.once('connect', () => r()));
    await must(phone, 'session:join', { assemblyId, role: 'voter', code: code.code });
    // The link drops (not a server disconnect), the card is revoked meanwhile, the link comes back.
    phone.io.engine.close();
    await new Promise((r) => setTimeout(r, 100));
    expect((await rest(url, 'POST', `/api/assemblies/${assemblyId}/codes/${code.id}/revoke`, { token, body: {} })).body.ok).toBe(true);
    const ended = new Promise<string>((r) => phone.once('disconnect', r));
    await new Promise<void>((r) => phone.once('connect', () => r()));
    // Recovered or not, it is no voter any more: the server ends a recovered session at once.
    if (phone.recovered) expect(await Promise.race([ended, new Promise((r) => setTimeout(() => r('still connected'), 3000))])).toBe('io server disconnect');
    const fresh = await connect(url);
    sockets.push(fresh);
    expect(await call(fresh, 'session:join', { assemblyId, role: 'voter', code: code.code })).toMatchObject({ ok: false, error: { code: 'CODE_REVOKED' } });
    const fac = await connect(url);
    sockets.push(fac);
    const joined = await must<{ state: { turnout: { online: number } } }>(fac, 'session:join', { assemblyId, role: 'facilitator', token });
    expect(joined.state.turnout.online).toBe(0);
  });

  it('a staff link revoked while its link was down is not restored by connection-state recovery; a kept one is', async () => {
    server = await startServer();
    const { url } = server;
    const { assemblyId, token } = await setupAssembly(url, ['Park', 'Library']);
    const fac = await connect(url);
    sockets.push(fac);
    await must(fac, 'session:join', { assemblyId, role: 'facilitator', token });
    const desks = [await must<{ id: string; key: string }>(fac, 'staff:create', { name: 'Desk 1' }), await must<{ id: string; key: string }>(fac, 'staff:create', { name: 'Desk 2' })];
    const links = await Promise.all(
      desks.map(async (d) => {
        const s: TestSocket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 300, reconnectionDelayMax: 300 });
        sockets.push(s);
        await new Promise<void>((r) => s.once('connect', () => r()));
        await must(s, 'session:join', { assemblyId, role: 'staff', token: d.key });
        return s;
      }),
    );
    for (const s of links) s.io.engine.close();
    await new Promise((r) => setTimeout(r, 100));
    await must(fac, 'staff:revoke', { staffId: desks[1]!.id });
    const outcomes = await Promise.all(
      links.map(async (s) => {
        const ended = new Promise<string>((r) => s.once('disconnect', r));
        await new Promise<void>((r) => s.once('connect', () => r()));
        const recovered = s.recovered;
        const end = await Promise.race([ended, new Promise<string>((r) => setTimeout(() => r('kept'), 1000))]);
        return { recovered, end };
      }),
    );
    expect(outcomes[0]).toEqual({ recovered: true, end: 'kept' });
    if (outcomes[1]!.recovered) expect(outcomes[1]!.end).toBe('io server disconnect');
  });

  it('every voter command refuses a revoked participant, not only ballots and proposals', async () => {
    server = await startServer();
    const { url, app } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Park', 'Library', 'Bench']);
    await rest(url, 'PATCH', `/api/assemblies/${assemblyId}`, { token, body: { profile: [{ id: 'age', label: 'Age', options: [{ id: 'y', label: 'Young' }] }] } });
    const round = await createRound(url, assemblyId, token, { question: 'Q', proposalIds: proposals.map((p) => p.id), winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    const v = await joinVoter(url, assemblyId);
    sockets.push(v.socket);
    await vote(v, round.id, [proposals[0]!.id], []);
    // A socket that outlives its participant's revocation (however it did): the hub marks the participant revoked.
    const pid = [...app.io.sockets.sockets.values()].find((s) => s.data.role === 'voter')!.data.participantId!;
    app.hub.assemblies.get(assemblyId)!.revoked.add(pid);
    const answers = {
      'ballot:submit': await call(v.socket, 'ballot:submit', { roundId: round.id, ballotId: 'after-revoke', plus: [proposals[1]!.id], minus: [] }),
      'proposal:submit': await call(v.socket, 'proposal:submit', { title: 'After revoke' }),
      'profile:answer': await call(v.socket, 'profile:answer', { answers: { age: 'y' } }),
      'state:sync': await call(v.socket, 'state:sync', {}),
    };
    for (const [event, ack] of Object.entries(answers)) expect({ event, ack }).toMatchObject({ event, ack: { ok: false, error: { code: 'CODE_REVOKED' } } });
  });
});
