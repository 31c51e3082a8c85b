import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Three nodes + HAProxy on this machine, against one PostgreSQL database:
 * `npm run cluster` (DATABASE_URL required), and the cluster tests and
 * bench. Node i listens on 127.0.0.1:<port>, HAProxy on `port` in front of
 * them with deploy/haproxy.cfg.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

export interface NodeProcess {
  port: number;
  child: ChildProcess;
  output(): string;
  /** kill -9: nothing is flushed, its sockets just drop. */
  kill(): Promise<void>;
  alive: boolean;
}

export interface LocalCluster {
  /** HAProxy's address: what phones and screens use. */
  url: string;
  nodes: NodeProcess[];
  haproxy: ChildProcess;
  /** The operator key every node shares (creating assemblies, GET /api/metrics). */
  operatorToken: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Ends a child process: `signal` first, SIGKILL if it has not exited after
 * `graceMs`, so that stopping a cluster (or a test's server) never waits
 * forever on a process that ignores SIGTERM.
 */
export async function endProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function startNode(port: number, env: Record<string, string>): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const node: NodeProcess = {
    port,
    child,
    output: () => out,
    alive: true,
    async kill() {
      node.alive = false;
      await endProcess(child, 'SIGKILL');
    },
  };
  child.once('exit', () => (node.alive = false));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node :${port} did not print "running on port" within 60 s:\n${out}`));
    }, 60_000);
    const check = () => {
      if (/running on port/.test(out)) {
        clearTimeout(timer);
        resolve(node);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`node :${port} exited with ${code}:\n${out}`)));
  });
}

async function waitForHealth(url: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startLocalCluster(options: {
  databaseUrl: string;
  schema?: string;
  port?: number;
  nodePorts?: number[];
  /** Extra environment for every node (TALLY_INTERVAL_MS, LOG_LEVEL …). */
  env?: Record<string, string>;
}): Promise<LocalCluster> {
  const port = options.port ?? (await freePort());
  const nodePorts = options.nodePorts ?? [await freePort(), await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    DATABASE_URL: options.databaseUrl,
    ...(options.schema ? { DATABASE_SCHEMA: options.schema } : {}),
    DATA_FILE: join(mkdtempSync(join(tmpdir(), 'd21-cluster-')), 'unused.sqlite'),
    PUBLIC_URL: url,
    // One operator key for all nodes: the given one, the OPERATOR_TOKEN setting, or a new one.
    OPERATOR_TOKEN: process.env.OPERATOR_TOKEN ?? randomBytes(24).toString('base64url'),
    ...options.env,
  };
  // The first node migrates and creates the first assembly; then the others.
  // If one fails to start, the ones already running are stopped (nothing left behind).
  const first = await startNode(nodePorts[0]!, env);
  const started = await Promise.allSettled(nodePorts.slice(1).map((p) => startNode(p, env)));
  const failed = started.find((r) => r.status === 'rejected');
  const nodes = [first, ...started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
  if (failed) {
    await Promise.all(nodes.map((n) => endProcess(n.child)));
    throw failed.reason;
  }
  const haproxy = spawn('haproxy', ['-db', '-f', join(root, 'deploy/haproxy.cfg')], {
    env: {
      ...process.env,
      D21_BIND: `127.0.0.1:${port}`,
      ...Object.fromEntries(nodePorts.map((p, i) => [`D21_NODE${i + 1}`, `127.0.0.1:${p}`])),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let haproxyErr = '';
  haproxy.stderr!.on('data', (d: Buffer) => (haproxyErr += d.toString()));
  const stop = () => Promise.all([haproxy, ...nodes.map((n) => n.child)].map((c) => endProcess(c))).then(() => undefined);
  await waitForHealth(url).catch(async (e: unknown) => {
    await stop();
    throw new Error(`${(e as Error).message}; haproxy said:\n${haproxyErr}`);
  });
  return { url, nodes, haproxy, operatorToken: env.OPERATOR_TOKEN!, stop };
}

// `npm run cluster`: HAProxy on :3000 (PORT), nodes on :3001-3003, until Ctrl-C.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('npm run cluster needs DATABASE_URL=postgres://user@host:5432/database');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  const cluster = await startLocalCluster({ databaseUrl, port, nodePorts: [port + 1, port + 2, port + 3] });
  console.log(cluster.nodes[0]!.output());
  console.log(`HAProxy on ${cluster.url} in front of nodes on ports ${cluster.nodes.map((n) => n.port).join(', ')}. Ctrl-C stops them all.`);
  // The key goes to an interactive terminal only, never to a log (docs/security.md).
  if (process.env.OPERATOR_TOKEN) console.log('Operator key: the OPERATOR_TOKEN setting.');
  else if (process.stdout.isTTY) console.log(`Operator key (creating assemblies, GET /api/metrics): ${cluster.operatorToken}`);
  else console.log('Operator key: set OPERATOR_TOKEN to choose one (a new one was made for this run and is not printed: output is not a terminal).');
  const stop = () => void cluster.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
