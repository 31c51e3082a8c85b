/**
 * Recovery timing: a store holding an open round with 1,000,000 ballots
 * (and as many participants), then the time from spawning the server to
 * its first correct results answer (ballot count and every tally equal to
 * what was written).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSqliteStore } from '../server/store/sqlite.ts';
import { ballotPool, diffCounts, type Counts } from './ballots.ts';
import { cpuMs, machineCpu, rssKB } from './proc.ts';
import { findProfile, summarizeProfile, type ProfileSummary } from './profile.ts';
import { BENCH_OPERATOR_TOKEN, startBenchServer } from './server.ts';
import { now, round, sleep } from './stats.ts';

export interface RecoveryOptions {
  ballots: number;
  proposals?: number;
  winners?: number;
  /** Server starts to time on the same store. */
  repeat?: number;
  keepData?: boolean;
  serverRoot?: string;
  serverNodeArgs?: string[];
  /** Profile each server start with `node --cpu-prof` and summarise the last one. */
  profile?: boolean;
  log?: (line: string) => void;
}

export interface RecoveryRun {
  /** Spawn to "running on port". */
  listeningMs: number;
  /** Spawn to the first results answer with every count right. */
  readyMs: number;
  rssKB: number | null;
  otherLoadCores: number | null;
}

export interface RecoveryResult {
  mode: 'recovery';
  startedAt: string;
  ballots: number;
  participants: number;
  storeMB: number;
  writeSeconds: number;
  runs: RecoveryRun[];
  recoveryMs: number;
  recoveryBestMs: number;
  correct: boolean;
  profile: ProfileSummary | null;
  notes: string[];
}

/**
 * Builds the store: the server's own store module creates the schema
 * (createSqliteStore + init), the real server sets up the assembly, 20
 * proposals and an open round through its REST API (so every row has
 * whatever columns the current schema wants), then 1,000,000 participants
 * and ballots go in with raw bulk inserts into the same tables.
 */
async function buildStore(file: string, ballots: number, proposals: number, winners: number, root?: string) {
  // The schema of the server under test: with --server-root, that checkout's store module.
  const create: typeof createSqliteStore = root
    ? ((await import(pathToFileURL(join(root, 'server/store/sqlite.ts')).href)) as { createSqliteStore: typeof createSqliteStore }).createSqliteStore
    : createSqliteStore;
  const store = create({ file, synchronous: 'NORMAL' });
  await store.init();
  await store.close();

  const server = await startBenchServer({ dataFile: file, ...(root ? { root } : {}) });
  let assemblyId: string;
  /** The facilitator's token: the open round's live figures (token-less reads see released batches). */
  let facilitatorToken: string;
  let roundId: string;
  let proposalIds: string[];
  let rules: { plus: number; minus: number; ratio: number };
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const call = async <T>(method: string, path: string, token?: string, body?: unknown): Promise<T> => {
      const res = await fetch(base + path, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await res.json()) as { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
      if (!json.ok) throw new Error(`${method} ${path}: ${json.error.code} ${json.error.message}`);
      return json.data;
    };
    const created = await call<{ assembly: { id: string }; facilitatorToken: string }>('POST', '/api/assemblies', BENCH_OPERATOR_TOKEN, { title: 'Recovery bench' });
    assemblyId = created.assembly.id;
    const token = created.facilitatorToken;
    facilitatorToken = token;
    proposalIds = [];
    for (let i = 0; i < proposals; i++) {
      proposalIds.push((await call<{ id: string }>('POST', `/api/assemblies/${assemblyId}/proposals`, token, { title: `Proposal ${i + 1}` })).id);
    }
    const round = await call<{ id: string; rules: { plus: number; minus: number; ratio: number } }>('POST', `/api/assemblies/${assemblyId}/rounds`, token, {
      proposalIds,
      winners,
    });
    roundId = round.id;
    rules = round.rules;
    await call('POST', `/api/assemblies/${assemblyId}/rounds/${roundId}/open`, token, {});
  } finally {
    await server.stop();
  }

  const pool = ballotPool(proposalIds, rules, 4096, 42).map((b) => ({ ...b, plusJson: JSON.stringify(b.plus), minusJson: JSON.stringify(b.minus) }));
  const expected: Counts = { ballots: 0, abstentions: 0, plus: {}, minus: {} };
  for (const id of proposalIds) {
    expected.plus[id] = 0;
    expected.minus[id] = 0;
  }
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const addParticipant = db.prepare('INSERT INTO participants (id, assembly_id, token_hash, created_at) VALUES (?, ?, ?, ?)');
  const addBallot = db.prepare('INSERT INTO ballots (round_id, participant_id, ballot_id, plus, minus, seq, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const at = Date.now();
  const chunk = 50_000;
  for (let start = 0; start < ballots; start += chunk) {
    const n = Math.min(chunk, ballots - start);
    const ids = randomBytes(9 * n);
    const hashes = randomBytes(32 * n);
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const seq = start + i + 1;
        const pid = ids.subarray(9 * i, 9 * i + 9).toString('base64url');
        addParticipant.run(pid, assemblyId, hashes.subarray(32 * i, 32 * i + 32).toString('hex'), at);
        const b = pool[(seq * 2654435761) % pool.length]!;
        addBallot.run(roundId, pid, `rec${seq.toString(36).padStart(6, '0')}`, b.plusJson, b.minusJson, seq, at + seq);
        expected.ballots++;
        if (b.plus.length === 0 && b.minus.length === 0) expected.abstentions++;
        for (const id of b.plus) expected.plus[id]!++;
        for (const id of b.minus) expected.minus[id]!++;
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { assemblyId, roundId, expected, facilitatorToken };
}

export async function runRecovery(opts: RecoveryOptions): Promise<RecoveryResult> {
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'd21-recovery-'));
  const file = join(dir, 'd21.sqlite');
  const notes: string[] = [];
  try {
    const t0 = now();
    log(`recovery: writing ${opts.ballots.toLocaleString('en')} ballots and participants to ${file}`);
    const { assemblyId, roundId, expected, facilitatorToken } = await buildStore(file, opts.ballots, opts.proposals ?? 20, opts.winners ?? 3, opts.serverRoot);
    const writeSeconds = (now() - t0) / 1000;
    const storeMB = statSync(file).size / 1024 / 1024;
    log(`recovery: store written in ${writeSeconds.toFixed(1)} s (${storeMB.toFixed(0)} MB)`);

    const runs: RecoveryRun[] = [];
    let profile: ProfileSummary | null = null;
    let correct = true;
    for (let r = 0; r < (opts.repeat ?? 3); r++) {
      const m0 = machineCpu();
      const self0 = process.cpuUsage();
      const profDir = join(dir, `profile-${r + 1}`);
      if (opts.profile) mkdirSync(profDir);
      const server = await startBenchServer({
        dataFile: file,
        startTimeoutMs: 120_000,
        ...(opts.serverRoot ? { root: opts.serverRoot } : {}),
        nodeArgs: [...(opts.serverNodeArgs ?? []), ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])],
      });
      try {
        const base = `http://127.0.0.1:${server.port}`;
        const deadline = now() + 120_000;
        let readyAt: number | null = null;
        let problems: string[] = [];
        while (now() < deadline) {
          try {
            const res = await fetch(`${base}/api/assemblies/${assemblyId}/rounds/${roundId}/results`, { headers: { authorization: `Bearer ${facilitatorToken}` }, signal: AbortSignal.timeout(10_000) });
            const body = (await res.json()) as { ok: boolean; data?: { results: { ballots: number; abstentions: number; options: { id: string; plus: number; minus: number }[] } } };
            if (body.ok && body.data) {
              const got: Counts = { ballots: body.data.results.ballots, abstentions: body.data.results.abstentions, plus: {}, minus: {} };
              for (const o of body.data.results.options) {
                got.plus[o.id] = o.plus;
                got.minus[o.id] = o.minus;
              }
              problems = diffCounts(got, expected, 'served', 'written');
              if (problems.length === 0) {
                readyAt = now();
                break;
              }
            }
          } catch {
            // Not answering yet.
          }
          await sleep(10);
        }
        const m1 = machineCpu();
        const serverCpu = cpuMs(server.pid) ?? 0;
        const self = process.cpuUsage(self0);
        if (readyAt === null) {
          correct = false;
          notes.push(`run ${r + 1}: no correct results within 120 s (${problems.slice(0, 3).join('; ')})`);
          continue;
        }
        const wall = readyAt - server.spawnedAt;
        const run: RecoveryRun = {
          listeningMs: Math.round(server.listeningAt - server.spawnedAt),
          readyMs: Math.round(wall),
          rssKB: rssKB(server.pid),
          // Machine CPU not spent by the server or this process: someone else's.
          otherLoadCores: round(Math.max(0, m1.busyMs - m0.busyMs - serverCpu - (self.user + self.system) / 1000) / wall, 2),
        };
        runs.push(run);
        log(`recovery run ${r + 1}: listening after ${run.listeningMs} ms, correct results after ${run.readyMs} ms, RSS ${Math.round((run.rssKB ?? 0) / 1024)} MB`);
      } finally {
        await server.stop();
      }
      if (opts.profile) {
        const f = findProfile(profDir);
        const last = runs[runs.length - 1];
        if (f && last) profile = summarizeProfile(f, 30, 0, last.readyMs);
      }
    }
    const times = runs.map((r) => r.readyMs).sort((a, b) => a - b);
    return {
      mode: 'recovery',
      startedAt: new Date(t0).toISOString(),
      ballots: opts.ballots,
      participants: opts.ballots,
      storeMB: round(storeMB)!,
      writeSeconds: round(writeSeconds, 2)!,
      runs,
      recoveryMs: times[Math.floor((times.length - 1) / 2)] ?? -1,
      recoveryBestMs: times[0] ?? -1,
      correct: correct && runs.length > 0,
      profile,
      notes,
    };
  } finally {
    if (!opts.keepData) rmSync(dir, { recursive: true, force: true });
    else log(`data kept in ${dir}`);
  }
}
