import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import type { Clock } from './clock.ts';
import { createHub, getAssembly, stopHub, type HubContext } from './hub/index.ts';
import { apiRouter } from './http/api.ts';
import { metricsHandler } from './http/metrics.ts';
import { sendError } from './http/respond.ts';
import { createBroadcaster } from './realtime/broadcaster.ts';
import { registerSession } from './realtime/session.ts';
import { rooms, type IoServer } from './realtime/types.ts';
import { AbuseGuard, abuseLimitsFor, type AbuseLimits } from './abuse.ts';
import { limitConnections } from './connections.ts';
import type { Store } from './store/types.ts';
import { createWorkerPool, type WorkerPoolOptions } from './workers/pool.ts';
import { DEFAULT_LIMITS, KeyedBuckets, TokenBucket, type RateLimits } from './rateLimit.ts';
import { errAck } from '../shared/protocol/errors.ts';
import { storeErrorCode } from './storeErrors.ts';
import { clientAddress, compileTrust } from './clientAddress.ts';
import { HeavyReadGuard, heavyLimitsFor, type HeavyReadLimits } from './heavyReads.ts';
import { DEFAULT_SLOW_CONSUMER_LIMITS, dropSlowConsumers, type SlowConsumerLimits } from './realtime/slowConsumers.ts';

export interface AppOptions {
  store: Store;
  clock: Clock;
  /** Milliseconds between coalesced tally snapshots per assembly. */
  tallyIntervalMs?: number;
  /** Base URL phones use; a function because the port may be known only after listen. */
  publicUrl?: () => string;
  /** Rate limits; defaults suit a hall of phones behind one NAT. */
  limits?: Partial<RateLimits>;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY, see server/clientAddress.ts). Default: loopback. */
  trustProxy?: string;
  /** Built client to serve; defaults to client/dist when it exists. */
  clientDir?: string | null;
  /** Worker-thread pool for opinion groups and other heavy computations (server/workers). */
  workers?: WorkerPoolOptions;
  /** The operator's key: creating an assembly needs it (docs/security.md). */
  operatorToken: string;
  /** People the hall holds: sizes per-address join and connection limits. */
  hallSize?: number;
  /** Abuse limits (defaults from hallSize). */
  abuse?: Partial<AbuseLimits>;
  /** A connection must send a complete request within this many ms. */
  handshakeTimeoutMs?: number;
  /** Budgets of heavy reads and screens per address (server/heavyReads.ts; defaults from hallSize). */
  heavy?: Partial<HeavyReadLimits>;
  /** When a client that stops reading is cut (server/realtime/slowConsumers.ts). */
  slowConsumers?: Partial<SlowConsumerLimits>;
}

export interface App {
  http: HttpServer;
  io: IoServer;
  hub: HubContext;
  close(): Promise<void>;
}

const defaultClientDir = fileURLToPath(new URL('../client/dist', import.meta.url));

/** Builds the whole server around an injected store and clock; no listening, no env. */
export async function createApp(options: AppOptions): Promise<App> {
  const hub = await createHub(options.store, options.clock);
  hub.workers = createWorkerPool(options.workers);
  const app = express();
  app.disable('x-powered-by');
  const trustProxy = options.trustProxy ?? 'loopback';
  const trust = compileTrust(trustProxy);
  app.set('trust proxy', trust);
  const hallSize = options.hallSize ?? 1000;
  const guard = new AbuseGuard({ ...abuseLimitsFor(hallSize), ...options.abuse });
  const heavy = new HeavyReadGuard({ ...heavyLimitsFor(hallSize), ...options.heavy });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          upgradeInsecureRequests: null,
        },
      },
      // Phones reach the server over plain http on the LAN.
      strictTransportSecurity: false,
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
    }),
  );

  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const perIp = new KeyedBuckets(limits.ipPerSec, limits.ipBurst);
  const connects = new KeyedBuckets(limits.connectPerSec, limits.connectBurst);
  app.use('/api', (req, res, next) => {
    if (perIp.take(`http:${req.ip ?? ''}`, Date.now())) return next();
    res.set('Retry-After', '1');
    sendError(res, 'RATE_LIMITED', 'Too many requests from this address; wait a moment and try again.');
  });

  // Load balancers' health check (deploy/haproxy.cfg): this node serves.
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true });
  });

  const http = createServer(app);
  limitConnections(http, { perAddress: hallSize + 100, handshakeMs: options.handshakeTimeoutMs ?? 10_000 });
  const publicUrl = options.publicUrl ?? (() => 'http://localhost');
  // Cluster: another node may have just changed this assembly; read it again first.
  app.use('/api/assemblies/:id', (req, _res, next) => {
    if (!hub.cluster) return next();
    hub.cluster.catchUp(String(req.params.id), true).then(() => next(), next);
  });
  app.get('/api/metrics', metricsHandler(hub, options.operatorToken, () => io.engine.clientsCount));
  app.use('/api', apiRouter(hub, publicUrl, options.operatorToken, (req) => heavy.takePublic(req.ip ?? '', Date.now())));

  const clientDir = options.clientDir === undefined ? defaultClientDir : options.clientDir;
  if (clientDir && existsSync(clientDir)) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // A join code typed in another case goes to the assembly's own address,
    // so the phone keeps one spelling (its saved token is keyed by it).
    app.get(/^\/a\/([A-Za-z0-9_-]{1,64})(\/[a-z]+)?\/?$/, (req, res, next) => {
      const [id, rest] = [String(req.params[0]), req.params[1] ? String(req.params[1]) : ''];
      const found = getAssembly(hub, id);
      if (!found.ok || found.value.row.id === id) return next();
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      res.redirect(302, `/a/${found.value.row.id}${rest}${query}`);
    });
    // The single-page app owns every other path (/, /a/:id, /a/:id/screen …).
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile('index.html', { root: clientDir });
    });
  }

  // Body-parser failures (bad JSON, too large) and anything unexpected.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = error as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') return sendError(res, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
    if (e.type === 'entity.parse.failed') return sendError(res, 'BAD_REQUEST', 'The request body is not valid JSON.');
    if (e.status && e.status >= 400 && e.status < 500) return sendError(res, 'BAD_REQUEST', e.message ?? 'Bad request.');
    const coded = storeErrorCode(error);
    if (coded) return sendError(res, coded.code, coded.message);
    console.error('request failed:', error);
    sendError(res, 'INTERNAL', 'Something went wrong on the server; nothing was changed.');
  });

  const io: IoServer = new Server(http, {
    // Ballots are small; a 128 KB frame is above any valid command (schemas cap lengths).
    maxHttpBufferSize: 128 * 1024,
    perMessageDeflate: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
    pingInterval: 25_000,
    pingTimeout: 20_000,
  });
  const broadcaster = createBroadcaster(io, hub, options.tallyIntervalMs ?? 100);
  const stopSweep = dropSlowConsumers(io, { ...DEFAULT_SLOW_CONSUMER_LIMITS, ...options.slowConsumers });
  hub.listener = broadcaster;
  // The console hears of joins per address and failed codes at most once a second.
  const securityTimers = new Map<string, NodeJS.Timeout>();
  const securityChanged = (assemblyId: string) => {
    if (securityTimers.has(assemblyId)) return;
    securityTimers.set(
      assemblyId,
      setTimeout(() => {
        securityTimers.delete(assemblyId);
        io.to(rooms.facilitators(assemblyId)).emit('security:updated', guard.report(assemblyId, Date.now()));
      }, 1000),
    );
  };

  io.use((socket, next) => {
    if (connects.take(clientAddress(socket.request, trust), Date.now())) return next();
    const e = new Error('RATE_LIMITED') as Error & { data: unknown };
    e.data = { code: 'RATE_LIMITED', message: 'Too many connections from this address; retrying shortly.' };
    next(e);
  });

  const rateLimited = (packet: unknown[], message: string) => {
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') (ack as (a: unknown) => void)(errAck('RATE_LIMITED', message));
  };
  io.on('connection', (socket) => {
    // Every command costs a token from the socket's bucket and its address's.
    const bucket = new TokenBucket(limits.socketPerSec, limits.socketBurst, Date.now());
    const address = clientAddress(socket.request, trust);
    const heavyHere = { id: socket.id, address, bucket: heavy.socketBucket(Date.now()) };
    socket.once('disconnect', () => heavy.gone(address, socket.id));
    socket.use((packet, next) => {
      const now = Date.now();
      if (bucket.take(now) && perIp.take(`ws:${address}`, now)) {
        // Reads whose reply grows with the assembly have their own budgets (server/heavyReads.ts).
        const asked = packet[0] === 'session:join' ? (packet[1] as { role?: unknown } | undefined)?.role : socket.data.role;
        const refused = heavy.check(String(packet[0]), asked === 'voter' || asked === 'facilitator' || asked === 'staff' ? asked : 'screen', heavyHere, now);
        if (refused) return void rateLimited(packet, refused);
        if (!hub.cluster) return next();
        // Cluster: staff commands see every change made on other nodes; a join, an assembly created elsewhere.
        const joining = packet[0] === 'session:join' ? (packet[1] as { assemblyId?: unknown } | undefined)?.assemblyId : null;
        const id = typeof joining === 'string' ? joining : socket.data.assemblyId;
        const staff = socket.data.role === 'facilitator' || (joining !== null && (packet[1] as { role?: unknown }).role !== 'voter');
        return id ? void hub.cluster.catchUp(id, staff).then(() => next(), () => next()) : next();
      }
      rateLimited(packet, 'Too many requests; wait a moment and send again.');
    });
    registerSession(hub, socket, { address, guard, securityChanged });
  });

  return {
    http,
    io,
    hub,
    async close() {
      broadcaster.stop();
      stopSweep();
      for (const t of securityTimers.values()) clearTimeout(t);
      stopHub(hub);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      await hub.workers?.close();
      await options.store.close();
    },
  };
}
