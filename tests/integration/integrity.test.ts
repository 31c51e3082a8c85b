import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { CodeView, IssuedCode } from '../../shared/protocol/views.ts';
import { ballotId, countsOf, createRound, joinVoter, openRound, setupAssembly, vote, waitFor } from '../support/assembly.ts';
import { call, connect, must, rest, startServer, type TestServer } from '../support/server.ts';

describe('one person, one vote', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The live figures, as the facilitator reads them (token-less reads see released batches). */
  async function results(assemblyId: string, roundId: string, token: string) {
    const r = await rest<{ results: RoundResults; turnout: { joined: number; voted: number } }>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${roundId}/results`, { token });
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    return r.body.data;
  }

  it('access codes: one use each, bound to the first phone; a revoked code stops counting; its replacement works', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C', 'D'], { joinMode: 'codes' });
    const ids = proposals.map((p) => p.id);
    const gen = await rest<IssuedCode[]>(url, 'POST', `/api/assemblies/${assemblyId}/codes`, { token, body: { count: 3 } });
    expect(gen.status).toBe(201);
    if (!gen.body.ok) throw new Error('codes');
    const [c1, c2] = gen.body.data;
    expect(c1!.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    const staff = await connect(url);
    const staffCodes: CodeView[] = [];
    staff.on('codes:updated', (c) => staffCodes.push(c));
    await must(staff, 'session:join', { assemblyId, role: 'facilitator', token });

    // No code, wrong code: refused.
    const s = await connect(url);
    expect(await call(s, 'session:join', { assemblyId, role: 'voter' })).toMatchObject({ ok: false, error: { code: 'CODE_REQUIRED' } });
    expect(await call(s, 'session:join', { assemblyId, role: 'voter', code: 'AAAA-AAAA' })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    // A made-up participant token does not get in either.
    expect(await call(s, 'session:join', { assemblyId, role: 'voter', token: 'made-up' })).toMatchObject({ ok: false, error: { code: 'CODE_REQUIRED' } });

    // First phone redeems code 1 (typed in lower case with a space: normalised).
    const phone1 = await must<{ token: string }>(s, 'session:join', { assemblyId, role: 'voter', code: c1!.code.toLowerCase().replace('-', ' ') });
    await must(s, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[0], ids[1]], minus: [ids[2]] });

    // Staff hear when a card is used.
    const used = await waitFor(() => staffCodes.find((c) => c.id === c1!.id && c.status === 'used'), 2000, 'codes:updated');
    expect(used).toMatchObject({ label: c1!.label });
    expect(JSON.stringify(staffCodes)).not.toContain(c1!.code);

    // A second phone cannot reuse code 1.
    const other = await connect(url);
    expect(await call(other, 'session:join', { assemblyId, role: 'voter', code: c1!.code })).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
    // The first phone can come back with its token (reload), and is still one person.
    const again = await connect(url);
    await must(again, 'session:join', { assemblyId, role: 'voter', token: phone1.token });
    await must(again, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[3]], minus: [] });
    expect((await results(assemblyId, round.id, token)).turnout).toMatchObject({ joined: 1, voted: 1 });

    // Code 2 on another phone.
    const p2 = await must<{ token: string }>(other, 'session:join', { assemblyId, role: 'voter', code: c2!.code });
    expect(p2.token).not.toBe(phone1.token);
    await must(other, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[0]], minus: [] });
    expect((await results(assemblyId, round.id, token)).turnout).toMatchObject({ joined: 2, voted: 2 });

    // Phone 1 dies: revoke code 1 and issue a replacement.
    const listed = await rest<CodeView[]>(url, 'GET', `/api/assemblies/${assemblyId}/codes`, { token });
    if (!listed.body.ok) throw new Error('list');
    expect(listed.body.data.map((c) => c.status)).toEqual(['used', 'used', 'unused']);
    expect(JSON.stringify(listed.body.data)).not.toContain(c1!.code);
    const disconnected = new Promise<void>((resolve) => again.once('disconnect', () => resolve()));
    const rev = await rest<{ revoked: CodeView; replacement: IssuedCode }>(url, 'POST', `/api/assemblies/${assemblyId}/codes/${c1!.id}/revoke`, {
      token,
      body: { replace: true },
    });
    if (!rev.body.ok) throw new Error(JSON.stringify(rev.body));
    expect(rev.body.data.revoked.status).toBe('revoked');
    expect(rev.body.data.replacement.replacesId).toBe(c1!.id);
    await disconnected; // the revoked phone's session ends

    // The old phone's ballot no longer counts; its token and code are dead.
    const after = await results(assemblyId, round.id, token);
    expect(after.turnout).toMatchObject({ joined: 1, voted: 1 });
    expect(countsOf(after.results)).toEqual({ n: 1, plus: { [ids[0]!]: 1 }, minus: {} });
    const ghost = await connect(url);
    expect(await call(ghost, 'session:join', { assemblyId, role: 'voter', token: phone1.token })).toMatchObject({ ok: false, error: { code: 'CODE_REVOKED' } });
    expect(await call(ghost, 'session:join', { assemblyId, role: 'voter', code: c1!.code })).toMatchObject({ ok: false, error: { code: 'CODE_REVOKED' } });

    // The replacement works on a new phone.
    await must(ghost, 'session:join', { assemblyId, role: 'voter', code: rev.body.data.replacement.code });
    await must(ghost, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[1]], minus: [] });
    expect((await results(assemblyId, round.id, token)).turnout).toMatchObject({ joined: 2, voted: 2 });
    for (const x of [s, other, again, ghost, staff]) x.disconnect();
  });

  it('a phone whose join reply was lost gets its card back with the same join id, and no other phone does', async () => {
    const { url } = server;
    const { assemblyId, token } = await setupAssembly(url, ['A', 'B'], { joinMode: 'codes' });
    const gen = await rest<IssuedCode[]>(url, 'POST', `/api/assemblies/${assemblyId}/codes`, { token, body: { count: 1 } });
    if (!gen.body.ok) throw new Error('codes');
    const code = gen.body.data[0]!.code;
    const phone = await connect(url);
    const first = await must<{ token: string }>(phone, 'session:join', { assemblyId, role: 'voter', code, joinId: 'join-attempt-1' });
    // The reply "was lost": the phone retries with the same code and join id.
    const retry = await must<{ token: string }>(phone, 'session:join', { assemblyId, role: 'voter', code, joinId: 'join-attempt-1' });
    expect(retry.token).not.toBe(first.token);
    const res = await rest<{ turnout: { joined: number } }>(url, 'GET', `/api/assemblies/${assemblyId}/public`);
    expect(res.status).toBe(200);
    const other = await connect(url);
    expect(await call(other, 'session:join', { assemblyId, role: 'voter', code, joinId: 'join-attempt-2' })).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
    expect(await call(other, 'session:join', { assemblyId, role: 'voter', code })).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
    // The new token works; the lost one (never delivered) does not.
    expect(await call(other, 'session:join', { assemblyId, role: 'voter', token: retry.token })).toMatchObject({ ok: true });
    expect(await call(other, 'session:join', { assemblyId, role: 'voter', token: first.token })).toMatchObject({ ok: false });
    const codes = await rest<CodeView[]>(url, 'GET', `/api/assemblies/${assemblyId}/codes`, { token });
    expect(codes.body.ok && codes.body.data.map((c) => c.status)).toEqual(['used']);
    phone.disconnect();
    other.disconnect();
  });

  it('turnout counts participants, not sockets or tabs', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    const phone = await joinVoter(url, assemblyId);
    const tabs = [await joinVoter(url, assemblyId, phone.token), await joinVoter(url, assemblyId, phone.token)];
    await vote(phone, round.id, [ids[0]!], []);
    await vote(tabs[0]!, round.id, [ids[1]!], []);
    await vote(tabs[1]!, round.id, [ids[2]!], []);
    const staff = await connect(url);
    const joined = await must<{ state: { snapshot: { turnout: { joined: number; online: number; voted: number } } } }>(staff, 'session:join', {
      assemblyId,
      role: 'facilitator',
      token,
    });
    expect(joined.state.snapshot.turnout).toEqual({ joined: 1, online: 1, voted: 1 });
    expect(countsOf((await results(assemblyId, round.id, token)).results)).toEqual({ n: 1, plus: { [ids[2]!]: 1 }, minus: {} });
    for (const x of [phone, ...tabs]) x.socket.disconnect();
    staff.disconnect();
  });

  it('a socket that floods gets RATE_LIMITED acks, and the server stays up', async () => {
    const { url } = server;
    const { assemblyId } = await setupAssembly(url, ['A']);
    const v = await joinVoter(url, assemblyId);
    const acks = await Promise.all(Array.from({ length: 120 }, () => call(v.socket, 'state:sync', {})));
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok).length).toBeGreaterThan(0);
    // Unknown events are ignored; the socket keeps working after a pause.
    v.socket.emit('no:such:event' as 'state:sync', {}, () => {});
    await new Promise((r) => setTimeout(r, 1100));
    expect(await call(v.socket, 'state:sync', {})).toMatchObject({ ok: true });
    v.socket.disconnect();
    expect((await rest(url, 'GET', '/api/health')).status).toBe(200);
  });
});

describe('secret ballot and safe output', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ clientDir: null });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('exports carry no participant ids, and text cells cannot run as spreadsheet formulas', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['=cmd|" /C calc"!A0', '+1+1', '-2', '@SUM(A1)', '<script>alert(1)</script>']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    const voters = [await joinVoter(url, assemblyId), await joinVoter(url, assemblyId), await joinVoter(url, assemblyId)];
    for (const [i, v] of voters.entries()) await vote(v, round.id, [ids[i]!, ids[i + 1]!], [ids[4]!]);
    await rest(url, 'POST', `/api/assemblies/${assemblyId}/rounds/${round.id}/close`, { token });

    const csv = await fetch(`${url}/api/assemblies/${assemblyId}/rounds/${round.id}/results.csv`).then((r) => r.text());
    for (const line of csv.split('\n').slice(1).filter(Boolean)) {
      const title = line.split(',')[2]!.replace(/^"/, '');
      expect(title, line).not.toMatch(/^[=+\-@]/);
    }
    expect(csv).toContain(`'=cmd`);
    expect(csv).toContain(`'+1+1`);
    expect(csv).toContain(`'@SUM(A1)`);

    const exported = await rest<{ ballots: Record<string, unknown>[] }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/ballots.json`, { token });
    if (!exported.body.ok) throw new Error('export');
    for (const b of exported.body.data.ballots) expect(Object.keys(b).sort()).toEqual(['minus', 'plus']);
    const exportedText = JSON.stringify(exported.body) + (await fetch(`${url}/api/assemblies/${assemblyId}/rounds/${round.id}/ballots.csv`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text()));
    for (const v of voters) expect(exportedText).not.toContain(v.token);
    // The ballot export is for the facilitator only.
    expect((await rest(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/ballots.json`)).status).toBe(401);
    for (const v of voters) v.socket.disconnect();
  });

  it('the facilitator sees aggregates only: no event or view carries a ballot with a participant', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C', 'D']);
    const ids = proposals.map((p) => p.id);
    const staff = await connect(url);
    const seen: unknown[] = [];
    staff.onAny((_e: string, ...args: unknown[]) => seen.push(args));
    const joined = await must(staff, 'session:join', { assemblyId, role: 'facilitator', token });
    seen.push(joined);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    const v = await joinVoter(url, assemblyId);
    const receipt = await vote(v, round.id, [ids[0]!, ids[1]!], [ids[2]!]);
    await waitFor(() => seen.length > 3, 2000, 'staff events');
    await new Promise((r) => setTimeout(r, 200));
    const text = JSON.stringify(seen);
    expect(text).not.toContain(receipt.ballotId);
    expect(text).not.toContain(v.token);
    expect(text).not.toMatch(/participantId/);
    v.socket.disconnect();
    staff.disconnect();
  });

  it('pages and API replies carry security headers, CSP included', async () => {
    // The built client (npm test builds it first) served like `npm start` does.
    const dist = fileURLToPath(new URL('../../client/dist', import.meta.url));
    expect(existsSync(join(dist, 'index.html')), 'client/dist is missing: run `npx vite build` (npm test does)').toBe(true);
    const withPages = await startServer({ clientDir: dist });
    try {
      for (const path of ['/api/health', '/', '/a/someid', '/a/someid/screen', '/a/someid/facilitator', '/a/someid/report']) {
        const res = await fetch(`${withPages.url}${path}`);
        expect(res.status, path).toBe(200);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("script-src 'self'");
        expect(csp, path).toContain("default-src 'self'");
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
        expect(res.headers.get('x-powered-by'), path).toBeNull();
        if (path !== '/api/health') expect(res.headers.get('content-type'), path).toContain('text/html');
      }
    } finally {
      await withPages.close();
    }
  });
});
