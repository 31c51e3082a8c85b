import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channel, payloadPaths, type Channel, type Receiver } from '../../shared/protocol/disclosure.ts';
import type { OpinionGroupsView } from '../../shared/protocol/voterGroupViews.ts';
import { createRound, joinStaff, joinVoter, setupAssembly, vote, type Voter } from '../support/assembly.ts';
import { call, must, rest, startServer, type TestServer } from '../support/server.ts';

/**
 * The opinion-group fields of shared/protocol/disclosure.ts checked on real
 * groups (issue 11, §1). The room of tests/integration/disclosure.test.ts is
 * too small to form any group, so there the groups, their representative
 * proposals and the map's dots are never in a payload. Here 24 phones vote
 * in two camps, so every field of the view is present and checked for each
 * receiver: the facilitator's console, a token-less screen, a token-less
 * REST reader, and a voter (who gets no groups at all).
 */
describe('what each role receives of opinion groups', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ tallyIntervalMs: 20 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('every field of a real opinion-groups view is classified and reaches only whom the table names', { timeout: 60_000 }, async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Park', 'Library', 'Bike lanes', 'Bus lanes', 'Trees', 'Fountain', 'Benches', 'Toilets']);
    const ids = proposals.map((p) => p.id);
    const fac = await joinStaff(url, assemblyId, 'facilitator', token);
    const screen = await joinStaff(url, assemblyId, 'screen');
    const round = await createRound(url, assemblyId, token, { question: 'Camps', proposalIds: ids, winners: 3 });
    await must(fac.socket, 'round:open', { roundId: round.id });
    const voters: Voter[] = [];
    for (let i = 0; i < 24; i++) voters.push(await joinVoter(url, assemblyId));
    // Two camps: each backs its own proposals and rejects one of the other's.
    for (const [i, v] of voters.entries()) {
      const a = i % 2 === 0;
      const plus = (a ? [ids[0]!, ids[1]!, ids[4]!] : [ids[2]!, ids[3]!, ids[5]!]).slice(0, round.rules.plus);
      const minus = round.rules.minus > 0 && plus.length >= round.rules.ratio ? [a ? ids[2]! : ids[0]!] : [];
      await vote(v, round.id, plus, minus);
    }
    // A voter asking for groups of an open round, and a screen, are refused while it is open.
    const early = await call(voters[0]!.socket, 'groups:get', { roundId: round.id });
    expect(early.ok).toBe(false);
    const live = await must<OpinionGroupsView>(fac.socket, 'groups:get', { roundId: round.id });
    await must(fac.socket, 'round:close', { roundId: round.id });

    const received: { who: Receiver; kind: Channel['kind']; name: string; data: OpinionGroupsView }[] = [{ who: 'facilitator', kind: 'reply', name: 'groups:get', data: live }];
    received.push({ who: 'facilitator', kind: 'reply', name: 'groups:get', data: await must<OpinionGroupsView>(fac.socket, 'groups:get', { roundId: round.id }) });
    received.push({ who: 'screen', kind: 'reply', name: 'groups:get', data: await must<OpinionGroupsView>(screen.socket, 'groups:get', { roundId: round.id }) });
    const route = 'GET /api/assemblies/:id/rounds/:rid/opinion-groups';
    for (const [who, t] of [['facilitator', token], ['screen', undefined]] as const) {
      const res = await rest<OpinionGroupsView>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/opinion-groups`, t ? { token: t } : {});
      expect(res.body.ok, `${who} reads opinion groups`).toBe(true);
      if (res.body.ok) received.push({ who, kind: 'rest', name: route, data: res.body.data });
    }

    // The staff-only reads of the same room: co-support rows with shares (≥ 5 backers each).
    const staffReads = ['co-support.json', 'breakdown.json'];
    const extra: typeof received = [];
    for (const file of staffReads) {
      for (const [who, t] of [['facilitator', token], ['screen', undefined]] as const) {
        const res = await rest<OpinionGroupsView>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/${file}`, t ? { token: t } : {});
        expect(res.status, `${who} ${file}`).toBe(who === 'facilitator' ? 200 : 401);
        if (res.body.ok) extra.push({ who, kind: 'rest', name: `GET /api/assemblies/:id/rounds/:rid/${file}`, data: res.body.data });
      }
    }
    expect(JSON.stringify(extra[0]!.data)).toContain('"shown":true');

    // The room formed groups, so the nested fields are really in the payloads.
    for (const r of received) {
      expect(r.data.groups.length, `${r.who} ${r.name}`).toBeGreaterThanOrEqual(2);
      expect(r.data.map.dots.length).toBeGreaterThan(0);
      expect(r.data.representatives.flat().length).toBeGreaterThan(0);
    }
    const problems: string[] = [];
    const paths = new Set<string>();
    for (const r of [...received, ...extra]) {
      const c = channel(r.kind, r.name)!;
      expect(c, `${r.kind} ${r.name} in the table`).toBeDefined();
      for (const path of payloadPaths(r.data, c.fields)) {
        paths.add(path);
        const allowed = c.fields[path];
        if (!allowed) problems.push(`${r.kind} ${r.name}: field "${path}" is not classified`);
        else if (!allowed.includes(r.who)) problems.push(`${r.kind} ${r.name}: ${r.who} received "${path}" (only ${allowed.join(', ')})`);
      }
    }
    expect(problems).toEqual([]);
    // Nested fields the small room never reached: checked now.
    for (const p of ['groups[].size', 'map.dots[].count', 'options[].groups[].plus']) expect([...paths], p).toContain(p);
    // Dots are binned and counted, never one per voter with an id.
    expect(JSON.stringify(received.map((r) => r.data.map))).not.toMatch(/participant|voter/i);
    for (const v of voters) v.socket.close();
    fac.socket.close();
    screen.socket.close();
  });
});
