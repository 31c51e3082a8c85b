import { execFileSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { io as ioClient } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { BallotReceipt, TallySnapshot } from '../../shared/protocol/views.ts';
import { startLocalCluster, type LocalCluster } from '../../deploy/cluster.ts';
import { countsOf, createRound, independentCount, openRound, setupAssembly, waitFor } from '../support/assembly.ts';
import type { TestSocket } from '../support/server.ts';
import { dropSchema, freshSchema, testDatabaseUrl } from '../support/stores.ts';

/**
 * Three nodes behind HAProxy on one PostgreSQL database. 600 phones vote
 * through HAProxy (three ballots each, changing their minds); mid-burst
 * the leading node is killed with SIGKILL. Its phones reconnect through
 * HAProxy to the others and resend what was not acknowledged (same ballot
 * id). Then: each voter's stored ballot is the last one it was acked, the
 * tally counts each exactly once, and the projector on every surviving node
 * shows the same tally, equal to a recount of PostgreSQL's ballots.
 */
const url = testDatabaseUrl();
const hasHaproxy = (() => {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('CI=true but haproxy is not installed (.ci/run installs it).');
    console.warn('\n*** haproxy is not installed: SKIPPING the 3-node cluster test (apt-get install haproxy). ***\n');
    return false;
  }
})();

const VOTERS = Number(process.env.CLUSTER_TEST_VOTERS ?? 600);
const BALLOTS_EACH = 3;

function connect(target: string): Promise<TestSocket> {
  const socket: TestSocket = ioClient(target, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 10_000 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

describe.skipIf(!url || !hasHaproxy)('three nodes behind HAProxy, one killed mid-burst', () => {
  const schema = freshSchema();
  let cluster: LocalCluster | null = null;
  afterAll(async () => {
    await cluster?.stop();
    await dropSchema(url!, schema);
  }, 60_000);

  it('every acked ballot counted exactly once, phones re-home, every projector equals a recount from PostgreSQL', { timeout: 400_000 }, async () => {
    cluster = await startLocalCluster({ databaseUrl: url!, schema, env: { TALLY_INTERVAL_MS: '50', LOG_LEVEL: 'info' } });
    const front = cluster.url;
    const { assemblyId, token, proposals } = await setupAssembly(front, Array.from({ length: 24 }, (_, i) => `Proposal ${i + 1}`));
    const ids = proposals.map((p) => p.id);
    const round = await createRound(front, assemblyId, token, { proposalIds: ids, winners: 5, durationSec: 3600 });
    await openRound(front, assemblyId, token, round.id);

    // One projector on each node, straight to the node (not through HAProxy).
    const screens = await Promise.all(
      cluster.nodes.map(async (n) => {
        const socket = await connect(`http://127.0.0.1:${n.port}`);
        const seen: TallySnapshot[] = [];
        socket.on('tally:snapshot', (s) => seen.push(s));
        const ack = (await socket.timeout(10_000).emitWithAck('session:join', { assemblyId, role: 'screen' } as never)) as { ok: boolean };
        expect(ack.ok).toBe(true);
        return { node: n, socket, seen };
      }),
    );

    // Phones through HAProxy: a phone whose node dies reconnects (through HAProxy) and resends.
    let acks = 0;
    let rehomed = 0;
    const lastAcked = new Map<number, string>();
    async function phone(i: number): Promise<void> {
      // A phone retries its first connection too (a node busy with the others, a refused connect).
      let socket: TestSocket | null = null;
      type Joined = { ok: boolean; data: { token: string } };
      let joined = null as Joined | null;
      for (let attempt = 0; !joined?.ok; attempt++) {
        if (attempt > 8) throw new Error(`phone ${i} could not join: ${JSON.stringify(joined)}`);
        try {
          socket?.close();
          socket = await connect(front);
          joined = (await socket.timeout(10_000).emitWithAck('session:join', { assemblyId, role: 'voter' } as never)) as Joined;
        } catch {
          await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
        }
      }
      const myToken = joined!.data.token;
      for (let k = 0; k < BALLOTS_EACH; k++) {
        const start = (i * 5 + k * 7) % ids.length;
        const ballot = { roundId: round.id, ballotId: `ballot-${i}-${k}-x`, plus: [0, 1, 2, 3].map((d) => ids[(start + d) % ids.length]!), minus: k === 1 ? [ids[(start + 10) % ids.length]!] : [] };
        for (let attempt = 0; ; attempt++) {
          if (attempt > 8) throw new Error(`phone ${i} could not get ballot ${k} acknowledged`);
          try {
            if (!socket!.connected) {
              socket!.close();
              socket = await connect(front);
              joined = (await socket.timeout(10_000).emitWithAck('session:join', { assemblyId, role: 'voter', token: myToken } as never)) as Joined;
              if (!joined.ok) throw new Error('rejoin failed');
              rehomed++;
            }
            const ack = (await socket!.timeout(5000).emitWithAck('ballot:submit', ballot as never)) as { ok: boolean; data: BallotReceipt; error?: unknown };
            if (!ack.ok) throw new Error(`ballot refused: ${JSON.stringify(ack.error)}`);
            acks++;
            lastAcked.set(i, ballot.ballotId);
            break;
          } catch (e) {
            if (String(e).includes('refused')) throw e;
            await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
          }
        }
      }
      socket!.close();
    }

    // The leader is the first node started: killing it also moves the deadlines and snapshots.
    const victim = cluster.nodes[0]!;
    const t0 = Date.now();
    const phones: Promise<void>[] = [];
    const failures: string[] = [];
    for (let i = 0; i < VOTERS; i++) {
      phones.push(
        phone(i).catch((e: unknown) => {
          if (failures.length === 0) console.log(`cluster test: phone ${i} failed after ${acks} acks: ${String(e)}`);
          failures.push(String(e));
        }),
      );
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => acks >= VOTERS || failures.length > 0, 120_000, 'a third of the ballots acked');
    await victim.kill();
    const killedAt = acks;
    console.log(`cluster test: killed the leader at ${acks} acks (${Date.now() - t0} ms)`);
    await Promise.all(phones);
    if (failures.length) for (const n of cluster.nodes) console.log(`node :${n.port} said:\n${n.output().slice(-3000)}`);
    expect(failures).toEqual([]);
    console.log(`cluster test: all ${acks} acked, ${rehomed} phones re-homed (${Date.now() - t0} ms)`);
    expect(acks).toBe(VOTERS * BALLOTS_EACH);
    expect(killedAt).toBeLessThan(VOTERS * BALLOTS_EACH);
    expect(rehomed).toBeGreaterThan(0);

    // PostgreSQL: each voter's stored ballot is the last one it was acked; recount them.
    const db = new pg.Client({ connectionString: url!, options: `-c search_path=${schema}` });
    await db.connect();
    const stored = (await db.query<{ participant_id: string; ballot_id: string; plus: string[]; minus: string[] }>(
      `SELECT participant_id, ballot_id, plus, minus FROM ballots WHERE round_id = $1`,
      [round.id],
    )).rows;
    await db.end();
    expect(stored).toHaveLength(VOTERS);
    expect(new Set(stored.map((b) => b.ballot_id))).toEqual(new Set(lastAcked.values()));
    const recount = independentCount(stored);

    // Every surviving node's projector settles on that recount.
    for (const s of screens.filter((x) => x.node !== victim)) {
      await waitFor(() => {
        const last = s.seen.at(-1);
        return last?.results && isDeepStrictEqual(countsOf(last.results), recount);
      }, 15_000, `projector on :${s.node.port} to show the recount`).catch((e: unknown) => {
        const last = s.seen.at(-1);
        expect(last?.results ? countsOf(last.results) : last, String(e)).toEqual(recount);
      });
      s.socket.close();
    }
  });
});
