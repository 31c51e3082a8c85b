import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { BallotReceipt, OpinionGroupsView } from '../../shared/protocol/views.ts';
import { ballotId, closeRound, countsOf, createRound, joinStaff, joinVoter, openRound, setupAssembly, waitFor } from '../support/assembly.ts';
import { fixturePath, loadPolisMatrix, recountMatrix } from '../support/polis.ts';
import { call, must, rest, startServer, type TestServer } from '../support/server.ts';

/**
 * Real ballots: the Pol.is vote matrices (tests/fixtures, CC BY 4.0) replayed
 * as D21 ballots through real sockets, one phone per participant: agree =
 * plus, disagree = minus. The rules are wide enough for every participant
 * and the minus-needs-plus ratio is off (ATTRIBUTION.md).
 */
describe.each(['polis-15-per-hour-seattle.csv', 'polis-brexit-consensus.csv'])('replay of %s', (file) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the final tally equals a recount of the CSV', async () => {
    const { url } = server;
    const matrix = loadPolisMatrix(fixturePath(file));
    const { assemblyId, token, proposals } = await setupAssembly(url, matrix.statementIds.map((s) => `Statement ${s}`));
    const idOf = new Map(matrix.statementIds.map((s, i) => [s, proposals[i]!.id]));
    const maxPlus = Math.max(...matrix.participants.map((p) => p.plus.length));
    const maxMinus = Math.max(...matrix.participants.map((p) => p.minus.length));
    const round = await createRound(url, assemblyId, token, {
      proposalIds: proposals.map((p) => p.id),
      winners: 5,
      plus: Math.max(maxPlus, maxMinus),
      minus: maxMinus,
      ratio: 0,
    });
    const screen = await joinStaff(url, assemblyId, 'facilitator', token);
    await openRound(url, assemblyId, token, round.id);

    // Join everyone, then vote concurrently in waves, as a room would.
    const voters = await Promise.all(matrix.participants.map(() => joinVoter(url, assemblyId)));
    const receipts: BallotReceipt[] = [];
    const wave = 50;
    for (let i = 0; i < voters.length; i += wave) {
      const batch = voters.slice(i, i + wave).map((v, k) => {
        const p = matrix.participants[i + k]!;
        return must<BallotReceipt>(v.socket, 'ballot:submit', {
          roundId: round.id,
          ballotId: ballotId(),
          plus: p.plus.map((s) => idOf.get(s)!),
          minus: p.minus.map((s) => idOf.get(s)!),
        });
      });
      receipts.push(...(await Promise.all(batch)));
    }
    expect(receipts).toHaveLength(matrix.participants.length);

    const csv = recountMatrix(matrix);
    const expected = { n: matrix.participants.length, plus: {} as Record<string, number>, minus: {} as Record<string, number> };
    for (const s of matrix.statementIds) {
      if (csv.plus[s]) expected.plus[idOf.get(s)!] = csv.plus[s]!;
      if (csv.minus[s]) expected.minus[idOf.get(s)!] = csv.minus[s]!;
    }

    const maxSeq = Math.max(...receipts.map((r) => r.seq));
    const live = await waitFor(() => screen.snapshots.find((s) => s.seq >= maxSeq), 5000, 'final live snapshot');
    expect(countsOf(live.results!)).toEqual(expected);

    await closeRound(url, assemblyId, token, round.id);
    const final = await rest<{ results: RoundResults }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    if (!final.body.ok) throw new Error(JSON.stringify(final.body));
    expect(countsOf(final.body.data.results)).toEqual(expected);

    // Opinion groups (d21-method §4) over the real ballots: at least two
    // groups of 5 or more; voters with fewer than minVotes votes left out,
    // and the per-group counts add up to a recount of the others.
    const og = await rest<OpinionGroupsView>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/opinion-groups`);
    if (!og.body.ok) throw new Error(JSON.stringify(og.body));
    const view = og.body.data;
    expect(view.groups.length).toBeGreaterThanOrEqual(2);
    for (const g of view.groups) expect(g.size).toBeGreaterThanOrEqual(5);
    const votes = (p: { plus: string[]; minus: string[] }) => p.plus.length + p.minus.length;
    const grouped = matrix.participants.filter((p) => votes(p) >= view.minVotes);
    expect(view.minVotes).toBe(7); // wide rules: Pol.is's own threshold
    expect(view.voters).toBe(grouped.length);
    expect(view.ballots).toBe(matrix.participants.filter((p) => votes(p) > 0).length);
    expect(view.leftOut).toBe(view.ballots - view.voters);
    const groupedCsv = recountMatrix({ statementIds: matrix.statementIds, cells: matrix.cells.filter((_, i) => votes(matrix.participants[i]!) >= view.minVotes) });
    for (const o of view.options) {
      const s = matrix.statementIds[proposals.findIndex((p) => p.id === o.id)]!;
      expect(o.groups.reduce((n, g) => n + g.plus, 0)).toBe(groupedCsv.plus[s] ?? 0);
      expect(o.groups.reduce((n, g) => n + g.minus, 0)).toBe(groupedCsv.minus[s] ?? 0);
    }
    // The map: one dot per voter (binned), no ids of any kind.
    expect(view.map.dots.reduce((n, d) => n + d.count, 0)).toBe(view.voters);
    const wire = JSON.stringify(view);
    for (const v of voters.slice(0, 50)) expect(wire).not.toContain(v.token);
    for (const r of receipts.slice(0, 50)) expect(wire).not.toContain(r.ballotId);
    const agreements = view.options.map((o) => o.agreement);
    expect(agreements).toEqual([...agreements].sort((x, y) => y - x));
    // Staff may read them over the socket; a phone may not.
    expect((await call(screen.socket, 'groups:get', { roundId: round.id })).ok).toBe(true);
    expect(await call(voters[0]!.socket, 'groups:get', { roundId: round.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The anonymised export holds the same ballots (as a multiset).
    const exported = await rest<{ ballots: { plus: string[]; minus: string[] }[] }>(
      url,
      'GET',
      `/api/assemblies/${assemblyId}/rounds/${round.id}/ballots.json`,
      { token },
    );
    if (!exported.body.ok) throw new Error(JSON.stringify(exported.body));
    const key = (b: { plus: string[]; minus: string[] }) => `${[...b.plus].sort().join(',')}|${[...b.minus].sort().join(',')}`;
    const sent = matrix.participants.map((p) => key({ plus: p.plus.map((s) => idOf.get(s)!), minus: p.minus.map((s) => idOf.get(s)!) }));
    expect(exported.body.data.ballots.map(key).sort()).toEqual(sent.sort());

    screen.socket.disconnect();
    for (const v of voters) v.socket.disconnect();
  }, 60_000);
});
