import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { App } from '../app.ts';
import type { HubListener } from '../hub/context.ts';
import { armDeadline } from '../hub/roundOwner.ts';
import { startLeadership } from './leader.ts';
import type { ChangeNote } from './notes.ts';
import { startOnlineSharing, type JoinClaim, type OnlineReport } from './online.ts';
import { createReloader } from './reload.ts';
import { startTallySync, type RoundTally } from './tally.ts';

export { notingStore, type ChangeNote } from './notes.ts';

export interface ClusterOptions {
  url: string;
  schema?: string;
  /** This node's name (the PostgreSQL store's node id). */
  node: string;
  roundTally: (roundId: string) => Promise<RoundTally>;
  /** Milliseconds between tally reads (TALLY_INTERVAL_MS). */
  intervalMs: number;
}

export interface Cluster {
  /** Tells the other nodes about a committed write (wired into notingStore). */
  note(n: ChangeNote): void;
  leads(): boolean;
  stop(): Promise<void>;
}

/**
 * Makes this node one of several on one PostgreSQL database:
 * - Socket.IO's PostgreSQL adapter (LISTEN/NOTIFY) carries every broadcast
 *   and disconnect to the sockets of every node, and our own notes;
 * - other nodes' writes are read again from the store (reload.ts);
 * - tallies are the sum of the nodes' partial tallies (tally.ts);
 * - one leader (advisory lock) fires deadlines and sends tally snapshots.
 * Call before the server listens.
 */
export function startCluster(app: App, options: ClusterOptions): Cluster {
  const { hub, io } = app;
  const prefix = `d21:${options.schema ?? 'public'}`;
  const pool = new pg.Pool({ connectionString: options.url, max: 4, connectionTimeoutMillis: 10_000, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) });
  pool.on('error', (e) => console.error('cluster pool error:', e.message));
  io.adapter(createAdapter(pool, { channelPrefix: prefix, errorHandler: (e) => console.error('socket.io adapter:', e.message) }));

  // Untyped inter-node events (the typed map is for clients).
  const bus = io as unknown as { serverSideEmit(ev: string, arg: unknown): void; on(ev: string, fn: (arg: never) => void): void };

  const leadership = startLeadership({
    url: options.url,
    ...(options.schema ? { schema: options.schema } : {}),
    // A new leader takes over the deadlines (one that passed closes at once).
    onLead: () => {
      for (const a of hub.assemblies.values()) for (const live of a.live.values()) armDeadline(hub, a, live);
    },
  });
  const broadcaster = hub.listener;
  const reload = createReloader(hub, () => undefined);
  hub.cluster = {
    sharedTally: true,
    leads: () => leadership.leads(),
    // Staff commands are rare: they always read the assembly again, so a facilitator whose
    // requests land on two nodes never acts on a stale round. Phones only when it is unknown here.
    async catchUp(assemblyId, staff) {
      if (!staff && hub.assemblies.has(assemblyId)) return;
      await reload({ kind: 'assembly', assemblyId });
      if (!hub.assemblies.has(assemblyId)) return;
      await Promise.all((['proposals', 'rounds', 'participants'] as const).map((kind) => reload({ kind, assemblyId })));
    },
  };
  // Only the leader sends tally snapshots; the other events go out from the node that made the change.
  const listener: HubListener = { ...broadcaster, tallyChanged: (a, roundId) => (leadership.leads() ? broadcaster.tallyChanged(a, roundId) : undefined) };
  hub.listener = listener;

  const tally = startTallySync({ ctx: hub, roundTally: options.roundTally, leads: () => leadership.leads(), broadcaster, intervalMs: options.intervalMs });
  const online = startOnlineSharing({
    ctx: hub,
    node: options.node,
    send: (r) => bus.serverSideEmit('d21:online', r),
    claim: (c) => bus.serverSideEmit('d21:joined', c),
  });
  hub.cluster.joinedHere = (a, participantId) => online.joinedHere(a, participantId);
  bus.on('d21:changed', (n: ChangeNote) => void reload(n));
  bus.on('d21:online', (r: OnlineReport) => online.receive(r));
  bus.on('d21:joined', (c: JoinClaim) => online.claimed(c));

  return {
    note: (n) => bus.serverSideEmit('d21:changed', n),
    leads: () => leadership.leads(),
    /** Stops timers and gives up leadership; the adapter's connections end with io.close() (app.close). */
    async stop() {
      tally.stop();
      online.stop();
      await leadership.stop();
      // Not awaited: the adapter holds a LISTEN connection until io.close() releases it.
      void pool.end().catch(() => undefined);
    },
  };
}
