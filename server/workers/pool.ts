import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { runTask, type TaskInput, type TaskName, type TaskOutput } from './tasks.ts';

/**
 * A pool of worker threads for CPU-heavy pure computations (opinion groups
 * today; reports, breakdowns and exports can join: see tasks.ts), so the
 * hub's event loop keeps answering phones while they run.
 *
 * Built on piscina (piscinajs/piscina, maintained by Node.js core
 * contributors, MIT, no required dependencies): it queues tasks, reuses
 * threads, moves transferables without copying, bounds the queue and, on
 * Linux, lowers the threads' CPU priority (`niceIncrement`) so that on a
 * small machine the hub's thread is scheduled first. See
 * docs/opinion-groups.md "Off the event loop".
 *
 * Unless `keepWarm`, the pool starts no thread until the first task, and an
 * idle thread exits after `idleTimeoutMs`, so servers that never compute
 * anything (most tests) cost nothing.
 */
export interface WorkerPool {
  /**
   * Runs task `name` in a worker thread. `transfer` lists ArrayBuffers to
   * move rather than copy (they become unusable in the caller). Rejects
   * with the task's error, or with code QUEUE_FULL when `maxQueue` tasks
   * are already waiting.
   */
  run<N extends TaskName>(name: N, input: TaskInput<N>, transfer?: ArrayBuffer[]): Promise<TaskOutput<N>>;
  /** Tasks run so far and the threads alive (for bench and health figures). */
  stats(): { completed: number; threads: number; queued: number };
  /** Waits for running tasks, then stops every thread. */
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  /** Most threads at once; default: cores − 1 (at least 1, at most 4). */
  threads?: number;
  /** Tasks allowed to wait for a thread before `run` rejects. */
  maxQueue?: number;
  idleTimeoutMs?: number;
  /**
   * Start one thread now and keep it (the running server): the first task
   * then does not wait for a thread to start and load its code (about a
   * second, more on a busy machine). Off by default so that test servers
   * that never compute start no thread.
   */
  keepWarm?: boolean;
  /** Run tasks in the calling thread (only for tests of task logic). */
  inline?: boolean;
}

const workerFile = new URL('./worker.mjs', import.meta.url).href;

/** Default thread count: leave one core to the hub's event loop. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  if (options.inline) return inlinePool();
  const threads = options.threads ?? defaultThreads();
  let piscina: Piscina | null = null;
  let closed = false;
  const start = () => {
    piscina ??= new Piscina({
      filename: workerFile,
      minThreads: options.keepWarm ? 1 : 0,
      maxThreads: threads,
      idleTimeout: options.idleTimeoutMs ?? 30_000,
      maxQueue: options.maxQueue ?? 64,
      niceIncrement: 5,
      // Tasks are synchronous computations: let idle threads sleep in Atomics.wait.
      atomics: 'sync',
    });
    return piscina;
  };
  if (options.keepWarm) start();
  return {
    async run(name, input, transfer) {
      if (closed) throw Object.assign(new Error('The worker pool is closed.'), { code: 'POOL_CLOSED' });
      try {
        return (await start().run({ name, input }, transfer ? { transferList: transfer } : {})) as TaskOutput<typeof name>;
      } catch (error) {
        if (error instanceof Error && /queue is at limit/i.test(error.message)) throw Object.assign(error, { code: 'QUEUE_FULL' });
        throw error;
      }
    },
    stats() {
      return { completed: piscina?.completed ?? 0, threads: piscina?.threads.length ?? 0, queued: piscina?.queueSize ?? 0 };
    },
    async close() {
      closed = true;
      const p = piscina;
      piscina = null;
      if (p) await p.close();
    },
  };
}

/** The same interface running each task in the calling thread. */
function inlinePool(): WorkerPool {
  let completed = 0;
  return {
    async run(name, input) {
      const out: TaskOutput<typeof name> = runTask({ name, input });
      completed++;
      return out;
    },
    stats: () => ({ completed, threads: 0, queued: 0 }),
    async close() {},
  };
}
