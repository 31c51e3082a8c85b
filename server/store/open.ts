import type { Config } from '../config.ts';
import { createPostgresStore, type PostgresStore } from './postgres.ts';
import { createSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

/**
 * The store the configuration asks for: PostgreSQL when DATABASE_URL is set
 * (several nodes share it), else the embedded SQLite file (one process, no
 * server to run). Migrated before it is returned.
 */
export async function openStore(config: Config): Promise<{ store: Store; postgres: PostgresStore | null; where: string }> {
  const postgres = config.DATABASE_URL
    ? createPostgresStore({ url: config.DATABASE_URL, ...(config.DATABASE_SCHEMA ? { schema: config.DATABASE_SCHEMA } : {}) })
    : null;
  const store = postgres ?? createSqliteStore({ file: config.DATA_FILE, synchronous: config.SQLITE_SYNC, commitIntervalMs: config.SQLITE_COMMIT_MS });
  await store.init();
  return { store, postgres, where: config.DATABASE_URL ? `PostgreSQL ${redact(config.DATABASE_URL)}` : config.DATA_FILE };
}

/** The URL without its password, for logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
