import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExports } from '../../shared/domain/verifyExports.ts';
import { closeRound, createRound, joinVoter, openRound, setupAssembly, vote } from '../support/assembly.ts';
import { rest, startServer, type TestServer } from '../support/server.ts';

/**
 * `npm run verify` on edited exports (issue 10, "Closed results are
 * sealed"): a results file whose seal verifies must not show other winners,
 * counts, titles, turnout or rules anywhere else in it. Before, only the
 * `seal` object was checked: `results.winners`, `results.options[].plus`,
 * `titles`, `round.paper` and `turnout` could be edited and verify still
 * printed VERIFIED.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('verify refuses a results file that says something its seal does not', () => {
  let server: TestServer;
  let ballots: Json;
  let results: Json;
  let ids: string[];
  beforeAll(async () => {
    server = await startServer();
    const { url } = server;
    const setup = await setupAssembly(url, ['Library', 'Park', 'Bench', 'Trees'], { costs: [40, 40, 40, 40] });
    ids = setup.proposals.map((p) => p.id);
    const { assemblyId, token } = setup;
    const round = await createRound(url, assemblyId, token, { question: 'Q', proposalIds: ids, winners: 1, budget: 100 });
    await openRound(url, assemblyId, token, round.id);
    for (const [plus, minus] of [[[0, 1], [3]], [[0, 2], []], [[1, 2], [0]], [[1], []], [[2, 3], [1]]] as const) {
      const v = await joinVoter(url, assemblyId);
      await vote(v, round.id, plus.map((i) => ids[i]!), minus.map((i) => ids[i]!));
      v.socket.disconnect();
    }
    await closeRound(url, assemblyId, token, round.id);
    ballots = (await rest<Json>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/ballots.json`, { token })).body;
    results = (await rest<Json>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`)).body;
  });
  afterAll(async () => {
    await server?.close();
  });
  const edited = (f: (r: Json) => void): Json => {
    const copy = JSON.parse(JSON.stringify(results)) as Json;
    f(copy.data as Json);
    return copy;
  };

  it('the real exports verify; order of ballots and of ids inside them changes nothing', () => {
    expect(checkExports(ballots, results).exitCode).toBe(0);
    const shuffled = JSON.parse(JSON.stringify(ballots)) as Json;
    shuffled.data.ballots.reverse();
    shuffled.data.ballots[0].plus.reverse();
    expect(checkExports(shuffled, results).exitCode).toBe(0);
  });

  it('every restatement of the seal is checked: counts, winners, titles, paper, turnout, rules, digest; unknown fields are refused', () => {
    const edits: [string, (r: Json) => void][] = [
      ['results.options[0].plus', (r) => void (r.results.options[0].plus += 5)],
      ['results.winners', (r) => void (r.results.winners = [ids[3]])],
      ['titles', (r) => void (r.titles[ids[0]!] = 'Stadium')],
      ['round.paper', (r) => void (r.round.paper[0].title = 'Stadium')],
      ['round.budget', (r) => void (r.round.budget = 1000)],
      ['round.rules', (r) => void (r.round.rules.winners = 2)],
      ['round.seal.digest', (r) => void (r.round.seal.digest = '0'.repeat(64))],
      ['turnout', (r) => void (r.turnout.voted = 500)],
      ['unknown field', (r) => void (r.note = 'Library won')],
    ];
    for (const [what, edit] of edits) {
      const out = checkExports(ballots, edited(edit));
      expect({ what, exitCode: out.exitCode }).toEqual({ what, exitCode: 1 });
      expect(out.lines.join('\n')).toContain('NOT VERIFIED');
    }
  });

  it('says what the seal does not cover', () => {
    expect(checkExports(ballots, results).lines.join('\n')).toContain("not covered by the seal (not checked): the round's question");
  });
});
