import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoterRoundView } from '../../shared/protocol/views.ts';
import { createRound, openRound, setupAssembly, waitFor } from '../support/assembly.ts';
import { call, must, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';

/**
 * Clients written from docs/protocol.md alone, with nothing of the
 * product's phone: they join once and never look at the socket again
 * unless the documented rule tells them to.
 */
function protocolClient(url: string) {
  const socket: TestSocket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
  const rounds: (VoterRoundView | null)[] = [];
  const snapshots: string[] = [];
  socket.on('round:updated', (r) => rounds.push(r));
  socket.on('tally:snapshot', (s) => snapshots.push(s.roundId));
  return { socket, rounds, snapshots };
}

const connected = (s: TestSocket) => new Promise<void>((resolve) => (s.connected ? resolve() : s.once('connect', () => resolve())));

describe('reconnects for any client (docs/protocol.md "Reconnects")', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ clientDir: null });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(['voter', 'screen'] as const)('a %s that drops before any other event is recovered with its rooms', async (role) => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C']);
    const c = protocolClient(url);
    await connected(c.socket);
    const joined: unknown[] = [];
    c.socket.on('session:joined', (j) => joined.push(j));
    await must(c.socket, 'session:join', { assemblyId, role });
    expect(joined).toEqual([{ role, assemblyId }]); // arrived before the ack
    // The link drops (wifi gone), not a clean leave; the client reconnects by itself.
    c.socket.io.engine.close();
    await waitFor(() => !c.socket.connected, 2000, 'drop');
    await connected(c.socket);
    expect(c.socket.recovered).toBe(true);
    const sync = await call(c.socket, 'state:sync', {});
    expect(sync).toMatchObject({ ok: true, data: { role } });
    const round = await createRound(url, assemblyId, token, { proposalIds: proposals.map((p) => p.id), winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    if (role === 'voter') await waitFor(() => c.rounds.find((r) => r?.round.id === round.id), 3000, 'round:updated');
    else await waitFor(() => c.snapshots.includes(round.id), 3000, 'tally:snapshot'); // screens get snapshots, not round:updated
    c.socket.disconnect();
  });

  it('a client that re-joins whenever socket.recovered is false gets its session back after an unrecoverable drop', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B']);
    const c = protocolClient(url);
    let voterToken: string | undefined;
    // The documented rule, and nothing else.
    c.socket.on('connect', async () => {
      if (c.socket.recovered) return;
      const ack = await must<{ token: string }>(c.socket, 'session:join', { assemblyId, role: 'voter', ...(voterToken ? { token: voterToken } : {}) });
      voterToken = ack.token;
    });
    await waitFor(() => voterToken, 3000, 'first join');
    const first = voterToken;
    // A clean client-side disconnect is not recoverable: the server forgets the session.
    c.socket.disconnect();
    voterToken = undefined;
    c.socket.connect();
    await waitFor(() => voterToken, 3000, 're-join');
    expect(c.socket.recovered).toBe(false);
    expect(typeof first).toBe('string');
    const round = await createRound(url, assemblyId, token, { proposalIds: proposals.map((p) => p.id), winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    await waitFor(() => c.rounds.find((r) => r?.round.id === round.id), 3000, 'round:updated');
    c.socket.disconnect();
  });

  it('join codes are not case-sensitive, on sockets, REST and the phone address', async () => {
    const { url } = server;
    const { assemblyId } = await setupAssembly(url, ['A']);
    expect(assemblyId).toBe(assemblyId.toLowerCase());
    const upper = assemblyId.toUpperCase();
    const pub = await rest<{ id: string }>(url, 'GET', `/api/assemblies/${upper}/public`);
    expect(pub.body).toMatchObject({ ok: true, data: { id: assemblyId } });
    const c = protocolClient(url);
    await connected(c.socket);
    const ack = await must<{ assemblyId: string }>(c.socket, 'session:join', { assemblyId: upper, role: 'voter' });
    expect(ack.assemblyId).toBe(assemblyId);
    c.socket.disconnect();
  });

  it('the phone address typed in another case redirects to the assembly\'s own spelling', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'd21-client-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    const web = await startServer({ clientDir: dir });
    try {
      const { assemblyId } = await setupAssembly(web.url, ['A']);
      for (const path of [`/a/${assemblyId.toUpperCase()}`, `/a/${assemblyId.toUpperCase()}/screen?x=1`]) {
        const res = await fetch(web.url + path, { redirect: 'manual' });
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(path.replace(assemblyId.toUpperCase(), assemblyId));
      }
      expect((await fetch(`${web.url}/a/${assemblyId}`, { redirect: 'manual' })).status).toBe(200);
      expect((await fetch(`${web.url}/a/nosuchassembly`, { redirect: 'manual' })).status).toBe(200); // the app shows "not found"
    } finally {
      await web.close();
    }
  });
});
