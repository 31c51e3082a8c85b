import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/protocol/views.ts';
import { paperNames } from '../../client/src/screens/report/paperNames.ts';
import { closeRound, createRound, joinVoter, openRound, setupAssembly, vote } from '../support/assembly.ts';
import { rest, startServer, type TestServer } from '../support/server.ts';


const EDITED_COST = 987_654_321;
const EDITED_COST_IN = /(^|[^0-9])987654321([^0-9]|$)/;
/**
 * Issue 10: the report of a round names its proposals as they stood on
 * that round's frozen paper. Through the real server: a title and cost
 * edited after close change nothing in the closed round's report, and a
 * later round shows the new ones. The names are what the report screen
 * renders (client/src/screens/report/paperNames.ts).
 */

let servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers) await s.close().catch(() => {});
  servers = [];
});

describe('the report reads each round’s frozen paper', () => {
  it('a title and cost edited after close: the closed round keeps the paper’s, the next round shows the new', async () => {
    const s = await startServer();
    servers.push(s);
    const { url } = s;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Library', 'Playground'], { costs: [80, 50] });
    const [library, playground] = proposals.map((p) => p.id) as [string, string];
    const first = await createRound(url, assemblyId, token, { proposalIds: [library, playground], winners: 1, plus: 1, minus: 0, budget: 100 });
    await openRound(url, assemblyId, token, first.id);
    const v = await joinVoter(url, assemblyId);
    await vote(v, first.id, [library], []);
    await closeRound(url, assemblyId, token, first.id);

    const edit = await rest(url, 'PATCH', `/api/assemblies/${assemblyId}/proposals/${library}`, { token, body: { title: 'Library (new wing)', cost: 90 } });
    expect(edit.body).toMatchObject({ ok: true });
    const second = await createRound(url, assemblyId, token, { proposalIds: [library, playground], winners: 1, plus: 1, minus: 0, budget: 100 });
    await openRound(url, assemblyId, token, second.id);

    const r = await rest<Report>(url, 'GET', `/api/assemblies/${assemblyId}/report.json`, { token });
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    const report = r.body.data;
    // Today's names are the edited ones …
    expect(report.titles[library]).toBe('Library (new wing)');
    const [closed, open] = report.rounds;
    // … but the closed round is named as its voters saw it, everywhere the screen uses names.
    const was = paperNames(closed!.round, report);
    expect(was.title(library)).toBe('Library');
    expect(was.titles[library]).toBe('Library');
    expect(was.costs[library]).toBe(80);
    expect(closed!.results!.budget!.funded.map(was.title)).toEqual(['Library']);
    const now = paperNames(open!.round, report);
    expect(now.title(library)).toBe('Library (new wing)');
    expect(now.costs[library]).toBe(90);
    v.socket.disconnect();
  });

  it('every export of a closed round names and prices proposals as on its paper, after an edit (co-support CSV read today’s titles)', async () => {
    const s = await startServer();
    servers.push(s);
    const { url } = s;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Library', 'Playground', 'Bench'], { costs: [80, 50, 10] });
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1, plus: 2, minus: 0, budget: 100 });
    await openRound(url, assemblyId, token, round.id);
    // Five backers of Library and Playground: co-support shows their rows (rows of fewer than 5 are held back).
    for (let i = 0; i < 5; i++) {
      const v = await joinVoter(url, assemblyId);
      await vote(v, round.id, [ids[0]!, ids[1]!], []);
      v.socket.disconnect();
    }
    await closeRound(url, assemblyId, token, round.id);
    for (const [i, id] of ids.entries()) {
      const edit = await rest(url, 'PATCH', `/api/assemblies/${assemblyId}/proposals/${id}`, { token, body: { title: `Edited ${i} after close`, cost: EDITED_COST } });
      expect(edit.body).toMatchObject({ ok: true });
    }
    // A cost no digest, id or count can contain by chance (a 3-digit one appeared in a seal's hex digest).
    for (const path of ['results.csv', 'results', 'co-support.csv', 'co-support.json', 'breakdown.csv', 'ballots.csv']) {
      const res = await fetch(`${url}/api/assemblies/${assemblyId}/rounds/${round.id}/${path}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      expect({ path, status: res.status, edited: text.includes('Edited'), cost: EDITED_COST_IN.test(text) }).toEqual({ path, status: 200, edited: false, cost: false });
    }
    const csv = await (await fetch(`${url}/api/assemblies/${assemblyId}/rounds/${round.id}/co-support.csv`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(csv).toContain('Library');
    const report = await (await fetch(`${url}/api/assemblies/${assemblyId}/report.csv`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(report.includes('Edited')).toBe(false);
  });
});
