import { describe, expect, it } from 'vitest';
import { checkExports } from '../../shared/domain/verifyExports.ts';
import type { Ack } from '../../shared/protocol/errors.ts';
import type { CreatedStaffLink, PaperBallotView, PaperEntryView, PaperListView } from '../../shared/protocol/paperViews.ts';
import type { IssuedCode, RoundView, SessionState } from '../../shared/protocol/views.ts';
import { ballotId, setupAssembly, waitFor } from '../support/assembly.ts';
import { call, connect, must, rest, type TestSocket } from '../support/server.ts';
import { backends } from '../support/stores.ts';
import { serverOnBackend } from '../support/backendServer.ts';

/**
 * Paper ballots beside phones (d21-method.md §5.1; docs/practice.md "Paper
 * ballots"), end to end on a real server and real sockets, on SQLite and
 * PostgreSQL: staff links key each paper twice, matching keyings count,
 * a mismatch waits for the facilitator, a void never counts; one access
 * code votes one way (paper held after a phone, phone refused after paper;
 * the rest in paper-claim.test.ts); totals, the seal and its digest include paper; a
 * restart keeps everything; a revoked link stops at once.
 */
let entry = 0;
const entryId = () => `e${Date.now().toString(36)}${(entry++).toString(36).padStart(5, '0')}`;

for (const { name, make } of backends()) describe(`paper ballots beside phones: ${name}`, () => {
  const room = serverOnBackend(make);
  const join = (assemblyId: string, role: 'facilitator' | 'staff' | 'voter', extra: Record<string, string>) => room.join(assemblyId, role, extra);
  const key = (s: TestSocket, roundId: string, serial: string, plus: string[], minus: string[] = [], code?: string, id = entryId()) =>
    call<PaperEntryView>(s, 'paper:key', { roundId, entryId: id, serial, plus, minus, ...(code ? { code } : {}) });
  const codeOf = (a: Ack<unknown>) => (a.ok ? 'ok' : a.error.code);

  it('phones and double-keyed paper in one round: match, mismatch resolved, void, one way per code, seal and verify, restart, revoked link', async () => {
    const { assemblyId, token, proposals } = await setupAssembly(room.url, ['Park', 'Library', 'Bench', 'Trees', 'Fountain', 'Bus'], { joinMode: 'codes' });
    const ids = proposals.map((p) => p.id);
    const fac = await join(assemblyId, 'facilitator', { token });
    const codes = await must<IssuedCode[]>(fac, 'codes:generate', { count: 8 });
    const round = await must<RoundView>(fac, 'round:create', { question: 'Paper and phones', proposalIds: ids, winners: 2, plus: 3, minus: 1 });
    await must(fac, 'round:open', { roundId: round.id });
    const r = round.id;

    // Two phones vote.
    const phoneA = await join(assemblyId, 'voter', { code: codes[0]!.code });
    const phoneB = await join(assemblyId, 'voter', { code: codes[1]!.code });
    await must(phoneA, 'ballot:submit', { roundId: r, ballotId: ballotId(), plus: [ids[0], ids[1]], minus: [ids[5]] });
    await must(phoneB, 'ballot:submit', { roundId: r, ballotId: ballotId(), plus: [ids[2]], minus: [] });

    // Two staff links; the console lists them, never their keys.
    const desk1 = await must<CreatedStaffLink>(fac, 'staff:create', { name: 'Desk 1' });
    const desk2 = await must<CreatedStaffLink>(fac, 'staff:create', { name: 'Desk 2' });
    const s1 = await join(assemblyId, 'staff', { token: desk1.key });
    const s2 = await join(assemblyId, 'staff', { token: desk2.key });
    const listed = await must<{ id: string; name: string }[]>(fac, 'staff:list', {});
    expect(listed.map((l) => l.name)).toEqual(['Desk 1', 'Desk 2']);
    expect(JSON.stringify(listed)).not.toContain(desk1.key);
    const state = await must<SessionState>(s1, 'state:sync', {});
    expect(state.role === 'staff' && state.round?.paper.map((p) => p.id)).toEqual(ids);
    const statuses: PaperEntryView[] = [];
    s1.on('paper:status', (e) => statuses.push(e));

    // Serial 1: both desks key the same ballot → matched (counts once). A resend is answered the same.
    const first = entryId();
    const k1 = await key(s1, r, '1', [ids[3]!], [], codes[2]!.code, first);
    expect(k1).toMatchObject({ ok: true, data: { serial: '1', status: 'waiting', withCode: true } });
    expect(await key(s1, r, '1', [ids[3]!], [], codes[2]!.code, first)).toEqual(k1);
    expect(await key(s2, r, '1', [ids[3]!], [], codes[2]!.code.toLowerCase())).toMatchObject({ ok: true, data: { status: 'matched' } });
    await waitFor(() => statuses.find((e) => e.serial === '1' && e.status === 'matched'), 3000, 'desk 1 hears serial 1 matched');
    // The same link keying a serial twice is refused; a third keying too.
    expect(codeOf(await key(s1, r, '1', [ids[3]!], [], codes[2]!.code))).toBe('SERIAL_KEYED');

    // Serial 2: the desks disagree → mismatch; the facilitator resolves it against the paper.
    await key(s1, r, '2', [ids[1]!], [], codes[3]!.code);
    await key(s2, r, '2', [ids[4]!], [], codes[3]!.code);
    let list = await must<PaperListView>(fac, 'paper:list', { roundId: r });
    expect(list.summary).toMatchObject({ matched: 1, mismatch: 1 });
    const mismatch = list.ballots.find((b) => b.serial === '2')!;
    expect(mismatch.keyings.map((k) => k.staffName).sort()).toEqual(['Desk 1', 'Desk 2']);
    expect(mismatch.keyings.every((k) => k.card === codes[3]!.label)).toBe(true);
    const resolved = await must<PaperBallotView>(fac, 'paper:resolve', { roundId: r, serial: '2', plus: [ids[1]], minus: [] });
    expect(resolved).toMatchObject({ status: 'resolved', ballot: { plus: [ids[1]], minus: [] } });

    // Serial 3: keyed once, then voided with a reason; serial 4 keyed once stays waiting: neither counts.
    await key(s1, r, '3', [ids[0]!], [], codes[4]!.code);
    expect(await must<PaperBallotView>(fac, 'paper:void', { roundId: r, serial: '3', reason: 'Torn paper, two marks' })).toMatchObject({ status: 'void', reason: 'Torn paper, two marks' });
    await key(s2, r, '4', [ids[0]!], [], codes[5]!.code);

    // The same D21 rules and messages as a phone.
    const phoneTooMany = await call(phoneB, 'ballot:submit', { roundId: r, ballotId: ballotId(), plus: ids.slice(0, 4), minus: [] });
    const paperTooMany = await key(s1, r, '9', ids.slice(0, 4), []);
    expect(paperTooMany).toEqual(phoneTooMany);
    expect(codeOf(paperTooMany)).toBe('TOO_MANY_PLUS');
    expect(codeOf(await key(s1, r, '9', [ids[0]!]))).toBe('CODE_REQUIRED');
    expect(codeOf(await key(s1, r, '9', [ids[0]!], [], 'ZZZZ-ZZZZ'))).toBe('CODE_INVALID');

    // One person one way: a code that voted on a phone does not count on paper (held for the facilitator; the desk
    // only sees "held"), and a code on a counted paper ballot is refused on a phone (more in paper-claim.test.ts).
    expect(await key(s1, r, '5', [ids[0]!], [], codes[0]!.code)).toMatchObject({ ok: true, data: { status: 'waiting' } });
    expect(await key(s2, r, '5', [ids[0]!], [], codes[0]!.code)).toMatchObject({ ok: true, data: { status: 'held' } });
    const phoneC = await join(assemblyId, 'voter', { code: codes[2]!.code });
    expect(await call(phoneC, 'ballot:submit', { roundId: r, ballotId: ballotId(), plus: [ids[0]], minus: [] })).toMatchObject({ ok: false, error: { code: 'CODE_OTHER_CHANNEL' } });
    // A code counted on another serial holds this one too.
    await key(s2, r, '6', [ids[0]!], [], codes[3]!.code);
    expect(await key(s1, r, '6', [ids[0]!], [], codes[3]!.code)).toMatchObject({ ok: true, data: { status: 'held' } });

    // Totals: 2 phones + serial 1 (matched) + serial 2 (resolved).
    list = await must<PaperListView>(fac, 'paper:list', { roundId: r });
    expect(list.summary).toEqual({ waiting: 1, matched: 1, mismatch: 0, held: 2, resolved: 1, void: 1 });
    expect([list.channels.phone.ballots, list.channels.paper.ballots, list.channels.total.ballots]).toEqual([2, 2, 4]);
    expect(list.channels.paper.plus[ids[3]!]).toBe(1);
    const sync = await must<SessionState>(fac, 'state:sync', {});
    expect(sync.role === 'facilitator' && sync.snapshot?.turnout.voted).toBe(4);
    // Co-support (§5.8) counts paper voters too.
    expect(await must<{ voters: number }>(fac, 'cosupport:get', { roundId: r })).toMatchObject({ voters: 4 });

    // A revoked link stops at once: its socket is closed, its key no longer joins, a command on a kept socket is refused.
    const closed = new Promise<void>((resolve) => s2.once('disconnect', () => resolve()));
    await must(fac, 'staff:revoke', { staffId: desk2.id });
    await closed;
    const again = await connect(room.url);
    room.track(again);
    expect(await call(again, 'session:join', { assemblyId, role: 'staff', token: desk2.key })).toMatchObject({ ok: false, error: { code: 'LINK_REVOKED' } });

    // Close: the seal counts paper; its digest and the exports verify; the ballots export marks the channel.
    const closedRound = await must<RoundView>(fac, 'round:close', { roundId: r });
    expect(closedRound.seal).not.toBeNull();
    expect(codeOf(await key(s1, r, '7', [ids[0]!], [], codes[6]!.code))).toBe('ROUND_CLOSED');
    const base = `/api/assemblies/${assemblyId}/rounds/${r}`;
    const results = await rest<{ seal: { turnout: { voted: number }; channels: { paper: { ballots: number }; phone: { ballots: number } } } }>(room.url, 'GET', `${base}/results`);
    if (!results.body.ok) throw new Error('results');
    expect(results.body.data.seal.turnout.voted).toBe(4);
    expect(results.body.data.seal.channels.paper.ballots).toBe(2);
    const ballots = await rest<{ ballots: { channel: string }[] }>(room.url, 'GET', `${base}/ballots.json`, { token });
    if (!ballots.body.ok) throw new Error('ballots');
    expect(ballots.body.data.ballots.map((b) => b.channel).sort()).toEqual(['paper', 'paper', 'phone', 'phone']);
    expect(checkExports(ballots.body, results.body).exitCode).toBe(0);
    // Moving one ballot to the other channel breaks the verification.
    const moved = { ...ballots.body.data, ballots: ballots.body.data.ballots.map((b, i) => (i === 0 ? { ...b, channel: b.channel === 'paper' ? 'phone' : 'paper' } : b)) };
    expect(checkExports(moved, results.body).exitCode).toBe(1);

    // Closed: the stored paper ballots no longer name the access cards (pseudonyms, the same for one code).
    const stored = await room.server.app.hub.store.loadPaper(r);
    const codeIds = new Set(codes.map((c) => c.id));
    expect([...stored.keyings, ...stored.decisions].filter((x) => x.codeId !== null && codeIds.has(x.codeId))).toEqual([]);
    const serial1 = stored.keyings.filter((k) => k.serial === '1').map((k) => k.codeId);
    expect(serial1).toHaveLength(2);
    expect(serial1[0]).toMatch(/^sealed:\d+$/);
    expect(serial1[1]).toBe(serial1[0]);
    expect(new Set(stored.keyings.map((k) => k.codeId)).size).toBe(5);

    // The audit log: who keyed, accepted or voided which serial when; staff links by name, never codes or voters.
    const audit = await rest<{ serial: string; actor: string; action: string; detail: string }[]>(room.url, 'GET', `${base}/paper-audit.json`, { token });
    if (!audit.body.ok) throw new Error('audit');
    const rows = audit.body.data;
    expect(rows.filter((x) => x.action === 'keyed')).toHaveLength(10);
    expect(rows.filter((x) => x.action === 'held').map((x) => [x.serial, x.actor, x.detail])).toEqual([['5', 'server', 'this card already voted by phone'], ['6', 'server', 'this card is already counted on serial 2']]);
    expect(rows.find((x) => x.action === 'voided')).toMatchObject({ serial: '3', actor: 'facilitator' });
    expect(rows.find((x) => x.action === 'accepted')).toMatchObject({ serial: '2' });
    expect(rows.filter((x) => x.actor.startsWith('Desk 2')).length).toBe(5);
    const text = JSON.stringify(rows);
    for (const c of codes) expect(text).not.toContain(c.code);
    const csv = await fetch(`${room.url}${base}/paper-audit.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect((await csv.text()).replace(/^\uFEFF/, '').split('\n')[0]).toBe('at,serial,actor,action,detail');
    // Results, the report and their CSVs show phone, paper and total counts.
    const resultsCsv = (await (await fetch(`${room.url}${base}/results.csv`)).text()).replace(/^\uFEFF/, '').split('\n');
    expect(resultsCsv[0]).toMatch(/,phone_plus,phone_minus,paper_plus,paper_minus$/);
    const trees = resultsCsv.find((line) => line.includes(ids[3]!))!.split(',');
    expect(trees.slice(-4)).toEqual(['0', '0', '1', '0']);
    const report = await rest<{ rounds: { round: { id: string }; channels: { phone: { ballots: number }; paper: { ballots: number }; total: { ballots: number } } | null }[] }>(
      room.url, 'GET', `/api/assemblies/${assemblyId}/report.json`, { token },
    );
    if (!report.body.ok) throw new Error('report');
    const reported = report.body.data.rounds.find((x) => x.round.id === r)!.channels!;
    expect([reported.phone.ballots, reported.paper.ballots, reported.total.ballots]).toEqual([2, 2, 4]);
    const reportCsv = (await (await fetch(`${room.url}/api/assemblies/${assemblyId}/report.csv`, { headers: { authorization: `Bearer ${token}` } })).text()).replace(/^\uFEFF/, '').split('\n');
    expect(reportCsv[0]).toMatch(/,phone_plus,phone_minus,paper_plus,paper_minus$/);
    const before = await must<PaperListView>(fac, 'paper:list', { roundId: r });

    // Restart: everything is kept.
    await room.restart();
    const fac2 = await join(assemblyId, 'facilitator', { token });
    expect(await must<PaperListView>(fac2, 'paper:list', { roundId: r })).toEqual(before);
    const after = await rest<{ seal: unknown }>(room.url, 'GET', `${base}/results`);
    expect(after.body.ok && after.body.data.seal).toEqual(results.body.data.seal);
    const s1again = await connect(room.url);
    room.track(s1again);
    expect(await call(s1again, 'session:join', { assemblyId, role: 'staff', token: desk1.key })).toMatchObject({ ok: true });
    expect(await call(s1again, 'state:sync', {})).toMatchObject({ ok: true, data: { role: 'staff', mine: expect.any(Array) } });
    expect(await call(s1again, 'session:join', { assemblyId, role: 'staff', token: desk2.key })).toMatchObject({ ok: false, error: { code: 'LINK_REVOKED' } });
    const relisted = await must<{ name: string; revokedAt: number | null; keyed: number }[]>(fac2, 'staff:list', {});
    expect(relisted.map((l) => [l.name, l.revokedAt !== null, l.keyed])).toEqual([['Desk 1', false, 5], ['Desk 2', true, 5]]);
  });

  it('an open assembly over REST: staff links and decisions by script; a third keying, a decided serial, a code where none is used are refused', async () => {
    const { assemblyId, token, proposals } = await setupAssembly(room.url, ['A', 'B', 'C', 'D']);
    const ids = proposals.map((p) => p.id);
    const base = `/api/assemblies/${assemblyId}`;
    const desks: CreatedStaffLink[] = [];
    for (const name of ['Desk A', 'Desk B', 'Desk C']) {
      const created = await rest<CreatedStaffLink>(room.url, 'POST', `${base}/staff`, { token, body: { name } });
      expect(created.status).toBe(201);
      if (created.body.ok) desks.push(created.body.data);
    }
    expect((await rest(room.url, 'POST', `${base}/staff`, { body: { name: 'No token' } })).status).toBe(401);
    const round = await must<RoundView>(await join(assemblyId, 'facilitator', { token }), 'round:create', { proposalIds: ids, winners: 1 });
    expect((await rest(room.url, 'POST', `${base}/rounds/${round.id}/open`, { token })).status).toBe(200);
    const [a, b, c] = await Promise.all(desks.map((d) => join(assemblyId, 'staff', { token: d.key })));
    expect(codeOf(await key(a!, round.id, '1', [ids[0]!], [], 'ABCD-EFGH'))).toBe('BAD_REQUEST');
    await key(a!, round.id, '1', [ids[0]!]);
    await key(b!, round.id, '1', [ids[0]!]);
    expect(codeOf(await key(c!, round.id, '1', [ids[0]!]))).toBe('SERIAL_COMPLETE');
    await key(a!, round.id, '2', [ids[1]!]);
    const voided = await rest<PaperBallotView>(room.url, 'POST', `${base}/rounds/${round.id}/paper/void`, { token, body: { serial: '2', reason: 'Two papers numbered 2' } });
    expect(voided.body).toMatchObject({ ok: true, data: { status: 'void' } });
    expect(codeOf(await key(b!, round.id, '2', [ids[1]!]))).toBe('SERIAL_DECIDED');
    // A void can be undone by counting the paper; the counts follow.
    const counted = await rest<PaperBallotView>(room.url, 'POST', `${base}/rounds/${round.id}/paper/resolve`, { token, body: { serial: '2', plus: [ids[1]], minus: [] } });
    expect(counted.body).toMatchObject({ ok: true, data: { status: 'resolved' } });
    expect((await rest(room.url, 'POST', `${base}/rounds/${round.id}/paper/resolve`, { token, body: { serial: '99', plus: [], minus: [] } })).status).toBe(404);
    const listed = await rest<PaperListView>(room.url, 'GET', `${base}/rounds/${round.id}/paper`, { token });
    expect(listed.body.ok && [listed.body.data.channels.paper.ballots, listed.body.data.summary.matched, listed.body.data.summary.resolved]).toEqual([2, 1, 1]);
    const revoked = await rest<{ revokedAt: number | null }>(room.url, 'POST', `${base}/staff/${desks[2]!.id}/revoke`, { token });
    expect(revoked.body.ok && revoked.body.data.revokedAt).toEqual(expect.any(Number));
    const links = await rest<{ name: string; keyed: number }[]>(room.url, 'GET', `${base}/staff`, { token });
    expect(links.body.ok && links.body.data.map((l) => [l.name, l.keyed])).toEqual([['Desk A', 2], ['Desk B', 1], ['Desk C', 0]]);
    // Staff may not do the facilitator's work, nor vote.
    expect(codeOf(await call(a!, 'paper:void', { roundId: round.id, serial: '1', reason: 'x' }))).toBe('FORBIDDEN');
    expect(codeOf(await call(a!, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[0]], minus: [] }))).toBe('FORBIDDEN');
  });
});
