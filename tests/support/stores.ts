import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore } from '../../server/store/postgres.ts';
import { createSqliteStore } from '../../server/store/sqlite.ts';
import type { Store } from '../../server/store/types.ts';
import { tempDataFile } from './server.ts';

/**
 * The PostgreSQL server the tests use: $DATABASE_URL. In CI (CI=true) a
 * missing one is a failure; on a machine without it the PostgreSQL tests
 * are skipped, loudly.
 */
export function testDatabaseUrl(): string | null {
  const url = process.env.DATABASE_URL;
  if (url) return url;
  if (process.env.CI === 'true') throw new Error('CI=true but DATABASE_URL is not set: the PostgreSQL store tests must run in CI (.ci/run starts PostgreSQL).');
  console.warn('\n*** DATABASE_URL is not set: SKIPPING the PostgreSQL store tests (set DATABASE_URL=postgres://… to run them). ***\n');
  return null;
}

/** A fresh schema name, so parallel test files and runs never share tables. */
export const freshSchema = () => `t_${process.pid}_${randomBytes(4).toString('hex')}`;

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Opens a store of one backend on a given place (SQLite file or PostgreSQL schema): reopening it is a restart. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Opens (and migrates) a store on this backend's place; every call is a new node/process. */
  open(): Promise<Store>;
  /** Drops the place (PostgreSQL schema). */
  dispose(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const file = tempDataFile();
  let last: Store | null = null;
  return {
    name: 'sqlite',
    async open() {
      // One server per SQLite file (it holds an exclusive lock, docs/security.md):
      // a second "node" is the same file opened again after the first closed.
      if (last) await last.close().catch(() => undefined);
      const store = createSqliteStore({ file, synchronous: 'NORMAL' });
      await store.init();
      last = store;
      return store;
    },
    async dispose() {},
  };
}

export function postgresBackend(url: string): Backend {
  const schema = freshSchema();
  return {
    name: 'postgres',
    async open() {
      const store = createPostgresStore({ url, schema, poolSize: 4 });
      await store.init();
      return store;
    },
    dispose: () => dropSchema(url, schema),
  };
}

/** Both backends when PostgreSQL is available, else SQLite alone. */
export function backends(): { name: string; make: () => Backend }[] {
  const url = testDatabaseUrl();
  return [{ name: 'sqlite', make: sqliteBackend }, ...(url ? [{ name: 'postgres', make: () => postgresBackend(url) }] : [])];
}
