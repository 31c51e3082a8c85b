import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { systemClock } from '../../server/clock.ts';
import { createSqliteStore } from '../../server/store/sqlite.ts';
import type { Store } from '../../server/store/types.ts';
import type { IssuedCode, SecurityReport, Turnout } from '../../shared/protocol/views.ts';
import { createRound, openRound, setupAssembly, waitFor } from '../support/assembly.ts';
import { LIMITS } from '../../shared/protocol/schemas.ts';
import { TEST_OPERATOR_TOKEN, call, connect, must, rest, startServer, startServerProcess, tempDataFile, type TestServer, type TestSocket } from '../support/server.ts';

/** Abuse limits sized for a hall behind one NAT (docs/security.md, "Limits"). */
describe('abuse limits', () => {
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
  async function staff(url: string, assemblyId: string, token: string) {
    const s = await connect(url);
    sockets.push(s);
    const reports: SecurityReport[] = [];
    s.on('security:updated', (r) => reports.push(r));
    await must(s, 'session:join', { assemblyId, role: 'facilitator', token });
    return { s, reports, turnout: async () => (await must<{ turnout: Turnout }>(s, 'state:sync', {})).turnout };
  }

  it('re-sending join on one socket is the same participant; new participants per socket and per address are capped and shown on the console', async () => {
    // Joins are heavy reads too (server/heavyReads.ts): this test re-sends many on one socket on purpose.
    server = await startServer({ abuse: { joinBurstPerAddress: 10, joinPerSecPerAddress: 0.001, reportJoinsFrom: 5 }, heavy: { socketBurst: 100 } });
    const { url } = server;
    const { assemblyId, token } = await setupAssembly(url, ['A', 'B']);
    const console_ = await staff(url, assemblyId, token);
    // One socket re-sending session:join fifteen times: one participant.
    const stuffer = await from(url, '10.0.0.1');
    for (let i = 0; i < 15; i++) await must(stuffer, 'session:join', { assemblyId, role: 'voter' });
    expect((await console_.turnout()).joined).toBe(1);
    // One socket across assemblies: at most joinPerSocket (3) new participants.
    const others = await Promise.all([0, 1, 2].map(() => setupAssembly(url, ['A'])));
    const hopper = await from(url, '10.0.0.2');
    const hops = [];
    for (const o of [{ assemblyId }, ...others]) hops.push(await call(hopper, 'session:join', { assemblyId: o.assemblyId, role: 'voter' }));
    expect(hops.map((h) => h.ok)).toEqual([true, true, true, false]);
    expect(hops[3]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Many sockets from one address: the address's budget (10 here) runs out.
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await call(await from(url, '10.0.0.3'), 'session:join', { assemblyId, role: 'voter' }));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toHaveLength(2);
    // The console sees where participants came from.
    const report = await waitFor(() => console_.reports.find((r) => r.joinsByAddress.some((j) => j.address === '10.0.0.3' && j.participants === 10)), 3000, 'joins by address');
    expect(report.joinsByAddress[0]).toEqual({ address: '10.0.0.3', participants: 10 });
    expect((await console_.turnout()).joined).toBe(12);
  });

  it('wrong access codes: back-off per address, a global limit, and the console counts them; a valid code from elsewhere still works', async () => {
    server = await startServer({ abuse: { codeFailuresFree: 3, codeFailuresGlobalPerMin: 6 }, heavy: { socketBurst: 100 } });
    const { url } = server;
    const { assemblyId, token } = await setupAssembly(url, ['A', 'B'], { joinMode: 'codes' });
    const console_ = await staff(url, assemblyId, token);
    const codes = await must<IssuedCode[]>(console_.s, 'codes:generate', { count: 3 });
    const guesser = await from(url, '10.0.1.1');
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await call(guesser, 'session:join', { assemblyId, role: 'voter', code: `AAAA-AAA${i + 2}` }));
    expect(tries.map((t) => (t.ok ? 'ok' : t.error.code))).toEqual(['CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'RATE_LIMITED', 'RATE_LIMITED']);
    // Locked out: even a valid code waits (a guesser cannot tell a hit).
    const waiting = await call(guesser, 'session:join', { assemblyId, role: 'voter', code: codes[0]!.code });
    expect(waiting).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(!waiting.ok && waiting.error.message).toMatch(/try again in \d+ s/);
    // Guessing from many addresses: past the global limit, every address that failed waits…
    for (const a of ['10.0.1.2', '10.0.1.3']) expect(await call(await from(url, a), 'session:join', { assemblyId, role: 'voter', code: 'BBBB-BBBB' })).toMatchObject({ ok: false });
    const again = await from(url, '10.0.1.2');
    expect(await call(again, 'session:join', { assemblyId, role: 'voter', code: 'CCCC-CCCC' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // …while a phone that never failed gets in with its card.
    expect(await call(await from(url, '10.0.1.9'), 'session:join', { assemblyId, role: 'voter', code: codes[1]!.code })).toMatchObject({ ok: true });
    const report = await waitFor(() => console_.reports.find((r) => r.failedCodes.total >= 6), 3000, 'failed codes on the console');
    expect(report.failedCodes.byAddress[0]).toMatchObject({ address: '10.0.1.1', failures: 4 });
  });

  it('codes typed by a staff link for paper ballots are code attempts too: the same back-off, the same console count', async () => {
    server = await startServer({ abuse: { codeFailuresFree: 3 }, heavy: { socketBurst: 100 } });
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C'], { joinMode: 'codes' });
    const console_ = await staff(url, assemblyId, token);
    const codes = await must<IssuedCode[]>(console_.s, 'codes:generate', { count: 1 });
    const desk = await must<{ key: string }>(console_.s, 'staff:create', { name: 'Desk 1' });
    const round = await must<{ id: string }>(console_.s, 'round:create', { proposalIds: proposals.map((p) => p.id), winners: 1 });
    await must(console_.s, 'round:open', { roundId: round.id });
    const entry = await from(url, '10.0.2.1');
    await must(entry, 'session:join', { assemblyId, role: 'staff', token: desk.key });
    const key = (i: number, code: string) => call(entry, 'paper:key', { roundId: round.id, entryId: `entry-${i}-guess`, serial: `S${i}`, plus: [proposals[0]!.id], minus: [], code });
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await key(i, `AAAA-AAA${i + 2}`));
    expect(tries.map((t) => (t.ok ? 'ok' : t.error.code))).toEqual(['CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'RATE_LIMITED', 'RATE_LIMITED']);
    // Locked out: a valid code waits too, and a phone on the same address shares the back-off.
    expect(await key(9, codes[0]!.code)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await call(await from(url, '10.0.2.1'), 'session:join', { assemblyId, role: 'voter', code: codes[0]!.code })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const report = await waitFor(() => console_.reports.find((r) => r.failedCodes.total >= 4), 3000, 'failed codes on the console');
    expect(report.failedCodes.byAddress[0]).toMatchObject({ address: '10.0.2.1', failures: 4 });
  });

  it('REST limits use the same forwarded address as Socket.IO (one trusted-proxy setting)', async () => {
    server = await startServer({ limits: { ipPerSec: 0.001, ipBurst: 3 } });
    const get = (address: string) => fetch(`${server!.url}/api/health`, { headers: { 'x-forwarded-for': address } }).then((r) => r.status);
    expect([await get('10.0.2.1'), await get('10.0.2.1'), await get('10.0.2.1'), await get('10.0.2.1')]).toEqual([200, 200, 200, 429]);
    expect(await get('10.0.2.2')).toBe(200);
  });

  it('creating an assembly needs the operator key', async () => {
    server = await startServer();
    const post = (authorization?: string) =>
      fetch(`${server!.url}/api/assemblies`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ title: 'Mine' }) });
    expect((await post()).status).toBe(401);
    expect((await post('Bearer wrong-key')).status).toBe(401);
    expect((await post(`Bearer ${TEST_OPERATOR_TOKEN}`)).status).toBe(201);
  });

  it('phone submissions respect the assembly’s proposal cap and never fill it: the rest stays the facilitator’s', async () => {
    server = await startServer();
    const { url } = server;
    const { assemblyId, token } = await setupAssembly(url, []);
    const csv = ['title', ...Array.from({ length: LIMITS.phoneProposalsMax - 1 }, (_, i) => `Imported ${i}`)].join('\n');
    expect((await rest(url, 'POST', `/api/assemblies/${assemblyId}/proposals/import`, { token, csv })).status).toBe(201);
    await rest(url, 'PATCH', `/api/assemblies/${assemblyId}`, { token, body: { submissions: { open: true, maxPerParticipant: 3 } } });
    const phone = await connect(url);
    sockets.push(phone);
    await must(phone, 'session:join', { assemblyId, role: 'voter' });
    await must(phone, 'proposal:submit', { title: 'The last one that fits' });
    expect(await call(phone, 'proposal:submit', { title: 'One too many' })).toMatchObject({ ok: false, error: { code: 'SUBMISSION_LIMIT' } });
    expect((await rest(url, 'POST', `/api/assemblies/${assemblyId}/proposals`, { token, body: { title: 'The console still adds' } })).status).toBe(201);
  });

  it('phone submissions waiting for moderation are capped per assembly (a flood from open-mode phones)', async () => {
    server = await startServer({ heavy: { socketBurst: 100 } });
    const { url } = server;
    const { assemblyId, token } = await setupAssembly(url, []);
    await rest(url, 'PATCH', `/api/assemblies/${assemblyId}`, { token, body: { submissions: { open: true, maxPerParticipant: 20 } } });
    const phones: TestSocket[] = [];
    for (let i = 0; i * 20 < LIMITS.pendingSubmissionsMax; i++) {
      const p = await connect(url);
      sockets.push(p);
      await must(p, 'session:join', { assemblyId, role: 'voter' });
      phones.push(p);
    }
    const acks = await Promise.all(phones.map(async (p, i) => {
      const out = [];
      for (let k = 0; k < 20; k++) out.push(await call(p, 'proposal:submit', { title: `Flood ${i} ${k}` }));
      return out;
    }));
    expect(acks.flat().filter((a) => a.ok).length).toBe(LIMITS.pendingSubmissionsMax);
    const late = await connect(url);
    sockets.push(late);
    await must(late, 'session:join', { assemblyId, role: 'voter' });
    expect(await call(late, 'proposal:submit', { title: 'An honest idea' })).toMatchObject({ ok: false, error: { code: 'SUBMISSION_LIMIT' } });
    expect((await rest(url, 'POST', `/api/assemblies/${assemblyId}/proposals`, { token, body: { title: 'The console still adds' } })).status).toBe(201);
  });

  it('silent TCP connections are closed after the handshake timeout, and one address cannot hold more than its cap', async () => {
    server = await startServer({ hallSize: 10, handshakeTimeoutMs: 1000 });
    const port = (server.app.http.address() as AddressInfo).port;
    const raw: TcpSocket[] = [];
    const closed: number[] = [];
    for (let i = 0; i < 130; i++) {
      const c = tcpConnect(port, '127.0.0.1');
      c.on('error', () => {});
      c.on('close', () => closed.push(i));
      raw.push(c);
    }
    // Over the cap (hall size + 100 = 110): closed at once.
    await waitFor(() => closed.length >= 20, 2000, 'connections over the cap closed');
    // Silent ones: closed by the handshake timeout.
    await waitFor(() => closed.length === 130, 5000, 'silent connections closed');
    // The server still serves.
    const s = await connect(server.url);
    sockets.push(s);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('a failed commit leaves nothing claimed in memory: the phone’s retry of its card works (disk full)', async () => {
    const store = createSqliteStore({ file: tempDataFile(), synchronous: 'NORMAL' });
    await store.init();
    let failNext = false;
    const flaky: Store = new Proxy(store, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'saveAccessCode' || typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (failNext) {
            failNext = false;
            return Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
          }
          return (v as (...a: unknown[]) => Promise<void>).apply(target, args);
        };
      },
    });
    const app = await createApp({ store: flaky, clock: { ...systemClock }, operatorToken: TEST_OPERATOR_TOKEN, clientDir: null });
    await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
    try {
      const { assemblyId, token } = await setupAssembly(url, ['A', 'B'], { joinMode: 'codes' });
      const codes = await rest<IssuedCode[]>(url, 'POST', `/api/assemblies/${assemblyId}/codes`, { token, body: { count: 1 } });
      if (!codes.body.ok) throw new Error('codes');
      const phone = await connect(url);
      sockets.push(phone);
      failNext = true;
      expect(await call(phone, 'session:join', { assemblyId, role: 'voter', code: codes.body.data[0]!.code })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(await call(phone, 'session:join', { assemblyId, role: 'voter', code: codes.body.data[0]!.code })).toMatchObject({ ok: true });
      const listed = await rest<{ status: string }[]>(url, 'GET', `/api/assemblies/${assemblyId}/codes`, { token });
      expect(listed.body.ok && listed.body.data.map((c) => c.status)).toEqual(['used']);
    } finally {
      await app.close();
    }
  });

  it('text with control characters and reserved ids are refused with a clear message', async () => {
    server = await startServer();
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C']);
    const t = await rest(url, 'POST', `/api/assemblies/${assemblyId}/proposals`, { token, body: { title: '\u001b[2J\u001b[31mRed\u0007' } });
    expect(t.status).toBe(400);
    expect(JSON.stringify(t.body)).toContain('control character');
    const q = await rest(url, 'PATCH', `/api/assemblies/${assemblyId}`, {
      token,
      body: { profile: [{ id: '__proto__', label: 'Age', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }] },
    });
    expect(q.status).toBe(400);
    expect(JSON.stringify(q.body)).toContain('reserved');
    const round = await createRound(url, assemblyId, token, { proposalIds: proposals.map((p) => p.id), winners: 1 });
    await openRound(url, assemblyId, token, round.id);
  });
});

describe('the data file and the start banner', () => {
  it('a second server on the same data file refuses to start, with a clear message; the banner keeps the token out of non-terminal output', async () => {
    const file = tempDataFile();
    const first = await startServerProcess({ DATA_FILE: file, LOG_LEVEL: 'info' });
    try {
      const saved = JSON.parse(readFileSync(join(dirname(file), 'facilitator-token.json'), 'utf8')) as Record<string, string>;
      const facilitatorToken = Object.values(saved)[0]!;
      expect(first.output()).toContain('token not printed');
      // It says where the token is instead.
      expect(first.output()).toContain(join(dirname(file), 'facilitator-token.json'));
      expect(first.output()).not.toContain(facilitatorToken);
      expect(first.output()).not.toContain(TEST_OPERATOR_TOKEN);
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
        cwd: new URL('../..', import.meta.url).pathname,
        // SQLite on the same file: the tests' DATABASE_URL would make it a PostgreSQL node.
        env: { ...withoutDatabase(), PORT: '0', HOST: '127.0.0.1', DATA_FILE: file, OPERATOR_TOKEN: TEST_OPERATOR_TOKEN },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('is in use by another process');
    } finally {
      await first.stop();
    }
  }, 150_000);
});

function withoutDatabase(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, ...env } = process.env;
  return env;
}
