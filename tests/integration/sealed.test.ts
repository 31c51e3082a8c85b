import { afterEach, describe, expect, it } from 'vitest';
import type { RoundResults, SealedRound } from '../../shared/domain/index.ts';
import type { BallotReceipt, Report, RoundView, VoterState } from '../../shared/protocol/views.ts';
import { manualClock } from '../support/clock.ts';
import { ballotId, closeRound, createRound, joinVoter, openRound, setupAssembly, vote, waitFor } from '../support/assembly.ts';
import { call, rest, startServer, tempDataFile, type TestServer } from '../support/server.ts';

/**
 * Issue 10's failures, each as a regression test through the real server
 * (REST, sockets, SQLite): a round's paper, rules and result cannot be
 * bent by edits, reads, races, restarts or the clock.
 */

type ResultsBody = { results: RoundResults; round: RoundView; turnout: { joined: number; voted: number }; titles: Record<string, string>; seal: SealedRound | null };

let servers: TestServer[] = [];
async function server(opts: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const s = await startServer(opts);
  servers.push(s);
  return s;
}
afterEach(async () => {
  for (const s of servers) await s.close().catch(() => {});
  servers = [];
});

/** A round's results; with the facilitator's token an open round's live tally, without it the last public release (docs/security.md, "Timing"). */
async function results(url: string, assemblyId: string, roundId: string, token?: string) {
  const r = await rest<ResultsBody>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${roundId}/results`, token ? { token } : {});
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  return r.body.data;
}
async function report(url: string, assemblyId: string, token: string) {
  const r = await rest<Report>(url, 'GET', `/api/assemblies/${assemblyId}/report.json`, { token });
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  return r.body.data;
}

describe('a closed round is sealed', () => {
  it('failure 1: a cost edit after close changes neither the funded list, the report nor the digest; during the round it is refused', async () => {
    const { url } = await server();
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Library', 'Playground'], { costs: [80, 50] });
    const [library, playground] = proposals.map((p) => p.id) as [string, string];
    const round = await createRound(url, assemblyId, token, { proposalIds: [library, playground], winners: 1, plus: 1, minus: 0, budget: 100 });
    await openRound(url, assemblyId, token, round.id);
    // While open: every edit of a proposal on the ballot is refused (the freeze rule).
    const patch = await rest(url, 'PATCH', `/api/assemblies/${assemblyId}/proposals/${library}`, { token, body: { cost: 120 } });
    expect(patch.body).toMatchObject({ ok: false, error: { code: 'PROPOSAL_FROZEN' } });
    const v = await joinVoter(url, assemblyId);
    await vote(v, round.id, [library], []);
    await closeRound(url, assemblyId, token, round.id);
    const sealed = await results(url, assemblyId, round.id);
    expect(sealed.results.budget?.funded).toEqual([library]);
    expect(sealed.seal?.digest).toMatch(/^[0-9a-f]{64}$/);

    // After close the edit is allowed: it applies to later rounds only.
    const later = await rest(url, 'PATCH', `/api/assemblies/${assemblyId}/proposals/${library}`, { token, body: { cost: 120, title: 'Library (new wing)' } });
    expect(later.body).toMatchObject({ ok: true });
    const after = await results(url, assemblyId, round.id);
    expect(after.results).toEqual(sealed.results);
    expect(after.seal).toEqual(sealed.seal);
    expect(after.titles[library]).toBe('Library');
    const rep = await report(url, assemblyId, token);
    expect(rep.rounds[0]!.results).toEqual(sealed.results);
    expect(rep.rounds[0]!.round.paper?.find((p) => p.id === library)).toMatchObject({ title: 'Library', cost: 80 });
    expect(rep.rounds[0]!.round.seal?.digest).toBe(sealed.seal!.digest);
    const csv = await fetch(`${url}/api/assemblies/${assemblyId}/report.csv`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    expect(csv).toContain('Library');
    expect(csv).not.toContain('new wing');
    v.socket.disconnect();
  });

  it('failure 2: a rejected, merged or deleted proposal cannot reach an opened ballot; the refusal names every offender', async () => {
    const { url } = await server();
    const { assemblyId, token, proposals } = await setupAssembly(url, ['X', 'Y', 'Z', 'W']);
    const [x, y, z, w] = proposals.map((p) => p.id) as [string, string, string, string];
    const round = await createRound(url, assemblyId, token, { proposalIds: [x, y, z, w], winners: 1 });
    const base = `/api/assemblies/${assemblyId}`;
    expect((await rest(url, 'POST', `${base}/proposals/${x}/moderate`, { token, body: { action: 'reject', reason: 'off topic' } })).body.ok).toBe(true);
    expect((await rest(url, 'POST', `${base}/proposals/merge`, { token, body: { targetId: y, sourceIds: [z] } })).body.ok).toBe(true);
    const refused = await rest(url, 'POST', `${base}/rounds/${round.id}/open`, { token, body: {} });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'PROPOSALS_NOT_APPROVED' } });
    if (refused.body.ok) return;
    expect(refused.body.error.message).toContain('“X” is rejected');
    expect(refused.body.error.message).toContain('“Z” is merged');
    // Still a draft: nothing was opened, phones see no round.
    const v = await joinVoter(url, assemblyId);
    const state = await call<VoterState>(v.socket, 'state:sync', {});
    expect(state.ok && state.data.current).toBeNull();
    expect(await call(v.socket, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [x], minus: [] })).toMatchObject({ error: { code: 'ROUND_NOT_OPEN' } });
    // Re-approving X fixes it; Z stays merged and must leave the draft.
    await rest(url, 'POST', `${base}/proposals/${x}/moderate`, { token, body: { action: 'approve' } });
    expect((await rest(url, 'POST', `${base}/rounds/${round.id}/open`, { token, body: {} })).body).toMatchObject({ ok: false, error: { code: 'PROPOSALS_NOT_APPROVED' } });
    expect((await rest(url, 'PATCH', `${base}/rounds/${round.id}`, { token, body: { proposalIds: [x, y, w] } })).body.ok).toBe(true);
    const opened = await openRound(url, assemblyId, token, round.id);
    expect(opened.paper?.map((p) => p.title)).toEqual(['X', 'Y', 'W']);
    // Every moderation action on a proposal of the open ballot is refused.
    for (const action of ['approve', 'reject', 'reopen']) {
      expect((await rest(url, 'POST', `${base}/proposals/${w}/moderate`, { token, body: { action } })).body, action).toMatchObject({ error: { code: 'PROPOSAL_FROZEN' } });
    }
    expect((await rest(url, 'POST', `${base}/proposals/merge`, { token, body: { targetId: x, sourceIds: [w] } })).body).toMatchObject({ error: { code: 'PROPOSAL_FROZEN' } });
    expect((await rest(url, 'DELETE', `${base}/proposals/${w}`, { token })).body).toMatchObject({ error: { code: 'PROPOSAL_FROZEN' } });
    v.socket.disconnect();
  });

  it('failure 3: reading a draft creates nothing; the opened round validates against the paper phones were shown, also after a restart', async () => {
    const file = tempDataFile();
    const first = await server({ file });
    const { assemblyId, token, proposals } = await setupAssembly(first.url, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(first.url, assemblyId, token, { proposalIds: ids.slice(0, 2), winners: 1 });
    const read = await rest(first.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    expect(read.body).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_OPEN' } });
    expect(first.app.hub.assemblies.get(assemblyId)!.live.size).toBe(0);
    // The facilitator edits the draft after the read: more proposals, other rules.
    const edited = await rest(first.url, 'PATCH', `/api/assemblies/${assemblyId}/rounds/${round.id}`, { token, body: { proposalIds: ids, winners: 2, plus: 4, minus: 2 } });
    expect(edited.body.ok).toBe(true);
    await openRound(first.url, assemblyId, token, round.id);
    const v = await joinVoter(first.url, assemblyId);
    const shown = await call<VoterState>(v.socket, 'state:sync', {});
    if (!shown.ok || !shown.data.current) throw new Error('no round on the phone');
    expect(shown.data.current.proposals.map((p) => p.id)).toEqual(ids);
    const { plus, minus } = shown.data.current.round.rules;
    expect([plus, minus]).toEqual([4, 2]);
    // A ballot valid under the shown rules is accepted; one over them is refused.
    const ok = await vote(v, round.id, ids.slice(2, 6), ids.slice(0, 2));
    expect(await call(v.socket, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: ids.slice(0, 5), minus: [] })).toMatchObject({ error: { code: 'TOO_MANY_PLUS' } });
    const before = await results(first.url, assemblyId, round.id);
    v.socket.disconnect();
    await first.close();
    servers = servers.filter((s) => s !== first);
    const second = await server({ file });
    const again = await results(second.url, assemblyId, round.id);
    expect(again.results).toEqual(before.results);
    expect(again.round.paper).toEqual(before.round.paper);
    const back = await joinVoter(second.url, assemblyId, v.token);
    const state = await call<VoterState>(back.socket, 'state:sync', {});
    expect(state.ok && state.data.myBallot?.seq).toBe(ok.seq);
    back.socket.disconnect();
  });

  it('failure 7: the report gives each earlier round its own turnout, not today’s join count', async () => {
    const { url } = await server();
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    const early = [];
    for (let i = 0; i < 5; i++) early.push(await joinVoter(url, assemblyId));
    for (const v of early.slice(0, 4)) await vote(v, round.id, [ids[0]!], []);
    await closeRound(url, assemblyId, token, round.id);
    const late = [];
    for (let i = 0; i < 7; i++) late.push(await joinVoter(url, assemblyId));
    const rep = await report(url, assemblyId, token);
    expect(rep.rounds[0]!.turnout).toMatchObject({ joined: 5, voted: 4 });
    expect((await results(url, assemblyId, round.id)).turnout).toMatchObject({ joined: 5, voted: 4 });
    for (const v of [...early, ...late]) v.socket.disconnect();
  });
});

describe('ballots and the clock', () => {
  it('failure 5: a ballot received after the deadline is refused even when the timer has not run; the round closes at its deadline', async () => {
    const clock = manualClock();
    const { url, app } = await server({ clock });
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1, durationSec: 60 });
    const opened = await openRound(url, assemblyId, token, round.id);
    expect(opened.deadline).toBe(clock.now() + 60_000);
    const [early, late] = [await joinVoter(url, assemblyId), await joinVoter(url, assemblyId)];
    clock.advance(59_999);
    await vote(early, round.id, [ids[0]!], []);
    // The server is busy: time passes the deadline but no timer has run.
    clock.set(opened.deadline! + 5);
    expect(clock.pending()).toBe(1);
    expect(await call(late.socket, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[1]!], minus: [] })).toMatchObject({ error: { code: 'ROUND_CLOSED' } });
    // Extending a round past its deadline is refused (and closes it).
    expect((await rest(url, 'POST', `/api/assemblies/${assemblyId}/rounds/${round.id}/extend`, { token, body: { seconds: 60 } })).body).toMatchObject({ error: { code: 'ROUND_NOT_OPEN' } });
    clock.runDue();
    const a = app.hub.assemblies.get(assemblyId)!;
    await waitFor(() => a.rounds.get(round.id)!.status === 'closed', 2000, 'closed');
    const sealed = await results(url, assemblyId, round.id);
    expect(sealed.round.closedAt).toBe(opened.deadline);
    expect(sealed.results.ballots).toBe(1);
    expect(sealed.seal?.closedAt).toBe(opened.deadline);
    early.socket.disconnect();
    late.socket.disconnect();
  });

  it('a timed round closes by itself on fake time, and extend moves the deadline', async () => {
    const clock = manualClock();
    const { url } = await server({ clock });
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B']);
    const round = await createRound(url, assemblyId, token, { proposalIds: proposals.map((p) => p.id), winners: 1, durationSec: 5 });
    const opened = await openRound(url, assemblyId, token, round.id);
    const extended = await rest<RoundView>(url, 'POST', `/api/assemblies/${assemblyId}/rounds/${round.id}/extend`, { token, body: { seconds: 1 } });
    expect(extended.body.ok && extended.body.data.deadline).toBe(opened.deadline! + 1000);
    const v = await joinVoter(url, assemblyId);
    clock.advance(5_999);
    expect((await results(url, assemblyId, round.id)).round.status).toBe('open');
    clock.advance(1);
    const closed = await waitFor(
      () => v.events.find((e) => e.event === 'round:updated' && (e.args[0] as { round: { status: string } } | null)?.round.status === 'closed'),
      3000,
      'auto-close',
    );
    expect((closed.args[0] as { round: RoundView }).round.closedAt).toBe(opened.deadline! + 1000);
    v.socket.disconnect();
  });

  it('failure 6: a resend of any earlier ballot id returns its original receipt and changes nothing, before and after a restart', async () => {
    const file = tempDataFile();
    const first = await server({ file });
    const { assemblyId, token, proposals } = await setupAssembly(first.url, ['A', 'B', 'C', 'D']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(first.url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(first.url, assemblyId, token, round.id);
    const v = await joinVoter(first.url, assemblyId);
    const [idA, idB] = [ballotId(), ballotId()];
    const a = await vote(v, round.id, [ids[0]!], [], idA);
    const b = await vote(v, round.id, [ids[1]!], [], idB);
    const resendA = (url: string, voter: typeof v) => call<BallotReceipt>(voter.socket, 'ballot:submit', { roundId: round.id, ballotId: idA, plus: [ids[0]], minus: [] });
    expect(await resendA(first.url, v)).toEqual({ ok: true, data: a });
    const counted = async (url: string) => (await results(url, assemblyId, round.id, token)).results.options.find((o) => o.plus === 1)?.id;
    expect(await counted(first.url)).toBe(ids[1]);
    v.socket.disconnect();
    await first.close();
    servers = servers.filter((s) => s !== first);

    const second = await server({ file });
    const back = await joinVoter(second.url, assemblyId, v.token);
    expect(await resendA(second.url, back)).toEqual({ ok: true, data: a });
    expect(await call(back.socket, 'ballot:submit', { roundId: round.id, ballotId: idB, plus: [ids[1]], minus: [] })).toEqual({ ok: true, data: b });
    expect(await counted(second.url)).toBe(ids[1]);
    // Memory holds one ballot per voter; older ids are answered from the store.
    const live = second.app.hub.assemblies.get(assemblyId)!.live.get(round.id)!;
    expect(live.ballots.size).toBe(1);
    expect(live.voterQueue.size).toBe(0);
    // After close, a lost ack of the last ballot is still answered "counted" (memory keeps each voter's
    // last ballot id, nothing else: no votes, time or sequence number); the replaced one no longer is:
    // the closed round's ballots are severed from the voters (docs/security.md, "The data file").
    await closeRound(second.url, assemblyId, token, round.id);
    expect(await call(back.socket, 'ballot:submit', { roundId: round.id, ballotId: idB, plus: [ids[1]], minus: [] })).toMatchObject({ ok: true, data: { roundId: b.roundId, ballotId: b.ballotId, plus: b.plus, minus: b.minus } });
    expect(await resendA(second.url, back)).toMatchObject({ ok: false, error: { code: 'ROUND_CLOSED' } });
    back.socket.disconnect();
  });
});
