import { existsSync, fdatasync, fstatSync, rmSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../server/store/sqlite.ts';
import { takeExclusiveLock, WalSync, type SyncFile } from '../../server/store/sqliteDurability.ts';
import { DataFileLockedError } from '../../server/store/lock.ts';
import type { BallotRow } from '../../server/store/types.ts';
import { tempDataFile } from '../support/server.ts';

/**
 * The SQLite store's durability without fsync on the event loop
 * (server/store/sqliteDurability.ts, docs/security.md "Stalls"): an
 * acknowledged write is on the disk (the WAL holding it was fdatasync'ed),
 * and a slow disk makes acks wait, never the event loop.
 */
describe('SQLite durability off the event loop', () => {
  const assembly = { id: 'asm', title: 'A', joinMode: 'open' as const, display: 'live' as const, facilitatorHash: 'h', createdAt: 1, settings: {} as never };

  async function storeWith(sync: SyncFile, file = tempDataFile()) {
    const store = createSqliteStore({ file, synchronous: 'FULL', syncFile: sync });
    await store.init();
    return { store, file };
  }
  const ballot = (i: number): BallotRow => ({ roundId: 'r1', participantId: `p${i}`, ballotId: `b${i}`, plus: ['x'], minus: [], seq: i + 1, at: i });

  async function roundReady(store: Awaited<ReturnType<typeof storeWith>>['store']) {
    await store.createAssembly(assembly);
    await store.saveRound({
      id: 'r1', assemblyId: 'asm', seq: 1, question: 'Q', status: 'open', proposalIds: ['x'], winners: 1, plus: 1, minus: 0, ratio: null, budget: null,
      visibility: 'live', lockBallots: false, durationSec: null, deadline: null, openedAt: 1, closedAt: null, createdAt: 1, origin: null,
      practice: {} as never, paper: [], seal: null,
    } as never);
  }

  it('a write resolves only after the WAL holding it is synced; the event loop runs meanwhile; writes during a slow sync share the next one', async () => {
    let slow = 0;
    const calls: number[] = [];
    const sync: SyncFile = (fd, done) => {
      calls.push(fd);
      setTimeout(() => fdatasync(fd, done), slow);
    };
    const { store, file } = await storeWith(sync);
    await roundReady(store);
    // The fd synced is the WAL's.
    expect(fstatSync(calls.at(-1)!).ino).toBe(statSync(`${file}-wal`).ino);

    slow = 400;
    calls.length = 0;
    let resolvedAt = 0;
    const started = performance.now();
    const first = store.saveBallot(ballot(0)).then(() => (resolvedAt = performance.now()));
    // While the first sync is slow, the loop keeps turning and more writes queue up.
    let maxGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    await new Promise((r) => setTimeout(r, 50));
    const more = Array.from({ length: 100 }, (_, i) => store.saveBallot(ballot(i + 1)));
    await Promise.all([first, ...more]);
    clearInterval(ticker);
    expect(resolvedAt - started).toBeGreaterThanOrEqual(390);
    expect(maxGap).toBeLessThan(200);
    // One sync for the first commit, one (or two, if commits straddled) for the hundred that waited behind it.
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(await store.countBallots('r1')).toBe(101);
    await store.close();
    await store.close(); // idempotent

    // Everything acknowledged is there after a reopen.
    const again = createSqliteStore({ file, synchronous: 'FULL' });
    await again.init();
    expect(await again.countBallots('r1')).toBe(101);
    await again.close();
  });

  it('a failed fdatasync never acknowledges: the failure handler runs and the waiting commits stay unresolved', async () => {
    const file = tempDataFile();
    const failures: Error[] = [];
    // The WAL file must exist for the sync to open it: use the store to create it, then a WalSync on it.
    const { store } = await storeWith((fd, done) => fdatasync(fd, done), file);
    const wal = new WalSync(`${file}-wal`, (_fd, done) => done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })), (e) => failures.push(e));
    let acked = false;
    wal.afterCommit(() => (acked = true));
    await wal.drain();
    expect(acked).toBe(false);
    expect(failures.map((e) => e.message)).toEqual(['EIO: i/o error']);
    wal.close();
    await store.close();
  });

  it('the checkpointer thread keeps the WAL small while ballots stream in (no checkpoint on the event loop)', async () => {
    const { store, file } = await storeWith((fd, done) => fdatasync(fd, done));
    await roundReady(store);
    let peak = 0;
    for (let wave = 0; wave < 20; wave++) {
      await Promise.all(Array.from({ length: 200 }, (_, i) => store.saveBallot({ ...ballot(i), ballotId: `b${wave}-${i}`, seq: wave * 200 + i + 1 })));
      await new Promise((r) => setTimeout(r, 60));
      peak = Math.max(peak, statSync(`${file}-wal`).size);
    }
    // 4,000 changed ballots (and their history rows) wrote far more than this; the WAL is reused after each checkpoint.
    const dbSize = statSync(file).size;
    expect(dbSize).toBeGreaterThan(100_000); // the rows reached the database file itself
    expect(peak).toBeLessThan(8 * 1024 * 1024);
    await store.close();
  });

  it('one process per data file: a second lock is refused; a lock file deleted while running is taken again, and refused to the second one after that', async () => {
    const file = tempDataFile();
    const lost: Error[] = [];
    const release = takeExclusiveLock(file, { checkMs: 50, onLost: (e) => lost.push(e) });
    expect(() => takeExclusiveLock(file)).toThrow(DataFileLockedError);
    // A tmp cleaner deletes the lock file: within a check the running server holds a new one.
    rmSync(`${file}.lock`);
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(`${file}.lock`)).toBe(true);
    expect(() => takeExclusiveLock(file)).toThrow(DataFileLockedError);
    expect(lost).toEqual([]);
    release();

    // If another process took the new lock first, the running one is told it lost it.
    const first = takeExclusiveLock(file, { checkMs: 50, onLost: (e) => lost.push(e) });
    rmSync(`${file}.lock`);
    const second = takeExclusiveLock(file, { checkMs: 1e9 });
    await new Promise((r) => setTimeout(r, 200));
    expect(lost.map((e) => e.name)).toEqual(['DataFileLockedError']);
    first();
    second();
  });

  it('NORMAL: acknowledged at commit, without an fdatasync', async () => {
    const calls: number[] = [];
    const store = createSqliteStore({ file: tempDataFile(), synchronous: 'NORMAL', syncFile: (fd, done) => (calls.push(fd), done(null)) });
    await store.init();
    await roundReady(store as never);
    await store.saveBallot(ballot(1));
    expect(calls).toEqual([]);
    await store.close();
  });
});
