import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { RoundView, TallySnapshot } from '../../shared/protocol/views.ts';
import { joinVoter, openRound, setupAssembly, vote, waitFor, type Voter } from '../support/assembly.ts';
import { call, connect, must, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';

/**
 * The room sees an open round's tally in batches (docs/security.md,
 * "Timing"), but a released tally is ranked exactly as the console ranks
 * the same tally: the frozen paper's costs, the round's rules and every
 * d21-method.md §5 setting (exclusion, tie rule, ranking, pots). Until this
 * test, the released results were computed with the core rules and the
 * proposals' current costs, so the projector could name a winner the
 * console showed as excluded.
 *
 * Kind: every public view of a round's results (the screen's snapshot, the
 * token-less REST read) equals the facilitator's view whenever the two
 * tallies are the same; one case per §5 setting that changes a ranking.
 */
describe('released results are ranked like the console’s', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ tallyIntervalMs: 20 });
  });
  afterAll(async () => {
    await server?.close();
  });

  const titles = ['Library', 'Park', 'Bike lanes', 'Car park', 'Benches', 'Fountain'];
  const costs = [2_000_000, 1_500_000, 900_000, 1_200_000, 900_000, 700_000];
  /** Five voters (one release batch): Car park gets 3 minus of 5 (net below zero, over 25 %); Library and Park tie. */
  const ballots = (ids: string[]): [string[], string[]][] => [
    [[ids[0]!, ids[1]!, ids[3]!], [ids[4]!]],
    [[ids[0]!, ids[1]!, ids[2]!], [ids[3]!]],
    [[ids[0]!, ids[1]!, ids[3]!], []],
    [[ids[2]!, ids[4]!, ids[5]!], [ids[3]!]],
    [[ids[5]!, ids[4]!, ids[0]!], [ids[3]!]],
  ];
  const cases: { name: string; round: (ids: string[]) => Record<string, unknown> }[] = [
    { name: '§5.2 exclusion and §5.3 plus-then-draw', round: () => ({ winners: 2, plus: 3, minus: 1, exclusion: { netBelowZero: true, maxMinusPercent: 25, minPlus: 2 }, tieRule: 'plusMinusDraw' }) },
    { name: '§5.4 ranked by plus votes', round: () => ({ winners: 2, plus: 3, minus: 1, rankBy: 'plus' }) },
    { name: '§5.7 pots (Prague 10)', round: (ids) => ({ winners: 3, budget: 1, preset: 'prague10', potOf: { [ids[3]!]: 'small', [ids[4]!]: 'small', [ids[5]!]: 'small' } }) },
    { name: 'a budget round whose costs are edited after opening (the paper’s costs count)', round: () => ({ winners: 3, plus: 3, minus: 1, budget: 3_000_000 }) },
  ];

  /** An assembly with the six proposals and an opened round of case `c`, with its facilitator's socket. */
  async function openedRound(c: (typeof cases)[number]) {
    const { assemblyId, token, proposals } = await setupAssembly(server.url, titles, { costs });
    const ids = proposals.map((p) => p.id);
    const fac: TestSocket = await connect(server.url);
    await must(fac, 'session:join', { assemblyId, role: 'facilitator', token });
    const round = await must<RoundView>(fac, 'round:create', { proposalIds: ids, ...c.round(ids) });
    await openRound(server.url, assemblyId, token, round.id);
    return { assemblyId, token, ids, fac, round };
  }
  /** The five voters of `ballots`, each joined and voted. */
  async function castAll(assemblyId: string, roundId: string, ids: string[]): Promise<Voter[]> {
    const voters: Voter[] = [];
    for (const [plus, minus] of ballots(ids)) {
      const v = await joinVoter(server.url, assemblyId);
      voters.push(v);
      await vote(v, roundId, plus, minus);
    }
    return voters;
  }

  for (const c of cases) {
    it(c.name, async () => {
      const { assemblyId, token, ids, fac, round } = await openedRound(c);
      // Editing a cost after opening changes the proposal, never the frozen paper (if the edit is allowed at all).
      await call(fac, 'proposal:update', { proposalId: ids[0], cost: 10 });

      const screen = await connect(server.url);
      const seen: TallySnapshot[] = [];
      screen.on('tally:snapshot', (s: TallySnapshot) => seen.push(s));
      await must(screen, 'session:join', { assemblyId, role: 'screen' });
      const mine: TallySnapshot[] = [];
      fac.on('tally:snapshot', (s: TallySnapshot) => mine.push(s));

      const voters = await castAll(assemblyId, round.id, ids);
      // Five voters make one release: the room's tally is now the console's.
      await waitFor(() => seen.some((s) => s.results?.ballots === 5) && mine.some((s) => s.results?.ballots === 5), 3000, 'both snapshots at 5 ballots');
      const roomSnap = seen.find((s) => s.results?.ballots === 5)!.results!;
      const consoleSnap = mine.find((s) => s.results?.ballots === 5)!.results!;
      expect(roomSnap).toEqual(consoleSnap);

      const read = async (withToken: boolean) => {
        const r = await rest<{ results: RoundResults }>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`, withToken ? { token } : {});
        if (!r.body.ok) throw new Error(JSON.stringify(r.body));
        return r.body.data.results;
      };
      const [pub, own] = [await read(false), await read(true)];
      expect(pub.ballots).toBe(5);
      expect(pub).toEqual(own);
      expect(pub).toEqual(consoleSnap);
      for (const v of voters) v.socket.disconnect();
      screen.disconnect();
      fac.disconnect();
    });
  }

  it('the first case really differs from the core rules (the test can fail)', async () => {
    // Guard against a vacuous table: under the core rules Car park would not be excluded.
    const { assemblyId, ids, fac, round } = await openedRound(cases[0]!);
    const voters = await castAll(assemblyId, round.id, ids);
    const r = await rest<{ results: RoundResults }>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    expect(r.body.data.results.excluded.map((e) => e.id)).toEqual([ids[3]]);
    expect(r.body.data.results.tieBreak.rule).toBe('plusMinusDraw');
    for (const v of voters) v.socket.disconnect();
    fac.disconnect();
  });
});
