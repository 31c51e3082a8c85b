/**
 * `npm run bench -- --reference`: the same phones and the same open-loop
 * ballot stream against the bare Socket.IO hub of bench/referenceHub.ts,
 * in the same run and on the same machine as the product (issue 16). What
 * it reports is the floor the transport alone costs: the product's CPU per
 * ballot and ack p99 are divided by these (target: CPU per ballot ≤ 2×).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GeneratorPool } from './generators.ts';
import type { GeneratorConfig } from './ipc.ts';
import { cpuMs, rssKB } from './proc.ts';
import { startBenchServer, type BenchServer } from './server.ts';
import { concat, now, round, sleep, summarize } from './stats.ts';

export interface ReferenceOptions {
  voters: number;
  rate: number;
  durationSec: number;
  generators: number;
  addressing: 'phone' | 'generator';
  connectConcurrency: number;
  log?: (line: string) => void;
}

export interface ReferenceResult {
  connected: number;
  acked: number;
  rejected: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  fanoutP99Ms: number | null;
  /** Server CPU over the ballot stream, % of one core. */
  serverCpuPct: number;
  /** Server CPU ms per acknowledged ballot. */
  cpuMsPerBallot: number | null;
  rssPerVoterKB: number | null;
  serverLoopDelay: { p50Ms: number; p99Ms: number; maxMs: number } | null;
}

/** Runs the reference stream; always stops the hub and the generators. */
export async function runReference(o: ReferenceOptions): Promise<ReferenceResult> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'd21-bench-ref-'));
  let hub: BenchServer | null = null;
  let pool: GeneratorPool | null = null;
  try {
    hub = await startBenchServer({ dataFile: join(dir, 'unused.sqlite'), entry: 'bench/referenceHub.ts' });
    log(`reference: bare Socket.IO hub on port ${hub.port}`);
    const perGen = Math.ceil(o.voters / o.generators);
    const configs: GeneratorConfig[] = [];
    for (let g = 0, left = o.voters; g < o.generators; g++) {
      const n = Math.min(perGen, left);
      left -= n;
      configs.push({ index: g, url: `http://127.0.0.${2 + g}:${hub.port}`, assemblyId: 'reference', voters: n, addressing: o.addressing, connectConcurrency: o.connectConcurrency, connectTimeoutMs: 180_000 });
    }
    pool = new GeneratorPool(configs);
    await pool.collect('ready', 60_000);
    await sleep(1_000);
    const rssBefore = rssKB(hub.pid) ?? 0;
    pool.send({ type: 'connect' });
    const conn = await pool.collect('connected', 240_000);
    const connected = conn.reduce((s, r) => s + r.connected, 0);
    await sleep(3_000);
    const rssPerVoterKB = connected ? ((rssKB(hub.pid) ?? 0) - rssBefore) / connected : null;

    pool.send({ type: 'expect-round', roundId: 'reference-round', status: 'open', timeoutMs: 20_000 });
    await pool.collect('armed', 10_000);
    const openAt = now();
    await fetch(`http://127.0.0.1:${hub.port}/round/reference-round/open`, { method: 'POST' });
    const fan = await pool.collect('fanout', 30_000);
    const fanout = fan.flatMap((r) => [...r.arrivals].filter((t) => t > 0).map((t) => t - openAt));

    await sleep(500);
    const startAt = now() + 300;
    const durationMs = o.durationSec * 1000;
    const proposalIds = Array.from({ length: 20 }, (_, i) => `p${i + 1}`);
    conn.forEach((r, g) => {
      pool!.send({ type: 'ballots', plan: { roundId: 'reference-round', proposalIds, rules: { plus: 5, minus: 2, ratio: 2 }, rate: (o.rate * r.connected) / connected, startAt, durationMs, drainTimeoutMs: 30_000 } }, g);
    });
    log(`reference: ballots ${o.rate}/s for ${o.durationSec} s`);
    let cpu0 = 0;
    let cpu1 = 0;
    const pid = hub.pid;
    const marks = [setTimeout(() => (cpu0 = cpuMs(pid) ?? 0), Math.max(0, startAt - now())), setTimeout(() => (cpu1 = cpuMs(pid) ?? 0), Math.max(0, startAt + durationMs - now()))];
    const done = await pool.collect('ballots-done', durationMs + 60_000);
    marks.forEach(clearTimeout);
    if (!cpu1) cpu1 = cpuMs(pid) ?? 0;
    const acked = done.reduce((s, d) => s + d.acked, 0);
    const ackMs = concat(done.map((d) => d.ackAt.map((t, i) => t - d.sendAt[i]!)));
    const ack = summarize(ackMs);
    await pool.close();
    pool = null;
    await hub.stop();
    const loop = /event-loop delay: (\{.*\})/.exec(hub.output());
    hub = null;
    const serverCpuPct = ((cpu1 - cpu0) / durationMs) * 100;
    // Acks inside the measured window: the offered rate times its length.
    const inWindow = Math.min(acked, o.rate * o.durationSec);
    return {
      connected,
      acked,
      rejected: done.reduce((s, d) => s + d.rejected, 0),
      ackP50Ms: round(ack.p50),
      ackP99Ms: round(ack.p99),
      fanoutP99Ms: round(summarize(fanout).p99),
      serverCpuPct: round(serverCpuPct)!,
      cpuMsPerBallot: inWindow ? round((cpu1 - cpu0) / inWindow, 4) : null,
      rssPerVoterKB: round(rssPerVoterKB),
      serverLoopDelay: loop ? (JSON.parse(loop[1]!) as ReferenceResult['serverLoopDelay']) : null,
    };
  } finally {
    await pool?.close().catch(() => {});
    await hub?.stop().catch(() => null);
    rmSync(dir, { recursive: true, force: true });
  }
}
