import pg from 'pg';

/**
 * One node of the cluster leads: the one holding a PostgreSQL session
 * advisory lock. It fires round deadlines and sends tally snapshots. When
 * it dies (even kill -9) its session ends, the lock is free, and another
 * node takes it within `retryMs`. Together with the round upsert's
 * lifecycle guard (a closed round cannot be closed twice), a deadline
 * closes its round exactly once across the cluster.
 */
export interface Leadership {
  leads(): boolean;
  stop(): Promise<void>;
}

export function startLeadership(options: { url: string; schema?: string; retryMs?: number; onLead: () => void }): Leadership {
  let client: pg.Client | null = null;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function attempt(): Promise<void> {
    timer = null;
    if (stopped) return;
    try {
      if (!client) {
        // Bounded: a connect or a query that hangs is a lost attempt, retried, never a node stuck as a follower.
        const c = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5000, query_timeout: 5000, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}) });
        c.on('error', () => lose(c));
        c.on('end', () => lose(c));
        await c.connect();
        client = c;
      }
      const res = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended('d21-leader:' || current_schema(), 0)) AS ok`);
      if (res.rows[0]?.ok && !stopped) {
        leading = true;
        options.onLead();
        return;
      }
    } catch {
      if (client) lose(client);
    }
    if (!stopped) timer = setTimeout(() => void attempt(), options.retryMs ?? 1000);
  }

  /** The connection holding (or asking for) the lock is gone: we no longer lead. */
  function lose(c: pg.Client): void {
    if (client !== c) return;
    client = null;
    leading = false;
    c.end().catch(() => undefined);
    if (!stopped && !timer) timer = setTimeout(() => void attempt(), options.retryMs ?? 1000);
  }

  void attempt();
  return {
    leads: () => leading,
    async stop() {
      stopped = true;
      leading = false;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
