/**
 * The end-to-end benchmark (issue 5): the real server as its own process,
 * one projector, N simulated phones in several generator processes.
 * bench/run.ts is the command line; the smoke test calls runBench directly.
 * Its options and result are in loadResult.ts, its REST and projector
 * clients in clients.ts, the loss check in lossCheck.ts.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rest, startProjector, type ResultsBody } from './clients.ts';
import { GeneratorPool } from './generators.ts';
import type { BallotReport, GeneratorConfig } from './ipc.ts';
import { MAX_SOCKETS_PER_GENERATOR, type BenchOptions, type BenchResult } from './loadResult.ts';
import { checkStored, type StoredBallot } from './lossCheck.ts';
import { matchLatencies } from './latency.ts';
import { buildTimeline } from './timeline.ts';
import { allProcessesCpu, cpuMs, machineCpu, openFileLimit, ProcSampler, rssKB, topOthers, writeBytes } from './proc.ts';
import { perfStat } from './perf.ts';
import { findProfile, summarizeProfile, type ProfileSummary } from './profile.ts';
import { BENCH_OPERATOR_TOKEN, repoRoot, startBenchServer, type BenchServer } from './server.ts';
import { concat, now, round as rounded, sleep, summarize } from './stats.ts';

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

function storedOnSqlite(dataFile: string, roundId: string): StoredBallot[] {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT ballot_id, plus, minus, seq FROM ballots WHERE round_id = ?').all(roundId) as StoredBallot[];
  } finally {
    db.close();
  }
}

/** The stored ballots of a PostgreSQL bench run, then its schema is dropped. */
async function storedOnPostgres(databaseUrl: string, schema: string, roundId: string): Promise<StoredBallot[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const r = await db.query<StoredBallot>(`SELECT ballot_id, plus::text AS plus, minus::text AS minus, seq FROM ${schema}.ballots WHERE round_id = $1`, [roundId]);
    return r.rows;
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.end();
  }
}

/**
 * The console reading a round's opinion groups every `everyMs` over the
 * stream window (issue 11), one read at a time. Resolves with how long the
 * reads took and how many ballots the last one rested on.
 */
/**
 * The console reads the round's opinion groups every `everyMs` during the
 * stream; with `windowMs`, only in the odd windows (the 2nd, 4th, … of
 * `windowMs` each), so one run compares ack latency with and without the
 * reads under the same machine conditions (see `groupsWindows`).
 */
async function readGroupsDuring(base: string, assemblyId: string, roundId: string, token: string, everyMs: number, startAt: number, durationMs: number, windowMs: number | null) {
  const took: number[] = [];
  let failed = 0;
  let voters: number | null = null;
  await sleep(Math.max(0, startAt - now()));
  for (let next = startAt; next < startAt + durationMs; next += everyMs) {
    if (windowMs !== null && !readsIn(next - startAt, windowMs)) continue;
    await sleep(Math.max(0, next - now()));
    const t = now();
    try {
      const view = await rest<{ ballots?: number }>(base, 'GET', `/api/assemblies/${assemblyId}/rounds/${roundId}/opinion-groups`, token);
      took.push(now() - t);
      voters = view.ballots ?? voters;
    } catch {
      failed++;
    }
  }
  const s = summarize(took);
  return { count: took.length, failed, p50Ms: rounded(s.p50), maxMs: rounded(s.max), voters };
}

/** With alternating windows: whether the console reads groups at `offsetMs` into the stream (odd windows). */
const readsIn = (offsetMs: number, windowMs: number) => Math.floor(offsetMs / windowMs) % 2 === 1;

/**
 * Ack latency of ballots sent in windows with group reads against those
 * sent in windows without (issue 11: "within 10 ms"), the first window
 * (warm-up) left out of both.
 */
function groupsWindows(sendAt: ArrayLike<number>, ackMs: ArrayLike<number>, startAt: number, windowMs: number) {
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < sendAt.length; i++) {
    const offset = sendAt[i]! - startAt;
    if (offset < windowMs || !(ackMs[i]! >= 0)) continue;
    (readsIn(offset, windowMs) ? on : off).push(ackMs[i]!);
  }
  const [a, b] = [summarize(on), summarize(off)];
  return {
    windowSec: windowMs / 1000,
    with: { ballots: a.n, p50Ms: rounded(a.p50), p99Ms: rounded(a.p99) },
    without: { ballots: b.n, p50Ms: rounded(b.p50), p99Ms: rounded(b.p99) },
    p99DiffMs: a.p99 !== null && b.p99 !== null ? rounded(a.p99 - b.p99) : null,
  };
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
    groupsEverySec: opts.groupsEverySec ?? null,
    groupsWindowSec: opts.groupsWindowSec ?? null,
    databaseUrl: opts.databaseUrl ?? null,
  };
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'd21-bench-'));
  const dataFile = join(dir, 'd21.sqlite');
  const profDir = join(dir, 'profile');
  if (o.profile) mkdirSync(profDir);
  const env: Record<string, string> = {};
  // --store postgres: the same one node on PostgreSQL (per-node capacity for issue 16), in a schema of its own.
  const pgSchema = o.databaseUrl ? `bench_${Math.random().toString(36).slice(2, 10)}` : null;
  if (o.databaseUrl && pgSchema) Object.assign(env, { DATABASE_URL: o.databaseUrl, DATABASE_SCHEMA: pgSchema });
  if (o.tallyIntervalMs !== null) env.TALLY_INTERVAL_MS = String(o.tallyIntervalMs);
  if (o.sqliteSync !== null) env.SQLITE_SYNC = o.sqliteSync;

  let server: BenchServer | null = null;
  let pool: GeneratorPool | null = null;
  let projector: Awaited<ReturnType<typeof startProjector>> | null = null;
  let sampler: ProcSampler | null = null;
  try {
    log(`server: starting from ${o.serverRoot} (data ${pgSchema ? `PostgreSQL schema ${pgSchema}` : dataFile}${o.serverNodeArgs.length ? `, node ${o.serverNodeArgs.join(' ')}` : ''}${o.profile ? ', --cpu-prof' : ''})`);
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
    const created = await rest<{ assembly: { id: string }; facilitatorToken: string }>(base, 'POST', '/api/assemblies', BENCH_OPERATOR_TOKEN, { title: 'Bench assembly' });
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
    const groupReads = o.groupsEverySec === null ? null : readGroupsDuring(base, assemblyId, round.id, token, o.groupsEverySec * 1000, startAt, durationMs, o.groupsWindowSec === null ? null : o.groupsWindowSec * 1000);
    let done: BallotReport[];
    try {
      done = await pool.collect('ballots-done', durationMs + 60_000);
    } finally {
      clearInterval(progress);
      markTimers.forEach(clearTimeout);
    }
    const groupReadFigures = groupReads ? await groupReads : null;
    if (groupReadFigures) log(`opinion groups read ${groupReadFigures.count} times during the stream (${groupReadFigures.failed} failed), p50 ${groupReadFigures.p50Ms} ms`);
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
    const loop = /event-loop delay: (\{.*\})/.exec(server.output());
    const serverLoop = loop ? (JSON.parse(loop[1]!) as { p50Ms: number; p99Ms: number; maxMs: number }) : null;
    if (!serverLoop) notes.push('the server printed no event-loop delay');
    if (o.keepData) writeFileSync(join(dir, 'server.log'), server.output());
    if (exit !== 0) notes.push(`server exited with code ${exit}`);
    server = null;

    // 5. What is stored: open the store read-only once the server is gone.
    const rows = pgSchema ? await storedOnPostgres(o.databaseUrl!, pgSchema, round.id) : storedOnSqlite(dataFile, round.id);

    const { stored, lost, ackedVoters, unackedStored, tallyProblems, tallyOk } = checkStored(rows, last, proposalIds, final.results, notes);

    const snaps = projector.snapshots.filter((x) => x.roundId === round.id);
    const { sendAt, ackAt, ackMs, ack, projBySend, projector: projector_, projectorMissing } = matchLatencies(done, snaps);
    if (pgSchema) notes.push('ballot→projector latency is not measured on PostgreSQL (a snapshot carries the summed tally\'s version, not ballot sequence numbers); the --nodes 3 bench measures projector lag by counts');
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
    const timeline = buildTimeline({ sendAt, ackAt, ackMs, startAt, endAt: Math.max(lastAck, startAt + durationMs), samples: sampler.samples });

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
      groupReads: groupReadFigures,
      groupsWindows: o.groupsWindowSec === null || o.groupsEverySec === null ? null : groupsWindows(sendAt, ackMs, startAt, o.groupsWindowSec * 1000),
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
      // On PostgreSQL a snapshot's seq is the summed tally's version, not a ballot's sequence number: no match.
      projectorP50Ms: pgSchema ? null : rounded(projector_.p50),
      projectorP99Ms: pgSchema ? null : rounded(projector_.p99),
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
      serverLoopDelayP99Ms: serverLoop?.p99Ms ?? null,
      serverLoopDelayMaxMs: serverLoop?.maxMs ?? null,
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
      projectorP99QuietMs: pgSchema ? null : rounded(summarize(projQuiet).p99),
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
