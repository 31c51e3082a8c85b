import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { ProposalView, RoundView, SegmentBreakdown, SubmissionView } from '../../shared/protocol/views.ts';
import { drawOrder } from '../../server/hub/advance.ts';
import type { Report } from '../../shared/protocol/views.ts';
import { closeRound, countsOf, createRound, independentCount, joinVoter, openRound, setupAssembly, vote, waitFor, type Voter } from '../support/assembly.ts';
import { call, connect, must, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';

describe('assembly workflows from real uses of D21', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function facilitatorSocket(assemblyId: string, token: string): Promise<TestSocket> {
    const s = await connect(server.url);
    await must(s, 'session:join', { assemblyId, role: 'facilitator', token });
    return s;
  }
  async function results(assemblyId: string, roundId: string, token: string): Promise<RoundResults> {
    const r = await rest<{ results: RoundResults }>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${roundId}/results`, { token });
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    return r.body.data.results;
  }

  it('NHS Citizen: the public proposes, the facilitator moderates, the assembly shortlists over two rounds, the report refers the winners', async () => {
    const { url } = server;
    const { assemblyId, token } = await setupAssembly(url, []);
    const fac = await facilitatorSocket(assemblyId, token);
    const voters: Voter[] = [];
    for (let i = 0; i < 8; i++) voters.push(await joinVoter(url, assemblyId));

    // Closed phase: no submissions.
    expect(await call(voters[0]!.socket, 'proposal:submit', { title: 'Early idea' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const settingsSeen = waitFor(() => voters[0]!.events.find((e) => e.event === 'settings:updated'), 3000, 'settings:updated');
    await must(fac, 'assembly:update', { submissions: { open: true, maxPerParticipant: 2 } });
    await settingsSeen;

    const submitted: SubmissionView[] = [];
    const ideas = [
      'Shorter waiting times for GP appointments', 'More mental health support in schools', 'Shorter waits for GP appointments',
      'Free parking for hospital staff', 'Better discharge planning', 'Mental-health first aiders in every school', 'Open data on NHS spending',
    ];
    for (const [i, title] of ideas.entries()) submitted.push(await must<SubmissionView>(voters[i]!.socket, 'proposal:submit', { title, description: `Proposal ${i + 1} from the floor` }));
    expect(submitted.every((s) => s.status === 'pending')).toBe(true);
    // Limits: length and per-participant count.
    expect(await call(voters[7]!.socket, 'proposal:submit', { title: 'x'.repeat(121) })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const pharmacies = await must<SubmissionView>(voters[7]!.socket, 'proposal:submit', { title: 'Community pharmacies open later', submissionId: 'sub-pharmacies-1' });
    await must(voters[7]!.socket, 'proposal:submit', { title: 'Volunteer drivers for appointments' });
    expect(await call(voters[7]!.socket, 'proposal:submit', { title: 'A third one' })).toMatchObject({ ok: false, error: { code: 'SUBMISSION_LIMIT' } });
    // A resend after a lost reply (same submissionId) returns the same proposal, even at the limit.
    const resent = await must<SubmissionView>(voters[7]!.socket, 'proposal:submit', { title: 'Community pharmacies open later', submissionId: 'sub-pharmacies-1' });
    expect(resent.id).toBe(pharmacies.id);
    // A phone sees only its own submissions.
    const state = await must<{ submissions: { mine: SubmissionView[] } }>(voters[7]!.socket, 'state:sync', {});
    expect(state.submissions.mine.map((s) => s.title)).toEqual(['Community pharmacies open later', 'Volunteer drivers for appointments']);

    // Pending proposals cannot go on a ballot.
    expect(await call(fac, 'round:create', { proposalIds: [submitted[0]!.id], winners: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Moderate: reject with a reason (the author is told), merge duplicates, approve the rest.
    const rejectedSeen = waitFor(
      () => voters[3]!.events.find((e) => e.event === 'submission:updated' && (e.args[0] as SubmissionView).status === 'rejected'),
      3000,
      'submission:updated',
    );
    await must(fac, 'proposal:moderate', { proposalId: submitted[3]!.id, action: 'reject', reason: 'Outside the board’s remit' });
    const told = (await rejectedSeen).args[0] as SubmissionView;
    expect(told).toMatchObject({ status: 'rejected', reason: 'Outside the board’s remit' });
    await must(fac, 'proposal:merge', { targetId: submitted[0]!.id, sourceIds: [submitted[2]!.id], title: 'Shorter waits for GP appointments' });
    await must(fac, 'proposal:merge', { targetId: submitted[1]!.id, sourceIds: [submitted[5]!.id] });
    for (const s of [submitted[4]!, submitted[6]!]) await must(fac, 'proposal:moderate', { proposalId: s.id, action: 'approve' });
    const assembly = await rest<{ proposals: ProposalView[] }>(url, 'GET', `/api/assemblies/${assemblyId}`, { token });
    if (!assembly.body.ok) throw new Error('assembly');
    const byStatus = (st: string) => assembly.body.ok ? assembly.body.data.proposals.filter((p) => p.status === st) : [];
    expect(byStatus('merged').map((p) => p.mergedInto).sort()).toEqual([submitted[0]!.id, submitted[1]!.id].sort());
    expect(byStatus('rejected')).toHaveLength(1);
    expect(JSON.stringify(assembly.body.data)).not.toContain(voters[0]!.token);
    const approved = byStatus('approved').map((p) => p.id);
    expect(approved).toHaveLength(4);
    // Pending ones stay pending until moderated (voter 7's two).
    expect(byStatus('pending')).toHaveLength(2);
    await must(fac, 'assembly:update', { submissions: { open: false, maxPerParticipant: 2 } });

    // Round 1: 4 approved proposals, W=2 → 2 plus, 1 minus (C=4, W=2); ratio off.
    const r1 = await must<RoundView>(fac, 'round:create', { question: 'Which go to the board?', proposalIds: approved, winners: 2, ratio: 0 });
    await must(fac, 'round:open', { roundId: r1.id });
    const [A, B, C, D] = approved as [string, string, string, string];
    // A: +4, B: +3, C: +3, D: +1 −1 → B and C tie at place 2 for K=2.
    const ballots = [[[A, B], []], [[A, C], []], [[A, B], []], [[A, C], []], [[B, C], []], [[D], []], [[], [D]], [[], []]] as const;
    for (const [i, [plus, minus]] of ballots.entries()) await vote(voters[i]!, r1.id, [...plus], [...minus]);
    await must(fac, 'round:close', { roundId: r1.id });

    const tie = await call(fac, 'round:advance', { fromRoundId: r1.id, k: 2 });
    expect(tie).toMatchObject({ ok: false, error: { code: 'TIE_AT_CUT' } });
    if (!tie.ok) expect(tie.error.message).toContain('tie');
    const wrongChoice = await call(fac, 'round:advance', { fromRoundId: r1.id, k: 2, tieBreak: { choose: [A] } });
    expect(wrongChoice).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const included = await must<RoundView>(fac, 'round:advance', { fromRoundId: r1.id, k: 2, tieBreak: 'include', winners: 1 });
    expect(new Set(included.proposalIds)).toEqual(new Set([A, B, C]));
    expect(included.origin).toMatchObject({ fromRoundId: r1.id, k: 2, tieBreak: 'include', seed: null });
    expect(new Set(included.origin!.tied)).toEqual(new Set([B, C]));
    const drawn = await must<RoundView>(fac, 'round:advance', { fromRoundId: r1.id, k: 2, tieBreak: 'draw', winners: 1 });
    expect(drawn.proposalIds).toHaveLength(2);
    expect(drawn.proposalIds[0]).toBe(A);
    // The draw is reproducible from its recorded seed.
    expect(drawn.proposalIds[1]).toBe(drawOrder(drawn.origin!.seed!, drawn.origin!.tied)[0]);
    // §5.3 a re-vote among the tied: only B and C, for the one place left at the cut.
    const revote = await must<RoundView>(fac, 'round:advance', { fromRoundId: r1.id, k: 2, tieBreak: 'revote' });
    expect(new Set(revote.proposalIds)).toEqual(new Set([B, C]));
    expect(revote.rules.winners).toBe(1);
    expect(revote.origin).toMatchObject({ fromRoundId: r1.id, k: 2, tieBreak: 'revote', seed: null });
    const noTie = await call(fac, 'round:advance', { fromRoundId: r1.id, k: 1, tieBreak: 'revote' });
    expect(noTie).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const chosen = await must<RoundView>(fac, 'round:advance', { fromRoundId: r1.id, k: 2, tieBreak: { choose: [C] }, winners: 1, question: 'Final: one for the board' });
    expect(chosen.proposalIds).toEqual([A, C]);

    // Round 2 among A and C.
    await must(fac, 'round:open', { roundId: chosen.id });
    for (const [i, v] of voters.entries()) await vote(v, chosen.id, [i < 5 ? A : C], []);
    await must(fac, 'round:close', { roundId: chosen.id });

    const report = await rest<Report>(url, 'GET', `/api/assemblies/${assemblyId}/report.json`, { token });
    if (!report.body.ok) throw new Error(JSON.stringify(report.body));
    const rep = report.body.data;
    expect(rep.rounds.map((r) => r.round.id)).toEqual([r1.id, chosen.id]);
    expect(rep.rounds[0]!.round.rules).toMatchObject({ options: 4, winners: 2, plus: 2, minus: 1, ratio: 0 });
    expect(rep.rounds[0]!.turnout.voted).toBe(8);
    expect(countsOf(rep.rounds[0]!.results!)).toEqual(independentCount(ballots.map(([plus, minus]) => ({ plus: [...plus], minus: [...minus] }))));
    expect(rep.rounds[0]!.results!.tiedAtCut.sort()).toEqual([B, C].sort());
    // Eight voters are too few for two opinion groups of five: none are formed.
    expect(rep.rounds[0]!.opinionGroups).toMatchObject({ ballots: 7, voters: 0, groups: [], options: [] });
    expect(rep.referred).toEqual({ roundId: chosen.id, proposalIds: [A], tiedAtCut: [] });
    expect(rep.proposals).toMatchObject({ submittedByParticipants: 9, rejected: 1, merged: 2 });
    const csv = await fetch(`${url}/api/assemblies/${assemblyId}/report.csv`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    expect(csv.trim().split('\n')).toHaveLength(1 + 4 + 2);
    expect((await rest(url, 'GET', `/api/assemblies/${assemblyId}/report.json`)).status).toBe(401);
    for (const v of voters) v.socket.disconnect();
    fac.disconnect();
  });

  it('participatory budget (NYC preset): funding in ranking order, skipping what no longer fits', async () => {
    const { url } = server;
    const costs = [400_000, 250_000, 300_000, 100_000, 150_000, 50_000];
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Playground', 'School laptops', 'Park lights', 'Library books', 'Bike racks', 'Tree pits'], { costs });
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 3, preset: 'nyc', budget: 700_000 });
    expect(round.rules).toMatchObject({ plus: 5, minus: 0, ratio: 0 });
    expect(round.budget).toBe(700_000);
    // The Prague 10 preset: 4 plus, 2 minus.
    const p10 = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 3, preset: 'prague10' });
    expect(p10.rules).toMatchObject({ plus: 4, minus: 2, ratio: 2 });
    await openRound(url, assemblyId, token, round.id);
    const voters = [];
    for (let i = 0; i < 6; i++) voters.push(await joinVoter(url, assemblyId));
    // Net: Playground 6, School laptops 5, Park lights 4, Library 3, Bike racks 2, Tree pits 1.
    const plan = [[0, 1, 2, 3, 4], [0, 1, 2, 3, 5], [0, 1, 2, 4], [0, 1, 3], [0, 1, 2], [0]];
    for (const [i, v] of voters.entries()) await vote(v, round.id, plan[i]!.map((k) => ids[k]!), []);
    expect(await call(voters[0]!.socket, 'ballot:submit', { roundId: round.id, ballotId: 'minus-in-nyc-1', plus: [ids[0]], minus: [ids[1]] })).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_MINUS' },
    });
    await closeRound(url, assemblyId, token, round.id);
    const res = await results(assemblyId, round.id, token);
    // Independent allocation: 700k → Playground 400k (300k left), laptops 250k (50k left),
    // lights 300k no, books 100k no, racks 150k no, tree pits 50k yes (0 left).
    expect(res.budget).toMatchObject({ budget: 700_000, spent: 700_000, left: 0 });
    expect(res.budget!.funded).toEqual([ids[0], ids[1], ids[5]]);
    expect(res.budget!.unfunded).toEqual([ids[2], ids[3], ids[4]]);
    const csv = await fetch(`${url}/api/assemblies/${assemblyId}/rounds/${round.id}/results.csv`).then((r) => r.text());
    expect(csv.split('\n')[0]).toContain('funded');
    expect(csv).toMatch(/Tree pits,\d+,0,\d+,[\d.]+,0,[\d.]+,0,\w+,50000,yes/);
    for (const v of voters) v.socket.disconnect();
  });

  it('profile questions: answers at join (skippable), results by segment, groups under 5 never shown', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Tram line', 'Pool', 'Market hall']);
    const ids = proposals.map((p) => p.id);
    const fac = await facilitatorSocket(assemblyId, token);
    await must(fac, 'assembly:update', {
      profile: [
        { id: 'age', label: 'Age band', options: [{ id: 'young', label: 'Under 30' }, { id: 'mid', label: '30–59' }, { id: 'old', label: '60+' }] },
        { id: 'area', label: 'Neighbourhood', options: [{ id: 'north', label: 'North' }, { id: 'south', label: 'South' }] },
      ],
    });
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, round.id);
    // 6 young (north), 6 mid (south), 2 old (north), 2 who skip.
    const people: { age: string | null; area: string | null; plus: string[] }[] = [
      ...Array.from({ length: 6 }, () => ({ age: 'young', area: 'north', plus: [ids[0]!] })),
      ...Array.from({ length: 6 }, () => ({ age: 'mid', area: 'south', plus: [ids[1]!] })),
      ...Array.from({ length: 2 }, () => ({ age: 'old', area: 'north', plus: [ids[2]!] })),
      ...Array.from({ length: 2 }, () => ({ age: null, area: null, plus: [ids[0]!, ids[2]!] })),
    ];
    const voters: Voter[] = [];
    for (const p of people) {
      const v = await joinVoter(url, assemblyId);
      const state = await must<{ profile: { questions: unknown[]; answered: boolean } }>(v.socket, 'state:sync', {});
      expect(state.profile.questions).toHaveLength(2);
      expect(state.profile.answered).toBe(false);
      if (p.age) await must(v.socket, 'profile:answer', { answers: { age: p.age, area: p.area } });
      else await must(v.socket, 'profile:answer', { answers: { age: null } }); // skipped
      await vote(v, round.id, p.plus, []);
      voters.push(v);
    }
    expect(await call(voters[0]!.socket, 'profile:answer', { answers: { age: 'ancient' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call(voters[0]!.socket, 'profile:answer', { answers: { shoe: 'x' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const breakdown = await must<SegmentBreakdown[]>(fac, 'breakdown:get', { roundId: round.id });
    const age = breakdown.find((b) => b.questionId === 'age')!;
    const group = (id: string | null) => age.groups.find((g) => g.optionId === id)!;
    // Complementary suppression over whole answer tuples (docs/security.md): the cells
    // old/north (2) and no answer (2) are small, and together 4 — under 5, so the
    // smallest other cell (mid/south, 6; ties by answers) is held back too. Only
    // young/north is shown: totals minus everything shown is 10 voters, never fewer than 5.
    expect(group('young')).toMatchObject({ voters: 6, suppressed: false });
    expect(group('young').options!.find((o) => o.id === ids[0])).toMatchObject({ plus: 6, minus: 0, support: 1 });
    expect(group('mid')).toMatchObject({ voters: null, suppressed: true, options: null });
    expect(group('old')).toMatchObject({ voters: null, suppressed: true, options: null });
    expect(group(null)).toMatchObject({ voters: null, suppressed: true, options: null });
    const area = breakdown.find((b) => b.questionId === 'area')!;
    expect(area.groups.map((g) => [g.optionId, g.voters, g.suppressed])).toEqual([
      ['north', 6, false],
      ['south', null, true],
      [null, null, true],
    ]);
    // Group-informed consensus over the shown groups only.
    const gc = Object.fromEntries(age.groupConsensus.map((g) => [g.id, g.agreement]));
    expect(gc[ids[0]!]).toBeCloseTo((6 + 1) / 8, 10);

    const csv = await fetch(`${url}/api/assemblies/${assemblyId}/rounds/${round.id}/breakdown.csv`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    expect(csv).toContain('not shown (protects groups of fewer than 5)');
    expect(csv).not.toMatch(/60\+,2,/);
    const exported = await rest(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/breakdown.json`);
    expect(exported.status).toBe(401);
    for (const v of voters) v.socket.disconnect();
    fac.disconnect();
  });

  it('Paris: polarisation ranks where the room disagrees, with plus and minus side by side', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Carbon tax', 'Car-free centre', 'More trees', 'Nuclear', 'Night trains', 'Meat tax', 'Solar roofs', 'Bike lanes', 'Ferries']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 }); // 3 plus, 1 minus
    await openRound(url, assemblyId, token, round.id);
    const plan: [number[], number[]][] = [
      [[2, 0, 4], [3]], [[2, 3, 6], [0]], [[2, 0, 7], [3]], [[2, 3, 8], [0]], [[2, 4, 6], [3]], [[2, 3, 1], [5]],
    ];
    const voters = [];
    for (const [plus, minus] of plan) {
      const v = await joinVoter(url, assemblyId);
      await vote(v, round.id, plus.map((k) => ids[k]!), minus.map((k) => ids[k]!));
      voters.push(v);
    }
    const res = await results(assemblyId, round.id, token);
    const byPol = [...res.options].sort((x, y) => y.polarisation - x.polarisation);
    // Nuclear: 3 plus, 3 minus of 6 voters → s = o = ½ → polarisation 1.
    expect(byPol[0]).toMatchObject({ id: ids[3], plus: 3, minus: 3, polarisation: 1 });
    // More trees: everyone plus → consensus 1, polarisation 0.
    const trees = res.options.find((o) => o.id === ids[2])!;
    expect(trees).toMatchObject({ plus: 6, minus: 0, consensus: 1, polarisation: 0 });
    for (const o of res.options) expect(o.polarisation).toBeCloseTo(4 * (o.plus / 6) * (o.minus / 6), 12);
    for (const v of voters) v.socket.disconnect();
  });
});
