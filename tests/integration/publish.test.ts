import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { SessionState, VoterRoundView } from '../../shared/protocol/views.ts';
import { closeRound, createRound, joinVoter, type Voter, openRound, setupAssembly, vote, waitFor } from '../support/assembly.ts';
import { call, must, rest, startServer, type TestServer } from '../support/server.ts';

/** What a phone's round views carried: every round:updated payload, in order. */
const roundUpdates = (events: { event: string; args: unknown[] }[]) =>
  events.filter((e) => e.event === 'round:updated').map((e) => e.args[0] as VoterRoundView | null);

/**
 * Results on phones (issue 13): a closed round's final results reach the
 * phones only when the facilitator publishes them, and are the sealed
 * result; never before the close.
 */
describe('publishing results to phones', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('phones get the sealed results with round:updated once published, never before the close; hiding takes them back', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Tram', 'Pool', 'Market', 'Library']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1, visibility: 'hidden' });
    await openRound(url, assemblyId, token, round.id);
    const voters: Voter[] = [];
    for (let i = 0; i < 6; i++) voters.push(await joinVoter(url, assemblyId));
    for (const [i, v] of voters.entries()) await vote(v, round.id, i === 0 ? [ids[0]!, ids[1]!] : [ids[i % 2]!], i === 0 ? [ids[3]!] : []);
    const publish = (roundId: string, published: boolean) => rest(url, 'POST', `/api/assemblies/${assemblyId}/rounds/${roundId}/publish`, { token, body: { published } });

    // Before the close: refused, and nothing with results reached a phone.
    expect((await publish(round.id, true)).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await closeRound(url, assemblyId, token, round.id);
    await waitFor(() => roundUpdates(voters[0]!.events).some((r) => r?.round.status === 'closed'), 3000, 'the close on the phone');
    for (const v of voters) expect(roundUpdates(v.events).every((r) => r === null || r.results === null)).toBe(true);
    // Only the facilitator may publish.
    expect(await call(voters[0]!.socket, 'round:publish', { roundId: round.id, published: true })).toMatchObject({ ok: false });

    // Published: every phone gets the sealed result, the same as results.json.
    expect((await publish(round.id, true)).body).toMatchObject({ ok: true, data: { roundId: round.id, published: true } });
    const sealed = await rest<{ results: RoundResults }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    expect(sealed.body.ok).toBe(true);
    for (const v of voters) {
      const got = await waitFor(() => roundUpdates(v.events).find((r) => r?.results), 3000, 'published results');
      expect(got.results).toEqual(sealed.body.ok ? sealed.body.data.results : null);
    }
    // A phone that joins or resyncs later gets them in its state.
    const late = await joinVoter(url, assemblyId);
    const state = await must<SessionState>(late.socket, 'state:sync', {});
    expect(state.role === 'voter' && state.current?.results?.ballots).toBe(6);

    // Hidden again: phones hear results: null.
    expect((await publish(round.id, false)).body).toMatchObject({ ok: true });
    await waitFor(() => roundUpdates(voters[1]!.events).at(-1)?.results === null, 3000, 'results withdrawn');
    const again = await must<SessionState>(late.socket, 'state:sync', {});
    expect(again.role === 'voter' && again.current?.results).toBeNull();
  });
});
