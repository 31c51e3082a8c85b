/**
 * npm run bench -- --nodes 3 [--voters 600] [--ballots 5] [--tally-ms 100] [--json FILE]
 *
 * Three nodes + HAProxy on $DATABASE_URL (deploy/cluster.ts), phones voting
 * through HAProxy, one projector on each node; halfway through, the leading
 * node is killed with SIGKILL. Reports total ballots/s, ack p50/p99, the
 * projector lag on every node, the killed node's phones' re-home time and
 * acked-but-lost ballots (must be 0). On a 2-core machine this shows
 * correctness and latency under a kill, not three nodes' throughput.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startLocalCluster } from '../deploy/cluster.ts';
import { percentiles, round } from './stats.ts';

const pct = (xs: number[], q: number): number | null => round(percentiles(xs, [q])[0]);

export interface ClusterBenchOptions {
  databaseUrl: string;
  voters: number;
  ballotsEach: number;
  tallyMs: number;
  log: (line: string) => void;
}

export interface ClusterBenchResult {
  nodes: number;
  voters: number;
  acked: number;
  seconds: number;
  ballotsPerSec: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  /** Per node: time from a first ballot's ack to the first snapshot on that node's projector counting as many voters. */
  projectorP50Ms: (number | null)[];
  projectorP99Ms: (number | null)[];
  rehomed: number;
  rehomeP50Ms: number | null;
  rehomeP99Ms: number | null;
  ackedLost: number;
  tallyEqualsRecount: boolean;
  /** Ballots each node committed per second while it was up (the killed one: until the kill), from its /api/metrics. */
  perNodeBallotsPerSec: (number | null)[];
}

function connect(target: string): Promise<Socket> {
  const socket = ioClient(target, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 10_000 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

async function post<T>(url: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!json.ok) throw new Error(`${path}: ${JSON.stringify(json.error)}`);
  return json.data;
}

export async function runClusterBench(o: ClusterBenchOptions): Promise<ClusterBenchResult> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const cluster = await startLocalCluster({ databaseUrl: o.databaseUrl, schema, env: { TALLY_INTERVAL_MS: String(o.tallyMs), LOG_LEVEL: 'info' } });
  const operatorToken = cluster.operatorToken;
  // Each node's own count of committed ballots (GET /api/metrics on its port).
  const accepted = async (port: number): Promise<number | null> => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/metrics`, { headers: { authorization: `Bearer ${operatorToken}` }, signal: AbortSignal.timeout(5000) });
      return ((await res.json()) as { data: { ballotsAccepted: number } }).data.ballotsAccepted;
    } catch {
      return null;
    }
  };
  try {
    const front = cluster.url;
    const created = await post<{ assembly: { id: string }; facilitatorToken: string }>(front, '/api/assemblies', { title: 'Bench' }, operatorToken);
    const assemblyId = created.assembly.id;
    const token = created.facilitatorToken;
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push((await post<{ id: string }>(front, `/api/assemblies/${assemblyId}/proposals`, { title: `Proposal ${i + 1}` }, token)).id);
    const round = await post<{ id: string }>(front, `/api/assemblies/${assemblyId}/rounds`, { proposalIds: ids, winners: 5, durationSec: 3600 }, token);
    await post(front, `/api/assemblies/${assemblyId}/rounds/${round.id}/open`, {}, token);

    const screens = await Promise.all(
      cluster.nodes.map(async (n) => {
        const socket = await connect(`http://127.0.0.1:${n.port}`);
        const seen: { t: number; ballots: number }[] = [];
        socket.on('tally:snapshot', (s: { results: { ballots: number } | null }) => seen.push({ t: performance.now(), ballots: s.results?.ballots ?? 0 }));
        await socket.timeout(10_000).emitWithAck('session:join', { assemblyId, role: 'screen' });
        return { node: n, socket, seen };
      }),
    );

    const ackMs: number[] = [];
    const firstAcks: number[] = []; // time of each voter's first ack, in order
    const rehomeMs: number[] = [];
    const lastAcked = new Map<number, string>();
    let acked = 0;
    const started = performance.now();
    const before = await Promise.all(cluster.nodes.map((n) => accepted(n.port)));
    async function phone(i: number): Promise<void> {
      let socket: Socket | null = null;
      let myToken = '';
      for (let attempt = 0; !myToken; attempt++) {
        if (attempt > 10) throw new Error(`phone ${i} could not join`);
        try {
          socket?.close();
          socket = await connect(front);
          const j = (await socket.timeout(10_000).emitWithAck('session:join', { assemblyId, role: 'voter' })) as { ok: boolean; data: { token: string } };
          if (j.ok) myToken = j.data.token;
        } catch {
          await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
        }
      }
      let lostAt: number | null = null;
      for (let k = 0; k < o.ballotsEach; k++) {
        const start = (i * 5 + k * 7) % ids.length;
        const ballot = { roundId: round.id, ballotId: `bench-${i}-${k}-x`, plus: [0, 1, 2, 3].map((d) => ids[(start + d) % ids.length]!), minus: [] as string[] };
        for (let attempt = 0; ; attempt++) {
          if (attempt > 20) throw new Error(`phone ${i}: ballot ${k} never acknowledged`);
          try {
            if (!socket!.connected) {
              lostAt ??= performance.now();
              socket!.close();
              socket = await connect(front);
              const j = (await socket.timeout(10_000).emitWithAck('session:join', { assemblyId, role: 'voter', token: myToken })) as { ok: boolean };
              if (!j.ok) throw new Error('rejoin refused');
              rehomeMs.push(performance.now() - lostAt);
              lostAt = null;
            }
            const sent = performance.now();
            const ack = (await socket!.timeout(5000).emitWithAck('ballot:submit', ballot)) as { ok: boolean; error?: unknown };
            if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack.error)}`);
            const now = performance.now();
            ackMs.push(now - sent);
            if (k === 0) firstAcks.push(now);
            acked++;
            lastAcked.set(i, ballot.ballotId);
            break;
          } catch (e) {
            if (String(e).includes('refused:')) throw e;
            if (!socket!.connected) lostAt ??= performance.now();
            await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          }
        }
      }
      socket!.close();
    }
    const phones: Promise<void>[] = [];
    const failures: string[] = [];
    for (let i = 0; i < o.voters; i++) {
      phones.push(phone(i).catch((e: unknown) => void failures.push(String(e))));
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
    }
    const total = o.voters * o.ballotsEach;
    while (acked < total / 2 && failures.length === 0) await new Promise((r) => setTimeout(r, 20));
    const victim = cluster.nodes[0]!;
    o.log(`killing the leader (:${victim.port}) at ${acked} of ${total} acks`);
    const atKill = await accepted(victim.port);
    const killedAfter = (performance.now() - started) / 1000;
    await victim.kill();
    await Promise.all(phones);
    const seconds = (performance.now() - started) / 1000;
    const after = await Promise.all(cluster.nodes.map((n) => (n === victim ? atKill : accepted(n.port))));
    // Per node: ballots it committed over the time it was up during the stream.
    const perNodePerSec = cluster.nodes.map((n, i) => {
      const a = after[i];
      const b = before[i];
      return a == null || b == null ? null : Math.round((a - b) / (n === victim ? killedAfter : seconds));
    });
    if (failures.length) throw new Error(`${failures.length} phones failed: ${failures[0]}`);
    const db = new pg.Client({ connectionString: o.databaseUrl, options: `-c search_path=${schema}` });
    await db.connect();
    const stored = (await db.query<{ participant_id: string; ballot_id: string }>(`SELECT participant_id, ballot_id FROM ballots WHERE round_id = $1`, [round.id])).rows;
    await db.end();
    const storedIds = new Set(stored.map((r) => r.ballot_id));
    const ackedLost = [...lastAcked.values()].filter((id) => !storedIds.has(id)).length;
    // Screens see an open round as of its last public release (batches of 5
    // voters, docs/security.md "Timing"): close it (after reading the linked
    // ballots: closing severs them), then every screen shows all.
    await post(front, `/api/assemblies/${assemblyId}/rounds/${round.id}/close`, {}, token);
    await new Promise((r) => setTimeout(r, 3 * o.tallyMs + 1000));

    const alive = screens.filter((s) => s.node !== victim);
    const lag = screens.map((s) => {
      if (s.node === victim) return null;
      const lags: number[] = [];
      firstAcks.forEach((t, idx) => {
        const shown = s.seen.find((x) => x.t >= t && x.ballots >= idx + 1);
        if (shown) lags.push(shown.t - t);
      });
      return lags;
    });
    const tallyEqualsRecount = alive.every((s) => s.seen.at(-1)?.ballots === stored.length);
    for (const s of screens) s.socket.close();
    return {
      nodes: cluster.nodes.length,
      voters: o.voters,
      acked,
      seconds: Math.round(seconds * 10) / 10,
      ballotsPerSec: Math.round(acked / seconds),
      perNodeBallotsPerSec: perNodePerSec,
      ackP50Ms: pct(ackMs, 0.5),
      ackP99Ms: pct(ackMs, 0.99),
      projectorP50Ms: lag.map((l) => (l ? pct(l, 0.5) : null)),
      projectorP99Ms: lag.map((l) => (l ? pct(l, 0.99) : null)),
      rehomed: rehomeMs.length,
      rehomeP50Ms: pct(rehomeMs, 0.5),
      rehomeP99Ms: pct(rehomeMs, 0.99),
      ackedLost,
      tallyEqualsRecount,
    };
  } finally {
    await cluster.stop();
    const c = new pg.Client({ connectionString: o.databaseUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}
