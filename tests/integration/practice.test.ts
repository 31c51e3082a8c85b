import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExports, type RoundResults, type SealedRound } from '../../shared/domain/index.ts';
import type { CoSupportView, Report, RoundView, VoterState } from '../../shared/protocol/views.ts';
import { closeRound, joinVoter, openRound, setupAssembly, vote, type Voter } from '../support/assembly.ts';
import { call, connect, must, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';

/** d21-method.md §5 settings end to end: real server, real sockets, real SQLite. */
describe('§5 round settings through real sockets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function facilitator(assemblyId: string, token: string): Promise<TestSocket> {
    const s = await connect(server.url);
    await must(s, 'session:join', { assemblyId, role: 'facilitator', token });
    return s;
  }
  async function results(assemblyId: string, roundId: string): Promise<RoundResults> {
    const r = await rest<{ results: RoundResults }>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${roundId}/results`);
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    return r.body.data.results;
  }

  it('§5.2 §5.3b §5.8: exclusion with reasons, a tie broken by plus then a draw whose seed is recorded at close, co-support with the 5-voter floor', async () => {
    const titles = ['Library', 'Park', 'Bike lanes', 'Car park', 'Benches', 'Fountain'];
    const { assemblyId, token, proposals } = await setupAssembly(server.url, titles);
    const [library, park, bikes, carPark, benches, fountain] = proposals.map((p) => p.id) as [string, string, string, string, string, string];
    const fac = await facilitator(assemblyId, token);
    const round = await must<RoundView>(fac, 'round:create', {
      proposalIds: proposals.map((p) => p.id),
      winners: 2,
      plus: 3,
      minus: 1,
      exclusion: { netBelowZero: true, maxMinusPercent: 25, minPlus: 2 },
      tieRule: 'plusMinusDraw',
    });
    expect(round.practice).toMatchObject({ exclusion: { netBelowZero: true, maxMinusPercent: 25, minPlus: 2 }, tieRule: 'plusMinusDraw', drawSeed: null });
    await openRound(server.url, assemblyId, token, round.id);

    const voters: Voter[] = [];
    for (let i = 0; i < 12; i++) voters.push(await joinVoter(server.url, assemblyId));
    // 12 voters: 8 back library+park(+bikes for 5); car park gets 4 minus (> 25 % of 12 = 3).
    const ballots: [string[], string[]][] = [
      ...Array.from({ length: 5 }, (): [string[], string[]] => [[library, park, bikes], [carPark]]),
      ...Array.from({ length: 3 }, (): [string[], string[]] => [[library, park, carPark], []]),
      [[benches, fountain, bikes], []],
      [[benches, fountain, carPark], []],
      [[bikes, benches], []],
      [[fountain], []],
    ];
    for (const [i, [plus, minus]] of ballots.entries()) await vote(voters[i]!, round.id, plus, minus);
    await closeRound(server.url, assemblyId, token, round.id);

    const r = await results(assemblyId, round.id);
    // Car park: 4 plus, 5 minus of 12 voters: net below 0, and minus from over 25 % of voters.
    expect(r.excluded).toEqual([{ id: carPark, reasons: ['NET_BELOW_ZERO', 'MINUS_OVER_SHARE'] }]);
    expect(r.options.find((o) => o.id === carPark)).toMatchObject({ status: 'excluded', excluded: ['NET_BELOW_ZERO', 'MINUS_OVER_SHARE'] });
    expect(r.options.at(-1)!.id).toBe(carPark);
    // Library 8 and park 8 tie on net and on plus and minus: the draw decides; both are winners (W = 2) anyway.
    expect(r.winners.sort()).toEqual([library, park].sort());
    // The draw's seed exists only from close and is the one on the round.
    const after = await must<{ assembly: { rounds: RoundView[] } }>(fac, 'state:sync', {});
    const closed = after.assembly.rounds.find((x) => x.id === round.id)!;
    expect(closed.practice.drawSeed).toMatch(/^[0-9a-f]{32}$/);
    expect(r.tieBreak).toMatchObject({ rule: 'plusMinusDraw', seed: closed.practice.drawSeed });
    expect(r.tieBreak.groups.find((g) => g.ids.includes(library))).toMatchObject({ decidedBy: ['draw'] });

    // The settings and the drawn seed are sealed with the result; the check behind `npm run verify`
    // recounts the public exports under them and recomputes the digest.
    const sealed = await rest<{ seal: SealedRound }>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    const exportedBallots = await rest(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/ballots.json`, { token });
    if (!sealed.body.ok) throw new Error('results');
    expect(sealed.body.data.seal.practice).toEqual(closed.practice);
    const verified = checkExports(exportedBallots.body, sealed.body);
    expect(verified.lines.join('\n')).toContain(`recomputed digest ${sealed.body.data.seal.digest}`);
    expect(verified.exitCode).toBe(0);
    const forged = { ok: true, data: { seal: { ...sealed.body.data.seal, practice: { ...closed.practice, exclusion: { netBelowZero: false, maxMinusPercent: null, minPlus: null } } } } };
    expect(checkExports(exportedBallots.body, forged).exitCode).toBe(1);

    // Co-support: 8 backed the library; all 8 also backed the park; 5 of them minus'd the car park.
    const cs = await rest<CoSupportView>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/co-support.json`, { token });
    if (!cs.body.ok) throw new Error(JSON.stringify(cs.body));
    const idx = (id: string) => cs.body.ok && cs.body.data.optionIds.indexOf(id);
    const libRow = cs.body.data.rows.find((row) => row.id === library)!;
    expect(libRow.backers).toBe(8);
    expect(libRow.plus[idx(park) as number]).toBe(1);
    expect(libRow.minus[idx(carPark) as number]).toBe(5 / 8);
    // Benches: 3 backers → never shown.
    expect(cs.body.data.rows.find((row) => row.id === benches)).toMatchObject({ backers: 3, shown: false });
    expect(cs.body.data.rows.find((row) => row.id === benches)!.plus.every((x) => x === null)).toBe(true);
    // Without the facilitator's token: refused.
    const anon = await rest(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/co-support.json`);
    expect(anon.body.ok).toBe(false);
    const csv = await fetch(`${server.url}/api/assemblies/${assemblyId}/rounds/${round.id}/co-support.csv`, { headers: { authorization: `Bearer ${token}` } });
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('share_plus_b');
    expect(text).not.toContain('Benches,3');

    // Results CSV says why a proposal is excluded; the report carries co-support.
    const rcsv = await (await fetch(`${server.url}/api/assemblies/${assemblyId}/rounds/${round.id}/results.csv`)).text();
    expect(rcsv).toContain('minus votes from more than 25 % of voters');
    const report = await rest<Report>(server.url, 'GET', `/api/assemblies/${assemblyId}/report.json`, { token });
    if (!report.body.ok) throw new Error('report');
    expect(report.body.data.rounds[0]!.coSupport?.overlaps[0]).toMatchObject({ share: 1 });
    for (const v of voters) v.socket.disconnect();
    fac.disconnect();
  });

  it('§5.5 minus only after all plus (Ďáblice) is enforced on the server with the same message the phone shows; §5.6 shuffle reaches phones', async () => {
    const titles = Array.from({ length: 9 }, (_, i) => `Proposal ${i + 1}`);
    const { assemblyId, token, proposals } = await setupAssembly(server.url, titles);
    const ids = proposals.map((p) => p.id);
    const fac = await facilitator(assemblyId, token);
    const round = await must<RoundView>(fac, 'round:create', { proposalIds: ids, winners: 2, plus: 3, minus: 1, ratio: 0, minusAfterAllPlus: true });
    expect(round.rules).toMatchObject({ plus: 3, minus: 1, minusAfterAllPlus: true });
    expect(round.shuffled).toBe(true); // 9 ≥ 8 proposals, no explicit choice
    await openRound(server.url, assemblyId, token, round.id);
    const v = await joinVoter(server.url, assemblyId);
    const state = await must<VoterState>(v.socket, 'state:sync', {});
    expect(state.current?.round.shuffled).toBe(true);
    expect(await call(v.socket, 'ballot:submit', { roundId: round.id, ballotId: 'bal-after-all-1', plus: [ids[0], ids[1]], minus: [ids[5]] })).toMatchObject({
      ok: false,
      error: { code: 'MINUS_NEEDS_PLUS', message: 'A minus vote only after all 3 plus votes are used.' },
    });
    await vote(v, round.id, [ids[0]!, ids[1]!, ids[2]!], [ids[5]!]);
    // A draft edit is refused once open; a new draft can switch shuffle off.
    const off = await must<RoundView>(fac, 'round:create', { proposalIds: ids, winners: 1, shuffle: false });
    expect(off.shuffled).toBe(false);
    v.socket.disconnect();
    fac.disconnect();
  });

  it('§5.7 pots: the Prague 10 preset gives a budget round its two pots; each pot funds in ranking order within its own budget; bad pot settings are refused', async () => {
    const titles = ['Big park', 'Big library', 'Big pool', 'Small benches', 'Small trees', 'Small signs'];
    const costs = [2_000_000, 1_500_000, 900_000, 1_200_000, 900_000, 700_000];
    const { assemblyId, token, proposals } = await setupAssembly(server.url, titles, { costs });
    const ids = proposals.map((p) => p.id) as [string, string, string, string, string, string];
    const fac = await facilitator(assemblyId, token);
    const potOf = { [ids[3]]: 'small', [ids[4]]: 'small', [ids[5]]: 'small' };
    const round = await must<RoundView>(fac, 'round:create', { proposalIds: ids, winners: 3, budget: 1, preset: 'prague10', potOf });
    expect(round.practice.pots).toEqual([
      { id: 'large', label: 'Large projects', budget: 3_000_000 },
      { id: 'small', label: 'Small projects', budget: 2_000_000 },
    ]);
    expect(round.budget).toBe(5_000_000);
    // A Czech assembly gets the pots named in Czech (what its phones and projector show).
    await must(fac, 'assembly:update', { language: 'cs' });
    const czech = await must<RoundView>(fac, 'round:create', { proposalIds: ids, winners: 3, budget: 1, preset: 'prague10', potOf });
    expect(czech.practice.pots?.map((p) => p.label)).toEqual(['Velké projekty', 'Malé projekty']);
    await must(fac, 'assembly:update', { language: 'en' });
    // Unknown pot, proposal not on the round: refused with a stable code, nothing stored.
    expect(await call(fac, 'round:update', { roundId: round.id, potOf: { [ids[0]]: 'medium' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call(fac, 'round:update', { roundId: round.id, potOf: { nope: 'small' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call(fac, 'round:update', { roundId: round.id, pots: [] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    await openRound(server.url, assemblyId, token, round.id);
    const voters: Voter[] = [];
    for (let i = 0; i < 6; i++) voters.push(await joinVoter(server.url, assemblyId));
    // Ranking: park 6, library 5, benches 4, pool 3, trees 2, signs 1.
    const score = [6, 5, 3, 4, 2, 1];
    for (let v = 0; v < 6; v++) {
      const plus = ids.filter((_, i) => score[i]! > v).slice(0, 4);
      await vote(voters[v]!, round.id, plus, []);
    }
    await closeRound(server.url, assemblyId, token, round.id);
    const r = await results(assemblyId, round.id);
    const [large, small] = r.pots!;
    expect(large).toMatchObject({ id: 'large', funded: [ids[0], ids[2]], unfunded: [ids[1]], spent: 2_900_000 });
    expect(small).toMatchObject({ id: 'small', funded: [ids[3], ids[5]], unfunded: [ids[4]], spent: 1_900_000 });
    for (const p of r.pots!) expect(p.spent).toBeLessThanOrEqual(p.budget);
    const rcsv = await (await fetch(`${server.url}/api/assemblies/${assemblyId}/rounds/${round.id}/results.csv`)).text();
    expect(rcsv.split('\n')[0]).toContain('pot');
    expect(rcsv).toContain('Small projects');
    for (const v of voters) v.socket.disconnect();
    fac.disconnect();
  });
});
