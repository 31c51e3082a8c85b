import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState, TallySnapshot } from '../../shared/protocol/views.ts';
import { closeRound, createRound, joinStaff, joinVoter, openRound, setupAssembly, vote, waitFor, type Voter } from '../support/assembly.ts';
import { must, rest, startServer, type TestServer } from '../support/server.ts';

/**
 * A hidden round (issue 13): the facilitator's console sees its live
 * results ("only you see this"); token-less roles do not. Checked on what
 * each role receives: pushed snapshots, state:sync and the public REST read.
 */
describe('a hidden round: results for the facilitator alone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('the console gets live results; screens, phones and public reads get none until the close', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Tram', 'Pool', 'Market']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1, visibility: 'hidden' });
    const fac = await joinStaff(url, assemblyId, 'facilitator', token);
    const screen = await joinStaff(url, assemblyId, 'screen');
    await openRound(url, assemblyId, token, round.id);
    const voters: Voter[] = [];
    for (let i = 0; i < 5; i++) voters.push(await joinVoter(url, assemblyId));
    for (const v of voters) await vote(v, round.id, [ids[0]!], []);

    // Pushed: the console's snapshots carry the count, the screen's none.
    const last = (s: TallySnapshot[]) => s.filter((x) => x.roundId === round.id).at(-1);
    await waitFor(() => last(fac.snapshots)?.results?.ballots === 5, 5000, 'the console sees 5 ballots');
    await waitFor(() => last(screen.snapshots)?.turnout.voted === 5, 5000, 'the screen sees the turnout');
    expect(screen.snapshots.every((s) => s.results === null)).toBe(true);
    expect(last(fac.snapshots)?.results?.options.find((o) => o.id === ids[0])?.plus).toBe(5);
    // Phones never receive snapshots at all.
    for (const v of voters) expect(v.events.some((e) => e.event === 'tally:snapshot')).toBe(false);

    // On resync: the same split.
    const facState = await must<SessionState>(fac.socket, 'state:sync', {});
    const screenState = await must<SessionState>(screen.socket, 'state:sync', {});
    expect(facState.role === 'facilitator' && facState.snapshot?.results?.ballots).toBe(5);
    expect(screenState.role === 'screen' && screenState.snapshot?.results).toBeNull();
    // The public read is refused while hidden.
    const pub = await rest(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    expect(pub.body).toMatchObject({ ok: false, error: { code: 'RESULTS_HIDDEN' } });

    // After the close everyone sees them.
    await closeRound(url, assemblyId, token, round.id);
    await waitFor(() => last(screen.snapshots)?.results?.ballots === 5, 5000, 'the screen sees the results after close');
  });
});
