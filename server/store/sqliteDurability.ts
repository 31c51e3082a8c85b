/**
 * Durability of the SQLite store without fsync on the event loop.
 *
 * better-sqlite3 is synchronous: with `synchronous=FULL` every commit's
 * fsync, and every automatic checkpoint's two, ran on the hub's thread. On
 * a quiet disk that is ~1 ms per commit, several hundred times a second; on
 * a disk shared with other programs (ext4 in data=ordered mode makes one
 * fsync wait for everybody's dirty data) it was seconds, and every phone and
 * projector froze with it (issue 11 §3 "never wait on the store
 * synchronously for longer than a few ms"; measured in docs/performance.md).
 *
 * So, as databases with group commit do, the work is split:
 * - the hub's connection commits in WAL mode with `synchronous=NORMAL`
 *   (the commit is written to the WAL, in the OS's cache, no fsync) and
 *   never checkpoints (`wal_autocheckpoint=0`); its one remaining sync is
 *   SQLite's sync of the WAL header when the WAL restarts after a complete
 *   checkpoint (a few a second at most, not one per commit). It stays: it
 *   orders the new header before new frames, without which a power loss
 *   could replay old frames over newer pages (so not `synchronous=OFF`);
 * - `WalSync` then calls `fdatasync` on the WAL file in libuv's thread pool
 *   and only when it returns are the commits before it acknowledged. The
 *   WAL is append-only between checkpoints and its frames carry checksums,
 *   so a synced WAL holds every commit written before the call: an
 *   acknowledged ballot survives power loss exactly as under `FULL`;
 * - a checkpointer thread with its own connection copies the WAL into the
 *   database file (`wal_checkpoint(PASSIVE)`, which never blocks the hub's
 *   writes) and does the fsyncs of the database file there.
 *
 * Reads on the hub's connection may see a commit a few ms before it is
 * durable (the acknowledgement is what waits), as in any group commit.
 * An fsync error leaves the file's state unknown: the process exits, as
 * PostgreSQL does, and a restart rebuilds memory from what is on disk.
 */
import Database from 'better-sqlite3';
import { closeSync, fdatasync, fsyncSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataFileLockedError, isBusy } from './lock.ts';

/** Flushes a file's data to the disk, asynchronously (fs.fdatasync's shape; tests pass a slow or failing one). */
export type SyncFile = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

/**
 * Acknowledges commits once the WAL holding them is on the disk. At most
 * one fdatasync is in flight; commits made meanwhile wait for the next one,
 * so a slow disk turns into bigger groups, never into a blocked event loop.
 */
export class WalSync {
  private fd: number | null = null;
  private waiting: (() => void)[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly walFile: string,
    private readonly sync: SyncFile = fdatasync,
    private readonly onFailure: (e: Error) => void = exitOnSyncFailure,
  ) {}

  /** Call right after a commit: `done` runs when that commit is durable. */
  afterCommit(done: () => void): void {
    this.waiting.push(done);
    if (!this.inFlight) this.inFlight = this.run();
  }

  /** Resolves when every commit made so far is durable. */
  async drain(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private async run(): Promise<void> {
    while (this.waiting.length > 0) {
      // Everything in `batch` was written to the WAL before this call.
      const batch = this.waiting;
      this.waiting = [];
      try {
        this.fd ??= openSync(this.walFile, 'r+');
        const fd = this.fd;
        await new Promise<void>((resolve, reject) => this.sync(fd, (err) => (err ? reject(err) : resolve())));
      } catch (e) {
        this.inFlight = null;
        this.onFailure(e as Error);
        return;
      }
      for (const done of batch) done();
    }
    this.inFlight = null;
  }
}

function exitOnSyncFailure(e: Error): void {
  console.error(`fatal: fdatasync of the SQLite WAL failed (${e.message}); what is on the disk is unknown, so the server stops. Restart it: it rebuilds its state from the data file.`);
  process.exit(1);
}

/** Makes the directory entry of a new file durable (its creation is not covered by the file's own fdatasync). */
export function syncDirectory(file: string): void {
  const fd = openSync(dirname(file), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * One server process per data file: an exclusive lock on `<file>.lock`,
 * held for the life of the process (SQLite's locking_mode EXCLUSIVE on that
 * small side file; the OS drops it even on kill -9). The data file itself
 * stays shared-lockable so the checkpointer thread, and read-only tools,
 * can open it. Throws DataFileLockedError when another process holds it.
 */
function lockFile(file: string): { db: Database.Database; ino: number } {
  const lock = new Database(`${file}.lock`);
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch (e) {
    lock.close();
    if (isBusy(e)) throw new DataFileLockedError(file);
    throw e;
  }
  return { db: lock, ino: statSync(`${file}.lock`).ino };
}

/**
 * Takes the one-process lock (see `lockFile`) and keeps it: a lock file
 * deleted or replaced while the server runs (a tmp cleaner, an `rm *.lock`)
 * would let a second server start on the same data file, so every
 * `checkMs` the file's identity is checked and, if it changed, the lock is
 * taken again on a new file. If another process got there first, two
 * servers share the file and would count ballots twice: `onLost` runs
 * (the server stops). Returns the release.
 */
export function takeExclusiveLock(file: string, options: { checkMs?: number; onLost?: (e: Error) => void } = {}): () => void {
  let held = lockFile(file);
  const timer = setInterval(() => {
    let ino: number | null = null;
    try {
      ino = statSync(`${file}.lock`).ino;
    } catch {
      // Gone: taken again below.
    }
    if (ino === held.ino) return;
    held.db.close();
    try {
      held = lockFile(file);
      console.error(`warning: the lock file ${file}.lock was deleted or replaced while the server ran; it was made again. Do not delete it.`);
    } catch (e) {
      clearInterval(timer);
      (options.onLost ?? exitOnLockLost)(e as Error);
    }
  }, options.checkMs ?? 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    held.db.close();
  };
}

function exitOnLockLost(e: Error): void {
  console.error(`fatal: the lock file was deleted and another process has taken the data file (${e.message}); two servers on one file would count ballots twice, so this one stops.`);
  process.exit(1);
}

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

// Plain CommonJS, evaluated in the worker: a connection that only checkpoints.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = NORMAL');
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ ok: false, message: String(e && e.message) });
  }
});
`;

/**
 * Copies the WAL into the database file from its own thread, every
 * `intervalMs` while there are new commits (one checkpoint at a time). A
 * PASSIVE checkpoint never waits on or blocks the hub's writer; once all of
 * the WAL is copied, the writer starts the WAL again from the top. Under a
 * nonstop stream of commits a checkpoint never finds the WAL complete, so
 * the WAL grows for as long as the stream lasts (tens of MB for a long
 * burst) and is reused, and cut back to `journal_size_limit`, at the first
 * pause.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private dirty = false;
  private running = false;
  private timer: NodeJS.Timeout;
  private closed = false;
  private exited: Promise<void>;
  /** Checkpoints done; the last one's WAL frames and frames copied (for tests). */
  stats = { runs: 0, log: 0, checkpointed: 0, failures: 0 };

  constructor(file: string, intervalMs = 250) {
    this.worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, driver } });
    this.worker.unref();
    this.exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (m: { ok: boolean; log?: number; checkpointed?: number; message?: string }) => {
      this.running = false;
      this.stats.runs++;
      if (m.ok) Object.assign(this.stats, { log: m.log ?? 0, checkpointed: m.checkpointed ?? 0 });
      else if (!this.closed) {
        this.stats.failures++;
        console.error('sqlite: checkpoint failed (retried):', m.message);
      }
    });
    this.worker.on('error', (e) => console.error('sqlite: checkpointer stopped:', e.message));
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Call after each commit. */
  noteCommit(): void {
    this.dirty = true;
  }

  private tick(): void {
    if (!this.dirty || this.running || this.closed) return;
    this.dirty = false;
    this.running = true;
    this.worker.postMessage('checkpoint');
  }

  /** Stops the thread after the checkpoint in progress (idempotent). */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      clearInterval(this.timer);
      this.worker.postMessage('close');
    }
    return this.exited;
  }
}
