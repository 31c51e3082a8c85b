/**
 * The end-to-end benchmark (issue 5): the real server as its own process,
 * one projector, N simulated phones in several generator processes.
 * bench/run.ts is the command line; the smoke test calls runBench directly.
 */
import Database from 'better-sqlite3';
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { countBallots, diffCounts, type Counts } from './ballots.ts';
import { GeneratorPool } from './generators.ts';
import { parseBallotId, type BallotReport, type GeneratorConfig } from './ipc.ts';
import { allProcessesCpu, cpuMs, machineCpu, openFileLimit, ProcSampler, rssKB, topOthers, writeBytes } from './proc.ts';
import { perfStat } from './perf.ts';
import { findProfile, summarizeProfile, type ProfileSummary } from './profile.ts';
import { repoRoot, startBenchServer, type BenchServer } from './server.ts';
import { concat, now, round as rounded, sleep, summarize } from './stats.ts';

export interface BenchOptions {
  voters: number;
  /** Total offered ballots per second, over all generators. */
  rate: number;
  durationSec: number;
  /** Generator processes; default: enough for ≤ 5,000 phones each, at least 2. */
  generators?: number;
  /** 'phone': one source address per phone (venue LAN, default); 'generator': one per generator (NAT). */
  addressing?: 'phone' | 'generator';
  /** Joins in flight at once, per generator. */
  connectConcurrency?: number;
  proposals?: number;
  winners?: number;
  /** Server overrides; unset = the server's production defaults. */
  tallyIntervalMs?: number;
  sqliteSync?: 'FULL' | 'NORMAL';
  /** Count the server's syscalls (commits, socket writes) per second with `perf stat` during the ballot stream. */
  perf?: boolean;
  /** Run the server under `node --cpu-prof` and summarise the profile. */
  profile?: boolean;
  /** Another checkout's server (A/B a change) and extra node flags for the server. */
  serverRoot?: string;
  serverNodeArgs?: string[];
  /** Idle time before measuring RSS with everyone connected. */
  settleMs?: number;
  keepData?: boolean;
  log?: (line: string) => void;
}

export const MAX_SOCKETS_PER_GENERATOR = 15_000;

type RestAck<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function rest<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const json = (await res.json()) as RestAck<T>;
  if (!json.ok) throw new Error(`${method} ${path}: ${json.error.code} ${json.error.message}`);
  return json.data;
}

interface ResultsBody {
  results: { ballots: number; abstentions: number; options: { id: string; plus: number; minus: number }[] };
  turnout: { joined: number; online: number; voted: number };
}

function countsFromResults(r: ResultsBody['results']): Counts {
  const c: Counts = { ballots: r.ballots, abstentions: r.abstentions, plus: {}, minus: {} };
  for (const o of r.options) {
    c.plus[o.id] = o.plus;
    c.minus[o.id] = o.minus;
  }
  return c;
}

/** Projector: a screen client that records each coalesced tally snapshot's arrival and seq. */
async function startProjector(url: string, assemblyId: string) {
  const socket: Socket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('projector could not connect')), 15_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', reject);
  });
  const snapshots: { at: number; seq: number; roundId: string; status: string; ballots: number | null }[] = [];
  socket.on('tally:snapshot', (s: { seq: number; roundId: string; status: string; results: { ballots: number } | null }) => {
    snapshots.push({ at: now(), seq: s.seq, roundId: s.roundId, status: s.status, ballots: s.results?.ballots ?? null });
  });
  const ack = (await socket.timeout(15_000).emitWithAck('session:join', { assemblyId, role: 'screen' })) as RestAck<unknown>;
  if (!ack.ok) throw new Error(`projector join failed: ${ack.error.code}`);
  return { socket, snapshots };
}

export interface TimelineRow {
  second: number;
  acks: number;
  /** Ack latency p99 of the ballots sent in this second. */
  ackP99Ms: number;
  serverCpuPct: number;
  machineBusyCores: number;
  /** Machine CPU not used by the bench's processes: other users and kernel work. */
  otherCores: number;
  diskFlushesPerSec: number;
  diskBusyPct: number;
  diskWriteWaitMsPerSec: number;
  rssMB: number;
}

export interface BenchResult {
  mode: 'load';
  startedAt: string;
  commit: string | null;
  machine: { cores: number; openFileLimit: number | null };
  options: Required<Omit<BenchOptions, 'log' | 'tallyIntervalMs' | 'sqliteSync'>> & { tallyIntervalMs: number | null; sqliteSync: string | null };
  voters: number;
  connected: number;
  connectFailed: number;
  connectSeconds: number;
  connectPerSec: number;
  connectP50Ms: number | null;
  connectP99Ms: number | null;
  offeredPerSec: number;
  sent: number;
  acked: number;
  rejected: number;
  unanswered: number;
  /** Acks per second from the first ack to the last (sustained rate over the run). */
  ballotsPerSec: number;
  /** Acks per one-second bucket of the sending window: median and the worst second. */
  ballotsPerSecMedian: number;
  ballotsPerSecMin: number;
  /** Last ack after the last scheduled send: a backlog shows here. */
  drainMs: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  ackMaxMs: number | null;
  projectorP50Ms: number | null;
  projectorP99Ms: number | null;
  projectorMissing: number;
  snapshots: number;
  fanoutP50Ms: number | null;
  fanoutP99Ms: number | null;
  fanoutMissed: number;
  closeFanoutP99Ms: number | null;
  rssBeforeKB: number;
  rssConnectedKB: number;
  rssPeakKB: number | null;
  rssPerVoterKB: number | null;
  serverCpuPct: number | null;
  serverCpuConnectPct: number | null;
  /** Storage writes caused by the server during the ballot stream. */
  diskWriteMBps: number | null;
  /** With --perf: the server's syscalls per second during the ballot stream. */
  syscallsPerSec: Record<string, number> | null;
  generatorCpuPct: number[];
  generatorLoopDelayMaxMs: number[];
  generatorLoopDelayP99Ms: number[];
  generatorScheduleLagP99Ms: number | null;
  generatorBottleneck: boolean;
  otherLoadCores: number | null;
  kernelIrqCores: number | null;
  otherProcesses: { pid: number; comm: string; cores: number }[];
  ackedVoters: number;
  changedVoters: number;
  stored: number;
  unackedStored: number;
  lost: number;
  tallyOk: boolean;
  tallyProblems: string[];
  rejections: Record<string, number>;
  connectErrors: Record<string, number>;
  disconnects: number;
  /** Seconds of the stream with < 0.3 core busy outside the bench, and the latencies of ballots sent in them. */
  quietSeconds: number;
  ackP99QuietMs: number | null;
  projectorP99QuietMs: number | null;
  timeline: TimelineRow[];
  profile: ProfileSummary | null;
  notes: string[];
}

function gitCommit(root: string): string | null {
  try {
    // Recorded so figures can be tied to the server code they measured.
    const run = (cmd: string) => execSync(cmd, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const head = run('git rev-parse --short HEAD');
    const dirty = run('git status --porcelain server shared');
    return dirty ? `${head}+dirty(server/shared)` : head;
  } catch {
    return null;
  }
}

/** Runs the load scenario end to end; always stops every process it started. */
export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const voters = opts.voters;
  const generators = opts.generators ?? Math.max(2, Math.ceil(voters / 5_000));
  const perGen = Math.ceil(voters / generators);
  if (perGen > MAX_SOCKETS_PER_GENERATOR) throw new Error(`at most ${MAX_SOCKETS_PER_GENERATOR} sockets per generator: use --generators ≥ ${Math.ceil(voters / MAX_SOCKETS_PER_GENERATOR)}`);
  const fdLimit = openFileLimit();
  if (fdLimit !== null && voters + 200 > fdLimit) throw new Error(`the server needs one file per phone: ${voters} phones exceed the open-file limit ${fdLimit}`);
  const o = {
    voters,
    rate: opts.rate,
    durationSec: opts.durationSec,
    generators,
    addressing: opts.addressing ?? 'phone',
    connectConcurrency: opts.connectConcurrency ?? 64,
    proposals: opts.proposals ?? 20,
    winners: opts.winners ?? 3,
    tallyIntervalMs: opts.tallyIntervalMs ?? null,
    sqliteSync: opts.sqliteSync ?? null,
    profile: opts.profile ?? false,
    perf: opts.perf ?? false,
    settleMs: opts.settleMs ?? 3_000,
    serverRoot: opts.serverRoot ?? repoRoot,
    serverNodeArgs: opts.serverNodeArgs ?? [],
    keepData: opts.keepData ?? false,
  };
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'd21-bench-'));
  const dataFile = join(dir, 'd21.sqlite');
  const profDir = join(dir, 'profile');
  if (o.profile) mkdirSync(profDir);
  const env: Record<string, string> = {};
  if (o.tallyIntervalMs !== null) env.TALLY_INTERVAL_MS = String(o.tallyIntervalMs);
  if (o.sqliteSync !== null) env.SQLITE_SYNC = o.sqliteSync;

  let server: BenchServer | null = null;
  let pool: GeneratorPool | null = null;
  let projector: Awaited<ReturnType<typeof startProjector>> | null = null;
  let sampler: ProcSampler | null = null;
  try {
    log(`server: starting from ${o.serverRoot} (data ${dataFile}${o.serverNodeArgs.length ? `, node ${o.serverNodeArgs.join(' ')}` : ''}${o.profile ? ', --cpu-prof' : ''})`);
    server = await startBenchServer({
      dataFile,
      env,
      root: o.serverRoot,
      nodeArgs: [...o.serverNodeArgs, ...(o.profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])],
    });
    const base = `http://127.0.0.1:${server.port}`;
    const spawnedAt = server.spawnedAt;
    const serverPid = server.pid;
    sampler = new ProcSampler(server.pid, 250);
    sampler.start();

    // Setup over REST, as a facilitator's script would.
    const created = await rest<{ assembly: { id: string }; facilitatorToken: string }>(base, 'POST', '/api/assemblies', undefined, { title: 'Bench assembly' });
    const assemblyId = created.assembly.id;
    const token = created.facilitatorToken;
    const proposalIds: string[] = [];
    for (let i = 0; i < o.proposals; i++) {
      const p = await rest<{ id: string }>(base, 'POST', `/api/assemblies/${assemblyId}/proposals`, token, { title: `Proposal ${i + 1}` });
      proposalIds.push(p.id);
    }
    const round = await rest<{ id: string; rules: { plus: number; minus: number; ratio: number } }>(base, 'POST', `/api/assemblies/${assemblyId}/rounds`, token, {
      proposalIds,
      winners: o.winners,
    });
    log(`setup: assembly ${assemblyId}, ${o.proposals} proposals, round ${round.id} (D21: ${round.rules.plus} plus, ${round.rules.minus} minus, ratio ${round.rules.ratio})`);
    projector = await startProjector(base, assemblyId);

    // Generators, each on its own loopback address so ephemeral ports do not run out.
    const configs: GeneratorConfig[] = [];
    for (let g = 0, left = voters; g < generators; g++) {
      const n = Math.min(perGen, left);
      left -= n;
      configs.push({
        index: g,
        url: `http://127.0.0.${2 + g}:${server.port}`,
        assemblyId,
        voters: n,
        addressing: o.addressing,
        connectConcurrency: o.connectConcurrency,
        connectTimeoutMs: 180_000,
      });
    }
    pool = new GeneratorPool(configs);
    await pool.collect('ready', 60_000);
    const generatorPids = pool.pids();
    sampler.extraPids = generatorPids;

    await sleep(1_000);
    const rssBeforeKB = rssKB(server.pid) ?? 0;

    // 1. Ramp: every phone connects and joins as a voter.
    log(`connect: ${voters} voters over ${generators} generators (${o.connectConcurrency} joins in flight each)`);
    const c0 = { at: now(), cpu: cpuMs(server.pid) ?? 0 };
    pool.send({ type: 'connect' });
    const conn = await pool.collect('connected', 240_000);
    const c1 = { at: now(), cpu: cpuMs(server.pid) ?? 0 };
    const connected = conn.reduce((s, r) => s + r.connected, 0);
    const connectFailed = conn.reduce((s, r) => s + r.failed, 0);
    const connectErrors: Record<string, number> = {};
    for (const r of conn) for (const [k, v] of Object.entries(r.errors)) connectErrors[k] = (connectErrors[k] ?? 0) + v;
    const connectSeconds = (Math.max(...conn.map((r) => r.endedAt)) - Math.min(...conn.map((r) => r.startedAt))) / 1000;
    const connectStats = summarize(concat(conn.map((r) => r.connectMs)));
    log(`connect: ${connected} connected, ${connectFailed} failed in ${connectSeconds.toFixed(1)} s (p99 ${rounded(connectStats.p99)} ms)`);
    if (connected === 0) throw new Error(`no voter could connect: ${JSON.stringify(connectErrors)}\n${server.output()}`);

    await sleep(o.settleMs);
    const rssConnectedKB = rssKB(server.pid) ?? 0;
    const rssPerVoterKB = connected > 0 ? (rssConnectedKB - rssBeforeKB) / connected : null;
    log(`memory: RSS ${Math.round(rssBeforeKB / 1024)} MB before, ${Math.round(rssConnectedKB / 1024)} MB with ${connected} idle voters → ${rounded(rssPerVoterKB)} KB/voter`);

    // 2. Round opens: time from the facilitator's request to each phone's round:updated.
    pool.send({ type: 'expect-round', roundId: round.id, status: 'open', timeoutMs: 20_000 });
    await pool.collect('armed', 10_000);
    const openAt = now();
    await rest(base, 'POST', `/api/assemblies/${assemblyId}/rounds/${round.id}/open`, token, {});
    const openFan = await pool.collect('fanout', 30_000);
    const fanout: number[] = [];
    let fanoutMissed = 0;
    for (const r of openFan) {
      for (const t of r.arrivals) {
        if (t > 0) fanout.push(t - openAt);
        else if (t === 0) fanoutMissed++;
      }
    }
    const fanoutStats = summarize(fanout);
    log(`open fan-out: p50 ${rounded(fanoutStats.p50)} ms, p99 ${rounded(fanoutStats.p99)} ms, missed ${fanoutMissed}`);

    // 3. Open-loop ballot stream at a fixed total rate, shared by connected voters.
    await sleep(500);
    const startAt = now() + 300;
    const durationMs = o.durationSec * 1000;
    const ratePer = conn.map((r) => (o.rate * r.connected) / connected);
    conn.forEach((r, g) => {
      pool!.send(
        { type: 'ballots', plan: { roundId: round.id, proposalIds, rules: round.rules, rate: ratePer[g]!, startAt, durationMs, drainTimeoutMs: 30_000 } },
        g,
      );
    });
    log(`ballots: ${o.rate}/s for ${o.durationSec} s`);
    const perfRun = o.perf ? sleep(Math.max(0, startAt - now())).then(() => perfStat(serverPid, Math.max(1, Math.floor(o.durationSec)))) : Promise.resolve(null);
    const marks: { at: number; io: number; server: number; gens: number; self: number; machine: ReturnType<typeof machineCpu>; procs: ReturnType<typeof allProcessesCpu> }[] = [];
    const mark = () => {
      const u = process.cpuUsage();
      marks.push({ at: now(), io: writeBytes(server!.pid) ?? 0, server: cpuMs(server!.pid) ?? 0, gens: pool!.cpuMs(), self: (u.user + u.system) / 1000, machine: machineCpu(), procs: allProcessesCpu() });
    };
    const markTimers = [setTimeout(mark, Math.max(0, startAt - now())), setTimeout(mark, Math.max(0, startAt + durationMs - now()))];
    const progress = setInterval(() => {
      const s = projector!.snapshots[projector!.snapshots.length - 1];
      log(`  … projector seq ${s?.seq ?? 0}, server RSS ${Math.round((rssKB(server!.pid) ?? 0) / 1024)} MB`);
    }, 5_000);
    let done: BallotReport[];
    try {
      done = await pool.collect('ballots-done', durationMs + 60_000);
    } finally {
      clearInterval(progress);
      markTimers.forEach(clearTimeout);
    }
    if (marks.length < 2) mark();
    const syscallsPerSec = await perfRun;

    // 4. Close the round, then read the final tally.
    pool.send({ type: 'expect-round', roundId: round.id, status: 'closed', timeoutMs: 20_000 });
    await pool.collect('armed', 10_000);
    const closeAt = now();
    await rest(base, 'POST', `/api/assemblies/${assemblyId}/rounds/${round.id}/close`, token, {});
    const closeFan = await pool.collect('fanout', 30_000);
    const closeFanout: number[] = [];
    for (const r of closeFan) for (const t of r.arrivals) if (t > 0) closeFanout.push(t - closeAt);
    await sleep(Math.max(500, (o.tallyIntervalMs ?? 200) * 3));
    const final = await rest<ResultsBody>(base, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    pool.send({ type: 'last-ballots' });
    const last = await pool.collect('last-ballots', 30_000);
    sampler.stop();
    const rssPeakKB = sampler.peakRssKB(c0.at - 1, now());

    await pool.close();
    pool = null;
    projector.socket.close();
    const exit = await server.stop();
    if (o.keepData) writeFileSync(join(dir, 'server.log'), server.output());
    if (exit !== 0) notes.push(`server exited with code ${exit}`);
    server = null;

    // 5. What is stored: open the store read-only once the server is gone.
    const db = new Database(dataFile, { readonly: true, fileMustExist: true });
    const rows = db.prepare('SELECT ballot_id, plus, minus, seq FROM ballots WHERE round_id = ?').all(round.id) as {
      ballot_id: string;
      plus: string;
      minus: string;
      seq: number;
    }[];
    db.close();

    // Loss check: every voter's last acknowledged ballot must be the stored
    // one, or be superseded by a later ballot of the same voter (sent, ack
    // not seen) — never missing or older.
    const stored = rows.length;
    const storedBy = new Map<string, { n: number; plus: string[]; minus: string[]; seq: number }>();
    let unparsable = 0;
    for (const r of rows) {
      const id = parseBallotId(r.ballot_id);
      if (!id) {
        unparsable++;
        continue;
      }
      storedBy.set(`${id.generator}:${id.voter}`, { n: id.n, plus: JSON.parse(r.plus) as string[], minus: JSON.parse(r.minus) as string[], seq: r.seq });
    }
    let lost = 0;
    let ackedVoters = 0;
    let unackedStored = 0;
    let seqMismatch = 0;
    const expectedBallots: { plus: string[]; minus: string[] }[] = [];
    for (const l of last) {
      for (let v = 0; v < l.lastAckedN.length; v++) {
        const ackedN = l.lastAckedN[v]!;
        const s = storedBy.get(`${l.index}:${v}`);
        if (ackedN >= 0) {
          ackedVoters++;
          expectedBallots.push(l.lastAcked[v]!);
          if (!s || s.n < ackedN) lost++;
          else if (s.n > ackedN) unackedStored++;
          else if (s.seq !== l.lastAckedSeq[v]) seqMismatch++;
        } else if (s) unackedStored++;
      }
    }
    if (unparsable) notes.push(`${unparsable} stored ballots with foreign ids`);
    const tallyProblems: string[] = [];
    const fromResults = countsFromResults(final.results);
    const fromStore = countBallots(proposalIds, storedBy.values());
    const fromAcks = countBallots(proposalIds, expectedBallots);
    tallyProblems.push(...diffCounts(fromResults, fromStore, 'results', 'store'));
    if (unackedStored === 0) tallyProblems.push(...diffCounts(fromResults, fromAcks, 'results', 'acked'));
    if (seqMismatch) tallyProblems.push(`${seqMismatch} stored ballots carry another seq than their receipt`);
    const tallyOk = tallyProblems.length === 0;

    // Latencies.
    const sendAt = concat(done.map((d) => d.sendAt));
    const ackAt = concat(done.map((d) => d.ackAt));
    const seq = concat(done.map((d) => d.seq));
    const ackMs = new Float64Array(sendAt.length);
    for (let i = 0; i < sendAt.length; i++) ackMs[i] = ackAt[i]! - sendAt[i]!;
    const ack = summarize(ackMs);
    const snaps = projector.snapshots.filter((s) => s.roundId === round.id);
    const snapSeq = snaps.map((s) => s.seq);
    const proj: number[] = [];
    const projBySend = new Float64Array(seq.length).fill(-1);
    let projectorMissing = 0;
    for (let i = 0; i < seq.length; i++) {
      // First snapshot (in arrival order) whose seq includes this ballot; seqs never go down.
      let lo = 0;
      let hi = snapSeq.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (snapSeq[mid]! >= seq[i]!) hi = mid;
        else lo = mid + 1;
      }
      if (lo < snaps.length) {
        projBySend[i] = snaps[lo]!.at - sendAt[i]!;
        proj.push(projBySend[i]!);
      }
      else projectorMissing++;
    }
    const projector_ = summarize(proj);
    const lastAck = ackAt.reduce((m, x) => Math.max(m, x), startAt);
    const acked = done.reduce((s, d) => s + d.acked, 0);
    const sent = done.reduce((s, d) => s + d.sent, 0);
    // Sustained throughput: acks per one-second bucket over the sending window.
    const buckets = new Array<number>(Math.max(1, Math.floor(durationMs / 1000))).fill(0);
    for (const t of ackAt) {
      const b = Math.floor((t - startAt) / 1000);
      if (b >= 0 && b < buckets.length) buckets[b]!++;
    }
    const perSecond = summarize(buckets);
    const ballotsPerSecMin = Math.min(...buckets);
    const firstAck = ackAt.reduce((m, x) => Math.min(m, x), Infinity);
    // Sustained rate: acks over first ack → last ack. A server that keeps up
    // acks at the offered rate; one that falls behind stretches the span.
    const ballotsPerSecOverall = acked > 1 ? (acked - 1) / ((lastAck - firstAck) / 1000) : 0;
    const drainMs = Math.max(0, lastAck - (startAt + durationMs));

    // Per-second timeline of the ballot stream: where stalls happened and what the machine did then.
    const timeline: TimelineRow[] = [];
    {
      const secs = Math.ceil((Math.max(lastAck, startAt + durationMs) - startAt) / 1000);
      const bySec = Array.from({ length: secs }, () => ({ acks: 0, lat: [] as number[] }));
      for (let i = 0; i < sendAt.length; i++) {
        const sb = Math.floor((sendAt[i]! - startAt) / 1000);
        if (sb >= 0 && sb < secs) bySec[sb]!.lat.push(ackMs[i]!);
        const ab = Math.floor((ackAt[i]! - startAt) / 1000);
        if (ab >= 0 && ab < secs) bySec[ab]!.acks++;
      }
      const samples = sampler.samples;
      const at = (t: number) => {
        // The last sample at or before t (samples are 250 ms apart).
        let best = samples[0]!;
        for (const x of samples) if (x.at <= t) best = x;
        return best;
      };
      for (let k = 0; k < secs; k++) {
        const a = at(startAt + k * 1000);
        const b = at(startAt + (k + 1) * 1000);
        const dt = Math.max(1, b.at - a.at);
        timeline.push({
          second: k,
          acks: bySec[k]!.acks,
          ackP99Ms: rounded(summarize(bySec[k]!.lat).p99)!,
          serverCpuPct: rounded((100 * (b.cpuMs - a.cpuMs)) / dt)!,
          machineBusyCores: rounded((b.machineBusyMs - a.machineBusyMs) / dt, 2)!,
          otherCores: rounded(Math.max(0, b.machineBusyMs - a.machineBusyMs - (b.oursMs - a.oursMs)) / dt, 2)!,
          diskFlushesPerSec: Math.round(((b.disk.flushes - a.disk.flushes) * 1000) / dt),
          diskBusyPct: rounded((100 * (b.disk.ioTicksMs - a.disk.ioTicksMs)) / dt)!,
          diskWriteWaitMsPerSec: Math.round(((b.disk.writeWaitMs - a.disk.writeWaitMs + b.disk.flushWaitMs - a.disk.flushWaitMs) * 1000) / dt),
          rssMB: Math.round(b.rssKB / 1024),
        });
      }
    }

    // The same latencies over the quiet seconds only (less than 0.3 core busy
    // outside the bench): the server's own behaviour, apart from contention.
    const quiet = new Set(timeline.filter((t) => t.otherCores < 0.3).map((t) => t.second));
    const ackQuiet: number[] = [];
    const projQuiet: number[] = [];
    for (let i = 0; i < sendAt.length; i++) {
      if (!quiet.has(Math.floor((sendAt[i]! - startAt) / 1000))) continue;
      ackQuiet.push(ackMs[i]!);
      if (projBySend[i]! >= 0) projQuiet.push(projBySend[i]!);
    }

    // CPU over the sending window.
    const [m0, m1] = marks as [(typeof marks)[0], (typeof marks)[0]];
    const wall = m1.at - m0.at;
    const serverCpuPct = wall > 0 ? (100 * (m1.server - m0.server)) / wall : null;
    const ourMs = m1.server - m0.server + (m1.gens - m0.gens) + (m1.self - m0.self);
    const machineBusy = m1.machine.busyMs - m0.machine.busyMs;
    const otherProcesses = topOthers(m0.procs, m1.procs, new Set([serverPid, process.pid, ...generatorPids]), wall, 5);
    // Machine CPU the bench did not use: other users' processes (also short-lived
    // ones no snapshot saw) and kernel work (interrupts for loopback TCP and disk).
    const otherLoadCores = wall > 0 ? Math.max(0, machineBusy - ourMs) / wall : null;
    const kernelIrqCores = wall > 0 ? (m1.machine.irqMs - m0.machine.irqMs) / wall : null;
    const diskWriteMBps = wall > 0 ? (m1.io - m0.io) / 1024 / 1024 / (wall / 1000) : null;
    const generatorCpuPct = done.map((d) => (100 * d.cpuMs) / d.wallMs);
    const generatorLoopDelayP99Ms = done.map((d) => d.eventLoop.p99Ms);
    const lag = summarize(concat(done.map((d) => d.scheduleLagMs)));
    const generatorBottleneck = generatorCpuPct.some((p) => p > 85) || generatorLoopDelayP99Ms.some((p) => p > 50) || (lag.p99 ?? 0) > 50;
    if (generatorBottleneck) notes.push('the generators were a bottleneck (CPU > 85 %, event-loop delay p99 > 50 ms or schedule lag p99 > 50 ms): figures understate the server');
    const contended = timeline.filter((t) => t.otherCores > 0.5).length;
    if (contended > 0) notes.push(`${contended} of ${timeline.length} seconds had more than half a core busy outside the bench (see timeline: otherCores)`);
    if (otherLoadCores !== null && otherLoadCores > 0.2) {
      const who = otherProcesses.map((p) => `${p.comm}(${p.pid}) ${p.cores}`).join(', ');
      notes.push(`other processes used ${otherLoadCores.toFixed(2)} cores during the ballot stream (contention${who ? `: ${who}` : ''})`);
    }
    const rejections: Record<string, number> = {};
    for (const d of done) for (const [k, v] of Object.entries(d.rejections)) rejections[k] = (rejections[k] ?? 0) + v;

    let profile: ProfileSummary | null = null;
    if (o.profile) {
      const file = findProfile(profDir);
      // The profile starts with the server process: window it on the ballot stream.
      if (file) profile = summarizeProfile(file, 30, startAt - spawnedAt, startAt + durationMs - spawnedAt);
      else notes.push('no CPU profile was written');
    }

    return {
      mode: 'load',
      startedAt: new Date(c0.at).toISOString(),
      commit: gitCommit(o.serverRoot),
      machine: { cores: machineCpu().cores, openFileLimit: fdLimit === Infinity ? null : fdLimit },
      options: o,
      voters,
      connected,
      connectFailed,
      connectSeconds: rounded(connectSeconds, 2)!,
      connectPerSec: Math.round(connected / Math.max(connectSeconds, 1e-3)),
      connectP50Ms: rounded(connectStats.p50),
      connectP99Ms: rounded(connectStats.p99),
      offeredPerSec: Math.round(sent / o.durationSec),
      sent,
      acked,
      rejected: done.reduce((s, d) => s + d.rejected, 0),
      unanswered: done.reduce((s, d) => s + d.unanswered, 0),
      ballotsPerSec: Math.round(ballotsPerSecOverall),
      ballotsPerSecMedian: Math.round(perSecond.p50 ?? 0),
      ballotsPerSecMin,
      drainMs: rounded(drainMs)!,
      ackP50Ms: rounded(ack.p50),
      ackP99Ms: rounded(ack.p99),
      ackMaxMs: rounded(ack.max),
      projectorP50Ms: rounded(projector_.p50),
      projectorP99Ms: rounded(projector_.p99),
      projectorMissing,
      snapshots: snaps.length,
      fanoutP50Ms: rounded(fanoutStats.p50),
      fanoutP99Ms: rounded(fanoutStats.p99),
      fanoutMissed,
      closeFanoutP99Ms: rounded(summarize(closeFanout).p99),
      rssBeforeKB,
      rssConnectedKB,
      rssPeakKB,
      rssPerVoterKB: rounded(rssPerVoterKB, 2),
      serverCpuPct: rounded(serverCpuPct),
      serverCpuConnectPct: rounded((100 * (c1.cpu - c0.cpu)) / (c1.at - c0.at)),
      diskWriteMBps: rounded(diskWriteMBps),
      syscallsPerSec,
      generatorCpuPct: generatorCpuPct.map((x) => rounded(x)!),
      generatorLoopDelayMaxMs: done.map((d) => rounded(d.eventLoop.maxMs)!),
      generatorLoopDelayP99Ms: generatorLoopDelayP99Ms.map((x) => rounded(x)!),
      generatorScheduleLagP99Ms: rounded(lag.p99),
      generatorBottleneck,
      otherLoadCores: rounded(otherLoadCores, 2),
      kernelIrqCores: rounded(kernelIrqCores, 2),
      otherProcesses,
      ackedVoters,
      changedVoters: done.reduce((s, d) => s + d.changedVoters, 0),
      stored,
      unackedStored,
      lost,
      tallyOk,
      tallyProblems: tallyProblems.slice(0, 20),
      rejections,
      connectErrors,
      disconnects: done.reduce((s, d) => s + d.disconnects, 0),
      quietSeconds: quiet.size,
      ackP99QuietMs: rounded(summarize(ackQuiet).p99),
      projectorP99QuietMs: rounded(summarize(projQuiet).p99),
      timeline,
      profile,
      notes,
    };
  } finally {
    sampler?.stop();
    projector?.socket.close();
    await pool?.close().catch(() => {});
    await server?.stop().catch(() => null);
    if (!o.keepData && !o.profile) rmSync(dir, { recursive: true, force: true });
    else log(`data kept in ${dir}`);
  }
}
