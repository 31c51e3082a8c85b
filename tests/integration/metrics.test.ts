import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRound, joinVoter, openRound, setupAssembly, vote } from '../support/assembly.ts';
import { TEST_OPERATOR_TOKEN, startServer, type TestServer } from '../support/server.ts';

/** GET /api/metrics: the operator's per-process counters (per-node ballots/s in a cluster, issue 16). */
describe('GET /api/metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const metrics = async (key?: string) => {
    const res = await fetch(`${server.url}/api/metrics`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
    return (await res.json()) as { ok: boolean; data?: { ballotsAccepted: number; sockets: number }; error?: { code: string } };
  };

  it('needs the operator key: no key, a wrong key and a facilitator token are refused', async () => {
    const { token } = await setupAssembly(server.url, ['A', 'B', 'C']);
    for (const key of [undefined, 'wrong-key', token]) {
      const m = await metrics(key);
      expect(m.ok).toBe(false);
      expect(m.error?.code).toBe('UNAUTHORIZED');
      expect(m.data).toBeUndefined();
    }
  });

  it('counts committed ballots once each (a resend of a receipt is not a new ballot) and open sockets', async () => {
    const { assemblyId, token, proposals } = await setupAssembly(server.url, ['A', 'B', 'C', 'D']);
    const ids = proposals.map((p) => p.id);
    const round = await createRound(server.url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(server.url, assemblyId, token, round.id);
    const before = (await metrics(TEST_OPERATOR_TOKEN)).data!;
    const voters = await Promise.all([0, 1, 2].map(() => joinVoter(server.url, assemblyId)));
    const ballotIds = voters.map((_, i) => `metrics-ballot-${i}-${Date.now()}`);
    for (const [i, v] of voters.entries()) await vote(v, round.id, [ids[0]!], [], ballotIds[i]);
    await vote(voters[0]!, round.id, [ids[0]!], [], ballotIds[0]);
    const after = (await metrics(TEST_OPERATOR_TOKEN)).data!;
    expect(after.ballotsAccepted - before.ballotsAccepted).toBe(3);
    expect(after.sockets).toBeGreaterThanOrEqual(before.sockets + 3);
    for (const v of voters) v.socket.close();
  });
});
