import { afterEach } from 'vitest';
import type { Store } from '../../server/store/types.ts';
import type { Backend } from './stores.ts';

/**
 * Stores opened on one fresh backend per test ("nodes" sharing it: two
 * PostgreSQL stores are two nodes, a reopened SQLite file a restart); all
 * closed and the backend disposed after each test.
 */
export function storeNodes(make: () => Backend): () => Promise<Store> {
  let backend: Backend | undefined;
  const open: Store[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close().catch(() => undefined);
    await backend?.dispose();
    backend = undefined;
  });
  return async () => {
    backend ??= make();
    const s = await backend.open();
    open.push(s);
    return s;
  };
}
