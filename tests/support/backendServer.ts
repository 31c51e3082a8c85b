import { afterAll, beforeAll } from 'vitest';
import type { Backend } from './stores.ts';
import { connect, must, startServer, type TestServer, type TestSocket } from './server.ts';

/**
 * A real server on one store backend for a describe block (started in
 * beforeAll, stopped in afterAll with its store), the sockets joined through
 * it, and a restart on the same store (sockets dropped first).
 */
export function serverOnBackend(make: () => Backend, tallyIntervalMs = 20) {
  let backend: Backend | null = null;
  let server: TestServer | null = null;
  const sockets: TestSocket[] = [];
  const start = async () => {
    server = await startServer({ store: await backend!.open(), tallyIntervalMs });
  };
  beforeAll(async () => {
    backend = make();
    await start();
  });
  afterAll(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server?.close();
    await backend?.dispose();
  });
  return {
    get server(): TestServer {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get url(): string {
      return this.server.url;
    },
    /** Joins a new socket to `assemblyId` in `role` (`extra`: token, code …). */
    async join(assemblyId: string, role: 'facilitator' | 'staff' | 'voter', extra: Record<string, string> = {}): Promise<TestSocket> {
      const s = await connect(this.url);
      sockets.push(s);
      await must(s, 'session:join', { assemblyId, role, ...extra });
      return s;
    },
    /** A socket made elsewhere, closed with the rest. */
    track(s: TestSocket): void {
      sockets.push(s);
    },
    /** Drops every socket, stops the server and starts a new one on the same store. */
    async restart(): Promise<void> {
      for (const s of sockets.splice(0)) s.disconnect();
      await server!.close();
      await start();
    },
  };
}
