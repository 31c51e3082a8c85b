import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { endProcess } from '../../deploy/cluster.ts';
import { createApp, type App } from '../../server/app.ts';
import { systemClock, type Clock } from '../../server/clock.ts';
import { createSqliteStore } from '../../server/store/sqlite.ts';
import type { Store } from '../../server/store/types.ts';
import type { RateLimits } from '../../server/rateLimit.ts';
import type { AbuseLimits } from '../../server/abuse.ts';
import type { HeavyReadLimits } from '../../server/heavyReads.ts';
import type { SlowConsumerLimits } from '../../server/realtime/slowConsumers.ts';
import type { Ack } from '../../shared/protocol/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The operator key of every test server: creating an assembly needs it
 * (docs/security.md). `rest()` sends it on `POST /api/assemblies` when the
 * caller gives no token of its own.
 */
export const TEST_OPERATOR_TOKEN = 'test-operator-key-0123456789';

export function tempDataFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'd21-test-')), 'd21.sqlite');
}

export interface TestServer {
  app: App;
  url: string;
  file: string;
  close(): Promise<void>;
}

/** A real server on a free port, in this process, with a real SQLite file. */
export async function startServer(
  opts: {
    file?: string;
    store?: Store;
    clock?: Clock;
    tallyIntervalMs?: number;
    clientDir?: string | null;
    limits?: Partial<RateLimits>;
    /** People the hall holds (per-address limits); tests join hundreds from 127.0.0.1. */
    hallSize?: number;
    abuse?: Partial<AbuseLimits>;
    /** Budgets of heavy reads and screens per address (server/heavyReads.ts). */
    heavy?: Partial<HeavyReadLimits>;
    /** When a client that stops reading is cut (server/realtime/slowConsumers.ts). */
    slowConsumers?: Partial<SlowConsumerLimits>;
    handshakeTimeoutMs?: number;
  } = {},
): Promise<TestServer> {
  const file = opts.file ?? tempDataFile();
  // A given store (e.g. PostgreSQL from tests/support/stores.ts) is used as it is; `file` then names nothing.
  const store = opts.store ?? createSqliteStore({ file, synchronous: 'NORMAL' });
  if (!opts.store) await store.init();
  let url = '';
  const app = await createApp({
    store,
    clock: opts.clock ?? systemClock,
    tallyIntervalMs: opts.tallyIntervalMs ?? 50,
    publicUrl: () => url,
    clientDir: opts.clientDir === undefined ? null : opts.clientDir,
    ...(opts.limits ? { limits: opts.limits } : {}),
    operatorToken: TEST_OPERATOR_TOKEN,
    hallSize: opts.hallSize ?? 20_000,
    ...(opts.abuse ? { abuse: opts.abuse } : {}),
    ...(opts.heavy ? { heavy: opts.heavy } : {}),
    ...(opts.slowConsumers ? { slowConsumers: opts.slowConsumers } : {}),
    ...(opts.handshakeTimeoutMs ? { handshakeTimeoutMs: opts.handshakeTimeoutMs } : {}),
  });
  await new Promise<void>((resolve) => app.http.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  return { app, url, file, close: () => app.close() };
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** Crash (SIGKILL): nothing is flushed. */
  kill(): Promise<void>;
}

/** The real server as its own process (`tsx server/index.ts`), for restart and crash tests. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  // SQLite unless `env` asks for PostgreSQL: the tests' DATABASE_URL is not inherited.
  const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', PUBLIC_URL: 'http://127.0.0.1', OPERATOR_TOKEN: TEST_OPERATOR_TOKEN, HALL_SIZE: '20000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not print "running on port" within 30 s:\n${out}`));
    }, 30_000);
    const check = () => {
      const m = /running on port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    stop: () => endProcess(child, 'SIGTERM'),
    kill: () => endProcess(child, 'SIGKILL'),
  };
}

/**
 * Connects one socket (WebSocket, no automatic reconnection). Never waits
 * forever: Socket.IO's own `timeout` covers only the transport's opening,
 * not the namespace handshake after it, and a server that dies between the
 * two closes the socket with `disconnect`, not `connect_error`. Both end
 * here as an error naming the address and what did not happen.
 */
export function connect(url: string, timeoutMs = 10_000, opts: { forwardedFor?: string } = {}): Promise<TestSocket> {
  // forwardedFor: a phone at that address seen through the trusted proxy (loopback), for per-address limits.
  const headers = opts.forwardedFor ? { extraHeaders: { 'x-forwarded-for': opts.forwardedFor } } : {};
  const socket: TestSocket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: timeoutMs, ...headers });
  return new Promise((resolve, reject) => {
    const settle = (error: Error | null) => {
      clearTimeout(timer);
      socket.off('connect', onConnect).off('connect_error', onError).off('disconnect', onClose);
      if (!error) return resolve(socket);
      socket.close();
      reject(error);
    };
    const onConnect = () => settle(null);
    const onError = (e: Error) => settle(new Error(`socket to ${url}: connect_error (${e.message})`));
    const onClose = (reason: string) => settle(new Error(`socket to ${url}: closed (${reason}) before Socket.IO connected`));
    const timer = setTimeout(() => settle(new Error(`socket to ${url}: no Socket.IO connect within ${timeoutMs} ms`)), timeoutMs);
    socket.on('connect', onConnect).on('connect_error', onError).on('disconnect', onClose);
  });
}

/** Emits a command and waits for its ack. */
export async function call<T = unknown>(socket: TestSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
  return (await socket.timeout(10_000).emitWithAck(event as 'state:sync', payload as Record<string, never>)) as Ack<T>;
}

/** Unwraps a successful ack or throws with its error, for setup steps. */
export async function must<T = unknown>(socket: TestSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  const ack = await call<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** REST helper returning the parsed envelope and status; a request unanswered after `timeoutMs` fails, naming itself. */
export async function rest<T = unknown>(
  url: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; csv?: string; timeoutMs?: number } = {},
): Promise<{ status: number; body: Ack<T> }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  else if (method === 'POST' && path === '/api/assemblies') headers.authorization = `Bearer ${TEST_OPERATOR_TOKEN}`;
  let body: string | undefined;
  if (opts.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = opts.csv;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const timeoutMs = opts.timeoutMs ?? 30_000;
  try {
    const res = await fetch(url + path, { method, headers, signal: AbortSignal.timeout(timeoutMs), ...(body !== undefined ? { body } : {}) });
    return { status: res.status, body: (await res.json()) as Ack<T> };
  } catch (e) {
    if ((e as Error).name === 'TimeoutError') throw new Error(`${method} ${url}${path}: no answer within ${timeoutMs} ms`, { cause: e });
    throw e;
  }
}
