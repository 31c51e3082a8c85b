import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { assemblyUrls, limitsFrom, loadConfig, publicUrlFor } from './config.ts';
import { createAssembly } from './hub/index.ts';
import { openStore } from './store/open.ts';
import { notingStore, startCluster, type Cluster } from './cluster/index.ts';

// The only module with side effects: environment, store file, listening.
const config = loadConfig();
const { store, postgres, where } = await openStore(config);
// With PostgreSQL this process is one node of a possible cluster (server/cluster).
let cluster: Cluster | null = null;
const hubStore = postgres ? notingStore(store, (n) => cluster?.note(n)) : store;

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
const tokenFile = join(config.DATA_FILE === ':memory:' ? '.' : dirname(config.DATA_FILE), 'facilitator-token.json');
const saved: Record<string, string> = existsSync(tokenFile) ? (JSON.parse(readFileSync(tokenFile, 'utf8')) as Record<string, string>) : {};
let latest = [...app.hub.assemblies.values()].sort((a, b) => b.row.createdAt - a.row.createdAt)[0];
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
  console.log(`
D21 assembly voting is running on port ${port} (data: ${where})

  Assembly "${latest.row.title}"
  Facilitator: ${saved[latest.row.id] ? urls.facilitator : '(token not on file: create a new assembly at the home page)'}
  Projector:   ${urls.screen}
  Join:        ${urls.join}
  New assembly: ${publicUrl()}/

Phones join by scanning:
${qr}`);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: closing (ballots already acknowledged are stored).`);
  // Whatever hangs (a database that went away), the process ends.
  setTimeout(() => process.exit(1), 10_000).unref();
  await cluster?.stop();
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
