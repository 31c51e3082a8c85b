import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import QRCode from 'qrcode';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { assemblyUrls, limitsFrom, loadConfig, publicUrlFor } from './config.ts';
import { createAssembly } from './hub/index.ts';
import { openStore } from './store/open.ts';
import { notingStore, startCluster, type Cluster } from './cluster/index.ts';
import { forTerminal } from '../shared/protocol/text.ts';
import { fileLimitWarning } from './connections.ts';
import { newToken } from './ids.ts';
import { DataFileLockedError } from './store/lock.ts';

// The only module with side effects: environment, store file, listening.
const config = loadConfig();
let opened: Awaited<ReturnType<typeof openStore>>;
try {
  opened = await openStore(config);
} catch (e) {
  // A second server on the same data file: refuse, plainly.
  if (e instanceof DataFileLockedError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
const { store, postgres, where } = opened;
// With PostgreSQL this process is one node of a possible cluster (server/cluster).
let cluster: Cluster | null = null;
const hubStore = postgres ? notingStore(store, (n) => cluster?.note(n)) : store;
const warning = fileLimitWarning(config.HALL_SIZE);
if (warning) console.warn(`Warning: ${warning}`);

/**
 * The operator's key for creating assemblies: the OPERATOR_TOKEN setting,
 * else made at first start and kept beside the data file (mode 0600).
 */
const dataDir = config.DATA_FILE === ':memory:' ? '.' : dirname(config.DATA_FILE);
const operatorFile = join(dataDir, 'operator-token');
let operatorToken = config.OPERATOR_TOKEN ?? (existsSync(operatorFile) ? readFileSync(operatorFile, 'utf8').trim() : '');
if (!operatorToken) {
  operatorToken = newToken();
  if (config.DATA_FILE !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(operatorFile, `${operatorToken}\n`, { mode: 0o600 });
    chmodSync(operatorFile, 0o600);
  }
}

let port = config.PORT;
const publicUrl = () => publicUrlFor(config, port);
const app = await createApp({
  store: hubStore,
  clock: systemClock,
  tallyIntervalMs: config.TALLY_INTERVAL_MS,
  publicUrl,
  limits: limitsFrom(config),
  trustProxy: config.TRUST_PROXY,
  // A worker thread ready before the first opinion groups are asked for.
  workers: { keepWarm: true },
  operatorToken,
  hallSize: config.HALL_SIZE,
  handshakeTimeoutMs: config.HANDSHAKE_TIMEOUT_MS,
});

if (postgres && config.DATABASE_URL) {
  cluster = startCluster(app, {
    url: config.DATABASE_URL,
    ...(config.DATABASE_SCHEMA ? { schema: config.DATABASE_SCHEMA } : {}),
    node: postgres.nodeId,
    roundTally: (id) => postgres.roundTally(id),
    intervalMs: config.TALLY_INTERVAL_MS,
  });
}

await new Promise<void>((resolve, reject) => {
  app.http.once('error', reject);
  app.http.listen(config.PORT, config.HOST, () => resolve());
});
port = (app.http.address() as AddressInfo).port;

/**
 * First start: create a ready-to-use assembly so the printed links work at
 * once. Its facilitator token is kept beside the database (mode 0600) so
 * later starts can print the facilitator link again.
 */
const tokenFile = join(dataDir, 'facilitator-token.json');
const saved: Record<string, string> = existsSync(tokenFile) ? (JSON.parse(readFileSync(tokenFile, 'utf8')) as Record<string, string>) : {};
// The banner shows the operator's own assembly (the one whose token is on
// file), never simply the newest: anyone could have created that one.
let latest = [...app.hub.assemblies.values()].filter((a) => saved[a.row.id]).sort((a, b) => b.row.createdAt - a.row.createdAt)[0];
if (!latest) {
  const created = await createAssembly(app.hub, { title: 'Assembly' });
  latest = created.state;
  saved[latest.row.id] = created.facilitatorToken;
  if (config.DATA_FILE !== ':memory:') {
    mkdirSync(dirname(tokenFile), { recursive: true });
    writeFileSync(tokenFile, JSON.stringify(saved, null, 2));
    chmodSync(tokenFile, 0o600);
  }
}

if (config.LOG_LEVEL === 'info') {
  const urls = assemblyUrls(publicUrl(), latest.row.id, saved[latest.row.id]);
  const qr = await QRCode.toString(urls.join, { type: 'terminal', small: true });
  // The facilitator link carries a secret: printed only to a person at a
  // terminal, never into a service's log (docs/security.md).
  const facilitatorLine = !saved[latest.row.id]
    ? '(token not on file: create a new assembly at the home page)'
    : process.stdout.isTTY
      ? urls.facilitator
      : `${assemblyUrls(publicUrl(), latest.row.id).facilitator} (token not printed: output is not a terminal; add #token=<the token in ${tokenFile}> to this link)`;
  console.log(`
D21 assembly voting is running on port ${port} (data: ${forTerminal(where)})

  Assembly "${forTerminal(latest.row.title)}"
  Facilitator: ${facilitatorLine}
  Projector:   ${urls.screen}
  Join:        ${urls.join}
  New assembly: ${publicUrl()}/${process.stdout.isTTY ? `#operator=${operatorToken}` : ` (operator key: ${config.OPERATOR_TOKEN ? 'the OPERATOR_TOKEN setting' : operatorFile})`}

Phones join by scanning:
${qr}`);
}

// Event-loop delay (perf_hooks), printed at shutdown for the bench report.
const loopDelay = config.LOOP_DELAY_REPORT === '1' ? monitorEventLoopDelay({ resolution: 10 }) : null;
loopDelay?.enable();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  if (loopDelay) {
    loopDelay.disable();
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    console.log(`event-loop delay: ${JSON.stringify({ p50Ms: ms(loopDelay.percentile(50)), p99Ms: ms(loopDelay.percentile(99)), maxMs: ms(loopDelay.max) })}`);
  }
  console.log(`\n${signal}: closing (ballots already acknowledged are stored).`);
  // Whatever hangs (a database that went away), the process ends.
  setTimeout(() => process.exit(1), 10_000).unref();
  await cluster?.stop();
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
