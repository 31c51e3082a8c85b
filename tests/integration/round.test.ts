import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { BallotReceipt } from '../../shared/protocol/views.ts';
import {
  ballotId,
  closeRound,
  countsOf,
  createRound,
  independentCount,
  joinStaff,
  joinVoter,
  openRound,
  setupAssembly,
  vote,
  waitFor,
  type Voter,
} from '../support/assembly.ts';
import { call, rest, startServer, type TestServer } from '../support/server.ts';

/** A small deterministic PRNG so a failing run can be replayed. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('a full D21 round through real sockets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('join, vote, change, close, results: live tally and final results equal an independent recount', async () => {
    const { url } = server;
    const titles = ['Bike lanes', 'Library hours', 'Tree planting', 'Bus shelter', 'Skate park', 'Public toilets', 'Benches', 'Street lights', 'Community garden'];
    const { assemblyId, token, proposals } = await setupAssembly(url, titles);
    const ids = proposals.map((p) => p.id);
    const facilitator = await joinStaff(url, assemblyId, 'facilitator', token);
    const screen = await joinStaff(url, assemblyId, 'screen');

    // §1 rule 3 check from real use: 9 candidates, 1 winner → 3 plus + 1 minus.
    const round = await createRound(url, assemblyId, token, { question: 'Which project first?', proposalIds: ids, winners: 1 });
    expect(round.rules).toEqual({ options: 9, winners: 1, plus: 3, minus: 1, ratio: 2 });

    const voters: Voter[] = [];
    for (let i = 0; i < 15; i++) voters.push(await joinVoter(url, assemblyId));
    const roundOpened = waitFor(() => voters.every((v) => v.events.some((e) => e.event === 'round:updated')), 5000, 'round:updated on every phone');
    await openRound(url, assemblyId, token, round.id);
    await roundOpened;

    const random = rng(42);
    const pick = (n: number, from: string[]) => [...from].sort(() => random() - 0.5).slice(0, n);
    const last = new Map<Voter, { plus: string[]; minus: string[] }>();
    const receipts: BallotReceipt[] = [];
    for (const v of voters) {
      const plus = pick(1 + Math.floor(random() * 3), ids);
      const minus = plus.length >= 2 && random() < 0.6 ? pick(1, ids.filter((id) => !plus.includes(id))) : [];
      receipts.push(await vote(v, round.id, plus, minus));
      last.set(v, { plus, minus });
    }
    // A third of the room changes its mind (rule 8: the last ballot counts).
    for (const v of voters.slice(0, 5)) {
      const plus = pick(3, ids);
      const minus = pick(1, ids.filter((id) => !plus.includes(id)));
      receipts.push(await vote(v, round.id, plus, minus));
      last.set(v, { plus, minus });
    }
    // One abstains explicitly (rule 6): counted in turnout, in no option.
    receipts.push(await vote(voters[14]!, round.id, [], []));
    last.set(voters[14]!, { plus: [], minus: [] });

    const expected = independentCount(last.values());
    const maxSeq = Math.max(...receipts.map((r) => r.seq));
    // The console sees the live tally (screens see it in released batches: side-channels.test.ts).
    const live = await waitFor(() => facilitator.snapshots.find((s) => s.seq >= maxSeq), 3000, 'snapshot with every ballot');
    expect(countsOf(live.results!)).toEqual(expected);
    expect(live.turnout).toMatchObject({ joined: 15, voted: 15 });
    expect(live.results!.abstentions).toBe(1);

    // Coalesced: far fewer snapshots than ballots.
    expect(facilitator.snapshots.length).toBeLessThan(receipts.length);
    // Screens never see more than was released: every one of their snapshots trails the console's.
    for (const s of screen.snapshots) expect(s.seq).toBeLessThanOrEqual(maxSeq);

    await closeRound(url, assemblyId, token, round.id);
    const final = await rest<{ results: RoundResults }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    expect(final.status).toBe(200);
    if (!final.body.ok) throw new Error('results failed');
    expect(countsOf(final.body.data.results)).toEqual(expected);
    // Ranking by net with shared ranks; exactly one winner or a flagged tie.
    const opts = final.body.data.results.options;
    for (let i = 1; i < opts.length; i++) expect(opts[i - 1]!.net).toBeGreaterThanOrEqual(opts[i]!.net);
    expect(final.body.data.results.winners.length + final.body.data.results.tiedAtCut.length).toBeGreaterThanOrEqual(1);

    // Ballots after close are refused and change nothing.
    const late = await call(voters[0]!.socket, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[0]], minus: [] });
    expect(late).toMatchObject({ ok: false, error: { code: 'ROUND_CLOSED' } });

    // CSV export: one row per proposal, header first.
    const csv = await fetch(`${url}/api/assemblies/${assemblyId}/rounds/${round.id}/results.csv`).then((r) => r.text());
    expect(csv.trim().split('\n')).toHaveLength(1 + ids.length);

    // Phones never receive tallies or anyone's ballot.
    for (const v of voters) {
      expect(v.events.map((e) => e.event)).not.toContain('tally:snapshot');
      expect(JSON.stringify(v.events)).not.toContain('"plus":[');
    }
    for (const s of [facilitator.socket, screen.socket, ...voters.map((v) => v.socket)]) s.disconnect();
  });

  it('a resent ballot id gets the same receipt and is counted once', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C', 'D']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    const v = await joinVoter(url, assemblyId);
    const id = ballotId();
    const first = await vote(v, round.id, [ids[0]!, ids[1]!], [ids[2]!], id);
    const again = await vote(v, round.id, [ids[0]!, ids[1]!], [ids[2]!], id);
    expect(again).toEqual(first);
    const results = await rest<{ results: RoundResults }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`, { token });
    if (!results.body.ok) throw new Error('results failed');
    expect(results.body.data.results.ballots).toBe(1);
    expect(countsOf(results.body.data.results)).toEqual(independentCount([{ plus: [ids[0]!, ids[1]!], minus: [ids[2]!] }]));
    v.socket.disconnect();
  });

  it('a phone that rejoins with its token is the same participant and sees its own ballot', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    const v = await joinVoter(url, assemblyId);
    await vote(v, round.id, [ids[0]!], []);
    v.socket.disconnect();
    const again = await joinVoter(url, assemblyId, v.token);
    expect(again.token).toBe(v.token);
    const state = await call<{ myBallot: BallotReceipt | null }>(again.socket, 'state:sync', {});
    expect(state.ok && state.data.myBallot?.plus).toEqual([ids[0]]);
    await vote(again, round.id, [ids[1]!], []);
    const res = await rest<{ results: RoundResults; turnout: { joined: number; voted: number } }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`, { token });
    if (!res.body.ok) throw new Error('results failed');
    expect(res.body.data.turnout).toMatchObject({ joined: 1, voted: 1 });
    expect(countsOf(res.body.data.results)).toEqual({ n: 1, plus: { [ids[1]!]: 1 }, minus: {} });
    again.socket.disconnect();
  });

  it('hidden rounds show turnout only until close', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['A', 'B', 'C', 'D']);
    const ids = proposals.map((p) => p.id);
    const screen = await joinStaff(url, assemblyId, 'screen');
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1, visibility: 'hidden' });
    await openRound(url, assemblyId, token, round.id);
    const v = await joinVoter(url, assemblyId);
    const r = await vote(v, round.id, [ids[0]!, ids[1]!], [ids[3]!]);
    const snap = await waitFor(() => screen.snapshots.find((s) => s.seq >= r.seq), 3000, 'hidden snapshot');
    expect(snap.results).toBeNull();
    expect(snap.turnout.voted).toBe(1);
    const hidden = await rest(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    expect(hidden.status).toBe(403);
    expect(hidden.body).toMatchObject({ ok: false, error: { code: 'RESULTS_HIDDEN' } });
    const hiddenGroups = await rest(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/opinion-groups`);
    expect(hiddenGroups.body).toMatchObject({ ok: false, error: { code: 'RESULTS_HIDDEN' } });
    await closeRound(url, assemblyId, token, round.id);
    const closed = await waitFor(() => screen.snapshots.find((s) => s.status === 'closed'), 3000, 'closed snapshot');
    expect(closed.results?.ballots).toBe(1);
    screen.socket.disconnect();
    v.socket.disconnect();
  });
});
