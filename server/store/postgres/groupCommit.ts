import type { Pool, PoolClient } from 'pg';

/**
 * Executes one batch inside an open transaction. It may turn down single
 * writes (`rejected`: write → error) while the rest commit; `committed` runs
 * after COMMIT (to keep in-memory state that must match what is stored).
 */
export type BatchRunner<W> = (client: PoolClient, batch: W[]) => Promise<{ rejected: Map<W, unknown>; committed?: () => void }>;

/** PostgreSQL error codes after which the whole batch is simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Group commit for PostgreSQL: writes queue up while one transaction is in
 * flight and then go together in the next one, so the batch grows with the
 * commit latency (one COMMIT for hundreds of ballots under load, one for a
 * single write when the room is quiet). Each write's promise settles after
 * COMMIT (ack after durable). A deadlock or serialization failure (two
 * nodes touching the same rows in another order) reruns the batch.
 * Batches of one queue run one after the other, in order.
 */
export function createGroupCommit<W extends { resolve: () => void; reject: (e: unknown) => void }>(pool: Pool, runBatch: BatchRunner<W>) {
  let queue: W[] = [];
  let running: Promise<void> | null = null;

  async function runOnce(batch: W[]): Promise<Map<W, unknown>> {
    const client = await pool.connect();
    try {
      for (let attempt = 0; ; attempt++) {
        await client.query('BEGIN');
        try {
          const { rejected, committed } = await runBatch(client, batch);
          await client.query('COMMIT');
          committed?.();
          return rejected;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          const code = (e as { code?: string }).code;
          if (attempt < 5 && code && RETRYABLE.has(code)) continue;
          throw e;
        }
      }
    } finally {
      client.release();
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const rejected = await runOnce(batch);
        for (const w of batch) {
          const why = rejected.get(w);
          if (why === undefined) w.resolve();
          else w.reject(why);
        }
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
    running = null;
  }

  return {
    /** Queues a write; resolves after the COMMIT of the batch holding it. */
    push(w: W): void {
      queue.push(w);
      running ??= Promise.resolve().then(drain);
    },
    /** Resolves when every write queued so far is committed (or failed). */
    async settled(): Promise<void> {
      while (running) await running;
    },
  };
}
