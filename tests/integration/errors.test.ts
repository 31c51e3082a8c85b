import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { AssemblyView, RoundView } from '../../shared/protocol/views.ts';
import { ballotId, createRound, joinStaff, joinVoter, openRound, setupAssembly, type Voter } from '../support/assembly.ts';
import { call, connect, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';

/** Bad input gets a clear, stable error code, never a crash, and stores nothing. */
describe('errors and roles', () => {
  let server: TestServer;
  let assemblyId: string;
  let token: string;
  let ids: string[];
  let round: RoundView;
  let voter: Voter;
  let screen: TestSocket;

  beforeAll(async () => {
    server = await startServer();
    ({ assemblyId, token, proposals: ids } = await setupAssembly(server.url, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']).then((r) => ({
      ...r,
      proposals: r.proposals.map((p) => p.id),
    })));
    round = await createRound(server.url, assemblyId, token, { proposalIds: ids, winners: 1 }); // P=3, M=1, ratio 2
    await openRound(server.url, assemblyId, token, round.id);
    voter = await joinVoter(server.url, assemblyId);
    screen = (await joinStaff(server.url, assemblyId, 'screen')).socket;
  });
  afterAll(async () => {
    voter?.socket.disconnect();
    screen?.disconnect();
    await server?.close();
  });

  const snapshotOfStore = async () => {
    const a = await rest<AssemblyView>(server.url, 'GET', `/api/assemblies/${assemblyId}`, { token });
    const r = await rest<{ results: RoundResults }>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    return { assembly: a.body, results: r.body };
  };

  it('rejects each broken ballot rule with its code (§1 rules 1–5) and counts nothing', async () => {
    const before = await snapshotOfStore();
    const cases: [string, { plus: unknown; minus: unknown }, string][] = [
      ['rule 1 no cumulation', { plus: [ids[0], ids[0]], minus: [] }, 'DUPLICATE_OPTION'],
      ['rule 2 plus and minus on one option', { plus: [ids[0], ids[1]], minus: [ids[0]] }, 'PLUS_AND_MINUS'],
      ['rule 3 too many plus', { plus: ids.slice(0, 4), minus: [] }, 'TOO_MANY_PLUS'],
      ['rule 4 too many minus', { plus: ids.slice(0, 3), minus: ids.slice(3, 5) }, 'TOO_MANY_MINUS'],
      ['rule 5 minus needs plus', { plus: [ids[0]], minus: [ids[1]] }, 'MINUS_NEEDS_PLUS'],
      ['unknown option', { plus: ['nope'], minus: [] }, 'UNKNOWN_OPTION'],
      ['wrong types', { plus: 'A', minus: [] }, 'BAD_REQUEST'],
      ['numbers for ids', { plus: [1, 2], minus: [] }, 'BAD_REQUEST'],
      ['huge list', { plus: Array.from({ length: 600 }, (_, i) => `x${i}`), minus: [] }, 'BAD_REQUEST'],
    ];
    for (const [name, b, code] of cases) {
      const ack = await call(voter.socket, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), ...b });
      expect(ack, name).toMatchObject({ ok: false, error: { code } });
      if (!ack.ok) expect(ack.error.message.length, name).toBeGreaterThan(5);
    }
    const extra = await call(voter.socket, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [], minus: [], admin: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const unknownRound = await call(voter.socket, 'ballot:submit', { roundId: 'nope', ballotId: ballotId(), plus: [], minus: [] });
    expect(unknownRound).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const junk of [null, 42, 'x', [], { roundId: round.id }]) {
      const ack = await call(voter.socket, 'ballot:submit', junk);
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await snapshotOfStore()).toEqual(before);
  });

  it('checks every command against its role', async () => {
    const before = await snapshotOfStore();
    const anon = await connect(server.url);
    expect(await call(anon, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [], minus: [] })).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    expect(await call(anon, 'round:close', { roundId: round.id })).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    expect(await call(anon, 'session:join', { assemblyId: 'nope', role: 'voter' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(anon, 'session:join', { assemblyId, role: 'facilitator', token: 'guess' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call(anon, 'session:join', { assemblyId, role: 'facilitator' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call(anon, 'session:join', { assemblyId, role: 'admin' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    anon.disconnect();

    const facilitatorOnly: [string, unknown][] = [
      ['round:close', { roundId: round.id }],
      ['round:open', { roundId: round.id }],
      ['round:extend', { roundId: round.id, seconds: 60 }],
      ['round:create', { proposalIds: ids, winners: 1 }],
      ['round:update', { roundId: round.id, winners: 2 }],
      ['proposal:create', { title: 'Mine' }],
      ['proposal:update', { proposalId: ids[0], patch: { title: 'Hacked' } }],
      ['proposal:delete', { proposalId: ids[0] }],
      ['proposal:reorder', { proposalIds: [ids[1]] }],
      ['display:set', { mode: 'blank' }],
    ];
    for (const [event, payload] of facilitatorOnly) {
      for (const s of [voter.socket, screen]) {
        const ack = await call(s, event as 'round:close', payload);
        expect(ack, `${event}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect(await call(screen, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [], minus: [] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await snapshotOfStore()).toEqual(before);
  });

  it('REST: missing or wrong token, bad JSON, unknown fields, oversize bodies, unknown routes', async () => {
    const before = await snapshotOfStore();
    const { url } = server;
    const base = `/api/assemblies/${assemblyId}`;
    expect((await rest(url, 'POST', `${base}/proposals`, { body: { title: 'x' } })).status).toBe(401);
    expect((await rest(url, 'POST', `${base}/proposals`, { token: 'wrong', body: { title: 'x' } })).status).toBe(401);
    expect((await rest(url, 'GET', base)).status).toBe(401);
    expect((await rest(url, 'POST', `${base}/proposals`, { token, body: { title: 'x', votes: 99 } })).body).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect((await rest(url, 'POST', `${base}/proposals`, { token, body: { title: '' } })).status).toBe(400);
    expect((await rest(url, 'POST', `${base}/rounds/${round.id}/open`, { token })).body).toMatchObject({ error: { code: 'ROUND_NOT_DRAFT' } });
    expect((await rest(url, 'PATCH', `${base}/rounds/${round.id}`, { token, body: { winners: 2 } })).body).toMatchObject({ error: { code: 'ROUND_NOT_DRAFT' } });
    expect((await rest(url, 'POST', `${base}/rounds`, { token, body: { proposalIds: ids, winners: 1, plus: 20 } })).body).toMatchObject({ error: { code: 'INVALID_RULES' } });
    expect((await rest(url, 'POST', `${base}/rounds`, { token, body: { proposalIds: ['ghost'], winners: 1 } })).body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await rest(url, 'DELETE', `${base}/proposals/${ids[0]}`, { token })).body).toMatchObject({ error: { code: 'PROPOSAL_FROZEN' } });
    const badJson = await fetch(`${url}${base}/proposals`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"title": ' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const huge = await fetch(`${url}${base}/proposals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x', description: 'y'.repeat(200_000) }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect((await rest(url, 'GET', '/api/nothing-here')).status).toBe(404);
    expect((await rest(url, 'GET', `/api/assemblies/nope/rounds/x/results`)).status).toBe(404);
    expect(await snapshotOfStore()).toEqual(before);
    expect((await rest(url, 'GET', '/api/health')).body).toMatchObject({ ok: true });
  });

  it('CSV import validates every row before storing any', async () => {
    const { url } = server;
    const base = `/api/assemblies/${assemblyId}/proposals/import`;
    const bad = await rest(url, 'POST', base, { token, csv: 'title,cost\nGood one,100\n,200\n' });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!bad.body.ok) expect(bad.body.error.message).toContain('line 3');
    const noHeader = await rest(url, 'POST', base, { token, csv: 'name\nx\n' });
    expect(noHeader.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const good = await rest<{ id: string; title: string; cost: number | null }[]>(url, 'POST', base, {
      token,
      csv: 'title,description,cost\n"Fix the roof, north side",Leaks in winter,"12,500"\n"=HYPERLINK(""x"")",Formula-looking title,\n',
    });
    expect(good.status).toBe(201);
    if (!good.body.ok) throw new Error(JSON.stringify(good.body));
    expect(good.body.data.map((p) => [p.title, p.cost])).toEqual([
      ['Fix the roof, north side', 12500],
      ['=HYPERLINK("x")', null],
    ]);
  });
});
