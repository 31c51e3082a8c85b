import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BallotReceipt, OpinionGroupsView } from '../../shared/protocol/views.ts';
import { closeRound, createRound, joinStaff, joinVoter, openRound, setupAssembly, vote, type Voter } from '../support/assembly.ts';
import { call, must, startServer, type TestServer } from '../support/server.ts';

/**
 * docs/security.md, "The data file" — and the hub's memory: once a closed
 * round is severed in the store, the running server's memory no longer
 * links voters to that round's votes either (before, it did until a
 * restart). What stays is each voter's last ballot id, so a phone whose
 * ack was lost at the close hears "counted" when it resends; any other id
 * is refused. Whole-round views go on from the store's anonymous rows.
 */
describe('after close the hub forgets who voted what', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('memory holds no voter’s votes; a resend of the last ballot id is "counted", others are refused; views still work', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Tram', 'Pool', 'Market', 'Library', 'Park', 'Bridge']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 2 });
    await openRound(url, assemblyId, token, round.id);
    const voters: Voter[] = [];
    const last: { ballotId: string; plus: string[] }[] = [];
    for (let i = 0; i < 12; i++) {
      const v = await joinVoter(url, assemblyId);
      voters.push(v);
      const first = await vote(v, round.id, [ids[i % 6]!], []);
      const plus = [ids[(i + 1) % 6]!, ids[(i + 3) % 6]!];
      const second = await vote(v, round.id, plus, []);
      last.push({ ballotId: second.ballotId, plus });
      expect(first.ballotId).not.toBe(second.ballotId);
    }
    const live = server.app.hub.assemblies.get(assemblyId)!.live.get(round.id)!;
    const participants = [...live.ballots].flatMap(([p, row]) => (row ? [p] : []));
    expect(participants).toHaveLength(12);
    await closeRound(url, assemblyId, token, round.id);

    // Memory: no ballot row names a voter any more.
    for (const p of participants) expect(live.ballots.get(p) ?? null).toBeNull();
    expect([...live.ballots.values()].some((row) => row && !row.participantId.startsWith('sealed:'))).toBe(false);

    // The lost-ack resend of the last ballot: counted, with its votes.
    const resent = await must<BallotReceipt>(voters[0]!.socket, 'ballot:submit', { roundId: round.id, ballotId: last[0]!.ballotId, plus: last[0]!.plus, minus: [] });
    expect(resent).toMatchObject({ roundId: round.id, ballotId: last[0]!.ballotId, plus: [...last[0]!.plus].sort(), minus: [] });
    // Another voter's id, an earlier id, or a new ballot: refused.
    for (const [v, ballotId] of [[voters[1]!, last[0]!.ballotId], [voters[1]!, 'new-ballot-after-close']] as const) {
      expect(await call(v.socket, 'ballot:submit', { roundId: round.id, ballotId, plus: [ids[0]], minus: [] })).toMatchObject({ ok: false, error: { code: 'ROUND_CLOSED' } });
    }
    const fac = await joinStaff(url, assemblyId, 'facilitator', token);
    const groups = await must<OpinionGroupsView>(fac.socket, 'groups:get', { roundId: round.id });
    expect(groups.ballots).toBe(12);
    // Memory again holds only the store's anonymous rows (read for the groups).
    expect([...live.ballots.values()].every((row) => row === null || row.participantId.startsWith('sealed:'))).toBe(true);
    for (const v of voters) v.socket.close();
    fac.socket.close();
  });
});
