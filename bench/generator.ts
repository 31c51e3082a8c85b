/**
 * A load generator process: simulates its share of the phones with
 * socket.io-client over websocket, driven by the orchestrator over IPC.
 * Started as `node --import tsx bench/generator.ts '<GeneratorConfig JSON>'`.
 *
 * It keeps raw samples in typed arrays and does no statistics: percentiles
 * are computed by the orchestrator over all generators together.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { ballotId, phoneAddress, type BallotPlan, type BallotReport, type FromGenerator, type GeneratorConfig, type LoopDelay, type ToGenerator } from './ipc.ts';
import { ballotPool } from './ballots.ts';
import { now, sleep } from './stats.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as GeneratorConfig;
const G = config.index;

function send(msg: FromGenerator): void {
  process.send?.(msg, undefined, {}, (e: Error | null) => {
    if (e) console.error('generator send failed:', e);
  });
}

// Never outlive the orchestrator.
process.on('disconnect', () => process.exit(0));

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
function loopDelay(): LoopDelay {
  const d = { p50Ms: loop.percentile(50) / 1e6, p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 };
  loop.reset();
  return d;
}

type Ack = { ok: true; data: { seq: number } } | { ok: false; error: { code: string; message: string } };

const sockets: (Socket | null)[] = new Array(config.voters).fill(null);
let disconnects = 0;

// Round announcements: arrival time per voter of the status we wait for.
let expected: { roundId: string; status: 'open' | 'closed' } | null = null;
let arrivals = new Float64Array(config.voters);
let arrivalsPending = 0;
let onAllArrived: (() => void) | null = null;

function connectOne(v: number, connectMs: Float64Array, errors: Record<string, number>): Promise<boolean> {
  return new Promise((resolve) => {
    const t0 = now();
    const s = io(config.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
      localAddress: phoneAddress(G, v, config.addressing),
    } as Parameters<typeof io>[1]);
    let done = false;
    const finish = (ok: boolean, why?: string) => {
      if (done) return;
      done = true;
      if (!ok) {
        errors[why ?? 'unknown'] = (errors[why ?? 'unknown'] ?? 0) + 1;
        s.close();
      }
      resolve(ok);
    };
    s.once('connect_error', (e) => finish(false, `connect_error: ${e.message}`));
    s.once('connect', () => {
      s.timeout(30_000).emit('session:join', { assemblyId: config.assemblyId, role: 'voter' }, (err: Error | null, ack: Ack) => {
        if (err) return finish(false, 'join timeout');
        if (!ack.ok) return finish(false, `join ${ack.error.code}`);
        connectMs[v] = now() - t0;
        sockets[v] = s;
        s.on('disconnect', () => {
          disconnects++;
        });
        s.on('round:updated', (current: { round: { id: string; status: string } } | null) => {
          if (!expected || !current || current.round.id !== expected.roundId || current.round.status !== expected.status) return;
          if (arrivals[v] !== 0) return;
          arrivals[v] = now();
          if (--arrivalsPending === 0) onAllArrived?.();
        });
        finish(true);
      });
    });
  });
}

async function connectAll(): Promise<void> {
  const connectMs = new Float64Array(config.voters).fill(-1);
  const errors: Record<string, number> = {};
  const startedAt = now();
  const cpu0 = process.cpuUsage();
  loopDelay();
  const deadline = startedAt + config.connectTimeoutMs;
  let next = 0;
  let connected = 0;
  let failed = 0;
  const worker = async () => {
    while (next < config.voters && now() < deadline) {
      const v = next++;
      if (await connectOne(v, connectMs, errors)) connected++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.connectConcurrency, config.voters) }, worker));
  const cpu = process.cpuUsage(cpu0);
  send({
    type: 'connected',
    index: G,
    connected,
    failed: failed + (config.voters - next),
    errors,
    connectMs: connectMs.filter((x) => x >= 0),
    startedAt,
    endedAt: now(),
    cpuMs: (cpu.user + cpu.system) / 1000,
    eventLoop: loopDelay(),
  });
}

async function expectRound(roundId: string, status: 'open' | 'closed', timeoutMs: number): Promise<void> {
  // -1: this phone never connected (not a miss); 0: not arrived (yet).
  arrivals = Float64Array.from(sockets, (s) => (s ? 0 : -1));
  arrivalsPending = sockets.filter(Boolean).length;
  expected = { roundId, status };
  const all = new Promise<void>((resolve) => (onAllArrived = resolve));
  send({ type: 'armed', index: G });
  await Promise.race([all, sleep(timeoutMs)]);
  onAllArrived = null;
  expected = null;
  send({ type: 'fanout', index: G, arrivals });
}

// Per voter: ballot numbers and the last acknowledged ballot, for the loss check.
const sentCount = new Int32Array(config.voters);
const lastAckedN = new Int32Array(config.voters).fill(-1);
const lastAckedSeq = new Float64Array(config.voters);
const lastAcked: ({ plus: string[]; minus: string[] } | null)[] = new Array(config.voters).fill(null);

async function runBallots(plan: BallotPlan): Promise<void> {
  const live: number[] = [];
  sockets.forEach((s, v) => s && live.push(v));
  if (live.length === 0) live.push(0);
  // Shuffled round-robin: every voter votes once before anyone changes.
  for (let i = live.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [live[i], live[j]] = [live[j]!, live[i]!];
  }
  const pool = ballotPool(plan.proposalIds, plan.rules, 4096, 1000 + G);
  const planned = Math.max(0, Math.floor((plan.rate * plan.durationMs) / 1000));
  const sendAt = new Float64Array(planned);
  const ackAt = new Float64Array(planned);
  const seqs = new Float64Array(planned);
  const lag = new Float64Array(planned);
  const rejections: Record<string, number> = {};
  let sent = 0;
  let acked = 0;
  let rejected = 0;
  let outstanding = 0;
  const disconnects0 = disconnects;

  const emitOne = (k: number) => {
    const v = live[k % live.length]!;
    const s = sockets[v];
    const intended = plan.startAt + (k * 1000) / plan.rate;
    const n = sentCount[v]!;
    sentCount[v] = n + 1;
    const b = pool[(k * 2654435761) % pool.length]!;
    const t = now();
    sendAt[k] = t;
    lag[k] = t - intended;
    sent++;
    if (!s || !s.connected) {
      rejections['not connected'] = (rejections['not connected'] ?? 0) + 1;
      rejected++;
      return;
    }
    outstanding++;
    s.emit('ballot:submit', { roundId: plan.roundId, ballotId: ballotId(G, v, n), plus: b.plus, minus: b.minus }, (ack: Ack) => {
      outstanding--;
      if (ack.ok) {
        acked++;
        ackAt[k] = now();
        seqs[k] = ack.data.seq;
        if (n > lastAckedN[v]!) {
          lastAckedN[v] = n;
          lastAckedSeq[v] = ack.data.seq;
          lastAcked[v] = b;
        }
      } else {
        rejected++;
        rejections[ack.error.code] = (rejections[ack.error.code] ?? 0) + 1;
      }
    });
  };

  const wait = plan.startAt - now();
  if (wait > 0) await sleep(wait);
  loopDelay();
  const cpu0 = process.cpuUsage();
  const t0 = now();
  // Open loop: each tick sends whatever the schedule says is due, whether
  // or not earlier ballots were acknowledged.
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(planned, Math.floor(((now() - plan.startAt) * plan.rate) / 1000) + 1);
      while (sent < due) emitOne(sent);
      if (sent >= planned) return resolve();
      setTimeout(tick, 1);
    };
    tick();
  });
  const drainUntil = now() + plan.drainTimeoutMs;
  while (outstanding > 0 && now() < drainUntil) await sleep(5);
  const wallMs = now() - t0;
  const cpu = process.cpuUsage(cpu0);

  // Only the acked ballots travel back, packed.
  const idx: number[] = [];
  for (let k = 0; k < sent; k++) if (ackAt[k]! > 0) idx.push(k);
  const report: BallotReport = {
    type: 'ballots-done',
    index: G,
    sent,
    acked,
    rejected,
    rejections,
    unanswered: outstanding,
    disconnects: disconnects - disconnects0,
    sendAt: Float64Array.from(idx, (k) => sendAt[k]!),
    ackAt: Float64Array.from(idx, (k) => ackAt[k]!),
    seq: Float64Array.from(idx, (k) => seqs[k]!),
    scheduleLagMs: lag.subarray(0, sent).slice(),
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs,
    eventLoop: loopDelay(),
    changedVoters: sentCount.reduce((c, x) => c + (x > 1 ? 1 : 0), 0),
  };
  send(report);
}

process.on('message', (msg: ToGenerator) => {
  const run = async () => {
    switch (msg.type) {
      case 'connect':
        return connectAll();
      case 'expect-round':
        return expectRound(msg.roundId, msg.status, msg.timeoutMs);
      case 'ballots':
        return runBallots(msg.plan);
      case 'last-ballots':
        return send({ type: 'last-ballots', index: G, lastAckedN, lastSentN: sentCount.map((x) => x - 1), lastAckedSeq, lastAcked });
      case 'disconnect':
        for (const s of sockets) s?.close();
        sockets.fill(null);
        return send({ type: 'disconnected', index: G });
    }
  };
  run().catch((e: unknown) => send({ type: 'error', index: G, message: (e as Error).stack ?? String(e) }));
});

send({ type: 'ready', index: G });
