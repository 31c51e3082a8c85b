import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { now } from './stats.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface BenchServer {
  pid: number;
  port: number;
  child: ChildProcess;
  /** Epoch ms just before spawn and when "running on port" was printed. */
  spawnedAt: number;
  listeningAt: number;
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited in time. Resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
}

export interface ServerOptions {
  dataFile: string;
  /** Extra environment (TALLY_INTERVAL_MS, SQLITE_SYNC, …); unset = production defaults. */
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
  /** A checkout holding server/index.ts (default: this one), to A/B a server change. */
  root?: string;
  /** The script to run (default server/index.ts; the bare reference hub is bench/referenceHub.ts). */
  entry?: string;
}

/**
 * The real entry point (server/index.ts) as its own process, with the
 * production settings: NODE_ENV=production, the embedded SQLite store,
 * SQLITE_SYNC and TALLY_INTERVAL_MS at their defaults unless overridden.
 * It listens on 0.0.0.0 so generators can dial 127.0.0.2, 127.0.0.3, …
 */
/** The operator key the bench's server is started with (POST /api/assemblies needs it). */
export const BENCH_OPERATOR_TOKEN = 'bench-operator-key-0123456789';

export async function startBenchServer(opts: ServerOptions): Promise<BenchServer> {
  const spawnedAt = now();
  // SQLite unless the options ask for PostgreSQL: a DATABASE_URL exported for the tests is not inherited.
  const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, ...inherited } = process.env;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.entry ?? 'server/index.ts'], {
    cwd: opts.root ?? repoRoot,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'http://127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_FILE: opts.dataFile,
      // Creating the bench's assembly needs the operator key; bench voters come from a few addresses.
      OPERATOR_TOKEN: BENCH_OPERATOR_TOKEN,
      HALL_SIZE: '50000',
      // The server prints its event-loop delay at shutdown (bench report).
      LOOP_DELAY_REPORT: '1',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep only the head and tail of the output: a flood of errors must not eat memory.
  let head = '';
  let tail = '';
  const keep = (d: Buffer) => {
    const s = d.toString();
    if (head.length < 200_000) head += s;
    else tail = (tail + s).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // BENCH_SERVER_LOG=FILE keeps the server's whole output (e.g. with --node-args=--trace-gc).
  if (process.env.BENCH_SERVER_LOG) {
    const log = createWriteStream(process.env.BENCH_SERVER_LOG);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  const output = () => (tail ? `${head}\n…\n${tail}` : head);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const { port, listeningAt } = await new Promise<{ port: number; listeningAt: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${output()}`));
    }, opts.startTimeoutMs ?? 60_000);
    const check = () => {
      const m = /running on port (\d+)/.exec(head);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve({ port: Number(m[1]), listeningAt: now() });
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output()}`));
    });
  });

  return {
    pid: child.pid!,
    port,
    child,
    spawnedAt,
    listeningAt,
    output,
    async stop(timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
