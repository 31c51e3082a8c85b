import { networkInterfaces } from 'node:os';
import { z } from 'zod';

/** Environment, checked once at start: a typo fails loudly, not later. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_FILE: z.string().default('./data/d21.sqlite'),
  /** postgres://… : use PostgreSQL (the cluster's shared truth) instead of the SQLite file. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  /** PostgreSQL schema for the tables (default: the server's search_path, usually public). */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  PUBLIC_URL: z.url().optional(),
  TALLY_INTERVAL_MS: z.coerce.number().int().min(20).max(5000).default(100),
  SQLITE_SYNC: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** Group commit: at most one SQLite commit per this many ms (0 = every event-loop turn). */
  SQLITE_COMMIT_MS: z.coerce.number().min(0).max(50).default(2),
  LOG_LEVEL: z.enum(['silent', 'info']).default('info'),
  /** Proxies whose X-Forwarded-For names the client (REST and sockets alike): loopback, CIDRs, a hop count, true/false. */
  TRUST_PROXY: z.string().default('loopback'),
  /** Rate limits (see server/rateLimit.ts); bursts are twice the rate (ten times for connects). */
  RATE_SOCKET_PER_SEC: z.coerce.number().positive().default(20),
  RATE_IP_PER_SEC: z.coerce.number().positive().default(10000),
  RATE_CONNECT_PER_SEC: z.coerce.number().positive().default(1000),
  /** People the hall holds: sizes per-address limits (a venue's NAT) and the open-file check. */
  HALL_SIZE: z.coerce.number().int().min(10).max(1_000_000).default(1000),
  /** Creating assemblies needs this key; unset: one is made at first start and kept beside the data file. */
  OPERATOR_TOKEN: z.string().min(16, 'OPERATOR_TOKEN must be at least 16 characters').optional(),
  /** A connection that has not sent a complete request within this many ms is closed. */
  /** Measure the event loop's delay and print p50/p99/max at shutdown (the bench reads it). */
  LOOP_DELAY_REPORT: z.enum(['0', '1']).default('0'),
  HANDSHAKE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
});

export type Config = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The address phones should use: the first non-internal IPv4 address of
 * this machine (phones cannot reach "localhost"), else localhost.
 */
export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const ni of list ?? []) {
      if (ni.family === 'IPv4' && !ni.internal) return ni.address;
    }
  }
  return 'localhost';
}

export function publicUrlFor(config: Pick<Config, 'PUBLIC_URL'>, port: number): string {
  return (config.PUBLIC_URL ?? `http://${lanAddress()}:${port}`).replace(/\/+$/, '');
}

/** The three entry points of an assembly. The facilitator token rides in the fragment, which browsers never send to servers. */
export function assemblyUrls(publicUrl: string, assemblyId: string, facilitatorToken?: string) {
  return {
    join: `${publicUrl}/a/${assemblyId}`,
    screen: `${publicUrl}/a/${assemblyId}/screen`,
    facilitator: `${publicUrl}/a/${assemblyId}/facilitator${facilitatorToken ? `#token=${facilitatorToken}` : ''}`,
  };
}

export function limitsFrom(config: Config) {
  return {
    socketPerSec: config.RATE_SOCKET_PER_SEC,
    socketBurst: config.RATE_SOCKET_PER_SEC * 2,
    ipPerSec: config.RATE_IP_PER_SEC,
    ipBurst: config.RATE_IP_PER_SEC * 2,
    connectPerSec: config.RATE_CONNECT_PER_SEC,
    connectBurst: config.RATE_CONNECT_PER_SEC * 10,
  };
}
