import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.ts';
import { BUSY_TIMEOUT_MS, isBusy } from './lock.ts';
import { accessCodeRow, assemblyRow, proposalRow, roundRow } from './rows.ts';
import { sqliteBallotStore } from './sqliteBallots.ts';
import { sqlitePaper } from './sqlitePaper.ts';
import { Checkpointer, syncDirectory, takeExclusiveLock, WalSync, type SyncFile } from './sqliteDurability.ts';
import { sqliteSever } from './sqliteSever.ts';
import type { Store } from './types.ts';

export interface SqliteOptions {
  /** File path, or ':memory:' for tests that need no durability. */
  file: string;
  /**
   * 'FULL': a write resolves only after the WAL holding its commit is
   * fdatasync'ed (survives power loss), the fsync running off the event loop
   * (sqliteDurability.ts); 'NORMAL': it resolves at commit, which survives
   * a process crash (kill -9) but may lose the last commits on power loss.
   * Commits are batched either way.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** Tests: the fdatasync used for the WAL (default fs.fdatasync). */
  syncFile?: SyncFile;
  /** How often the checkpointer thread copies the WAL into the file (ms, default 250). */
  checkpointIntervalMs?: number;
  /**
   * Group commit: at most one commit per this many milliseconds. Writes
   * wait for the commit that holds them either way; a short gap turns
   * thousands of fsyncs a second into a few hundred (0 = every event-loop turn).
   */
  commitIntervalMs?: number;
}

interface Pending {
  run: () => void;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The embedded default store. better-sqlite3 is synchronous, so writes are
 * queued and committed together in one transaction per event-loop turn:
 * thousands of ballots a second cost a few commits, and each write's promise
 * resolves only after its transaction committed (ack after durable).
 */
export function createSqliteStore(options: SqliteOptions): Store {
  const onDisk = options.file !== ':memory:';
  if (onDisk) mkdirSync(dirname(options.file), { recursive: true });
  // One server per data file, refused before the file is touched.
  const releaseLock = onDisk ? takeExclusiveLock(options.file) : null;
  const db = new Database(options.file);
  // Never wait on a lock for more than a few ms on the event loop: a busy
  // commit is retried asynchronously instead (docs/security.md, "Stalls").
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  // Migrations at init commit with SQLite's own fsync (FULL); after init
  // this thread syncs only the WAL header at a WAL restart (see `afterInit`).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  if (onDisk) db.pragma('wal_autocheckpoint = 0');
  // Under a nonstop stream the checkpointer never catches up with the writer,
  // so the WAL grows until the stream pauses; this shrinks it back at the next WAL restart.
  if (onDisk) db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const walSync = onDisk && (options.synchronous ?? 'FULL') === 'FULL' ? new WalSync(`${options.file}-wal`, options.syncFile) : null;
  // After init: NORMAL, so no sync at commit; the one left is SQLite's sync of
  // the WAL header at a WAL restart, needed for crash safety (sqliteDurability.ts).
  function afterInit(): void {
    db.pragma('synchronous = NORMAL');
  }
  let checkpointer: Checkpointer | null = null;
  let closing: Promise<void> | null = null;

  let queue: Pending[] = [];
  // A commit is scheduled either after the gap (timeout) or on the next turn (immediate).
  let timeout: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let lastCommit = 0;
  const gap = options.commitIntervalMs ?? 2;
  /** Back-off while the file is busy (another program holds a lock): doubles up to a second. */
  let busyDelay = 0;

  function flush(): void {
    if (timeout) clearTimeout(timeout);
    if (immediate) clearImmediate(immediate);
    timeout = immediate = null;
    lastCommit = performance.now();
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      db.transaction(() => {
        for (const p of batch) p.run();
      })();
    } catch (e) {
      if (isBusy(e)) {
        // Nothing was committed: keep the batch, in order, and try again later
        // without blocking the event loop. Acks wait; nothing is lost or doubled.
        queue = batch.concat(queue);
        busyDelay = Math.min(1000, Math.max(5, busyDelay * 2));
        timeout = setTimeout(flush, busyDelay);
        return;
      }
      for (const p of batch) p.reject(e);
      return;
    }
    busyDelay = 0;
    checkpointer?.noteCommit();
    if (walSync) walSync.afterCommit(() => batch.forEach((p) => p.resolve()));
    else for (const p of batch) p.resolve();
  }

  function write(run: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      queue.push({ run, resolve, reject });
      if (!timeout && !immediate) {
        const wait = lastCommit + gap - performance.now();
        if (wait > 0) timeout = setTimeout(flush, wait);
        else immediate = setImmediate(flush);
      }
    });
  }

  /** Reads see every write queued before them. */
  function read<T>(run: () => T): Promise<T> {
    flush();
    try {
      return Promise.resolve(run());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  let s: ReturnType<typeof prepare> | null = null;
  function prepare() {
    return {
      insertAssembly: db.prepare(
        `INSERT INTO assemblies (id, title, join_mode, display, facilitator_hash, created_at, settings)
         VALUES (@id, @title, @joinMode, @display, @facilitatorHash, @createdAt, @settings)`,
      ),
      updateAssembly: db.prepare(
        `UPDATE assemblies SET title=@title, join_mode=@joinMode, display=@display, settings=@settings WHERE id=@id`,
      ),
      allAssemblies: db.prepare(`SELECT * FROM assemblies ORDER BY created_at`),
      saveProposal: db.prepare(
        `INSERT INTO proposals (id, assembly_id, title, description, cost, position, created_at, status, author_id, reason, merged_into, client_id)
         VALUES (@id, @assemblyId, @title, @description, @cost, @position, @createdAt, @status, @authorId, @reason, @mergedInto, @clientId)
         ON CONFLICT(id) DO UPDATE SET title=excluded.title, description=excluded.description,
           cost=excluded.cost, position=excluded.position, status=excluded.status, reason=excluded.reason,
           merged_into=excluded.merged_into`,
      ),
      deleteProposal: db.prepare(`DELETE FROM proposals WHERE id = ?`),
      allProposals: db.prepare(`SELECT * FROM proposals ORDER BY assembly_id, position`),
      saveRound: db.prepare(
        `INSERT INTO rounds (id, assembly_id, seq, question, status, proposal_ids, winners, plus, minus, ratio,
           budget, visibility, lock_ballots, duration_sec, deadline, opened_at, closed_at, created_at, origin, paper, seal, practice)
         VALUES (@id, @assemblyId, @seq, @question, @status, @proposalIds, @winners, @plus, @minus, @ratio,
           @budget, @visibility, @lockBallots, @durationSec, @deadline, @openedAt, @closedAt, @createdAt, @origin, @paper, @seal, @practice)
         ON CONFLICT(id) DO UPDATE SET question=excluded.question, status=excluded.status,
           proposal_ids=excluded.proposal_ids, winners=excluded.winners, plus=excluded.plus,
           minus=excluded.minus, ratio=excluded.ratio, budget=excluded.budget, visibility=excluded.visibility,
           lock_ballots=excluded.lock_ballots, duration_sec=excluded.duration_sec, deadline=excluded.deadline,
           opened_at=excluded.opened_at, closed_at=excluded.closed_at, origin=excluded.origin,
           paper=excluded.paper, seal=excluded.seal, practice=excluded.practice`,
      ),
      allRounds: db.prepare(`SELECT * FROM rounds ORDER BY assembly_id, seq`),
      addParticipant: db.prepare(
        `INSERT INTO participants (id, assembly_id, token_hash, created_at, revoked) VALUES (@id, @assemblyId, @tokenHash, @createdAt, @revoked)`,
      ),
      revokeParticipant: db.prepare(`UPDATE participants SET revoked = 1 WHERE id = ?`),
      setParticipantToken: db.prepare(`UPDATE participants SET token_hash = ? WHERE id = ?`),
      revokedParticipants: db.prepare(`SELECT id, assembly_id FROM participants WHERE revoked = 1`),
      saveCode: db.prepare(
        `INSERT INTO access_codes (id, assembly_id, code_hash, label, status, participant_id, replaces_id, created_at, join_id)
         VALUES (@id, @assemblyId, @codeHash, @label, @status, @participantId, @replacesId, @createdAt, @joinId)
         ON CONFLICT(id) DO UPDATE SET status=excluded.status, participant_id=excluded.participant_id, join_id=excluded.join_id`,
      ),
      allCodes: db.prepare(`SELECT * FROM access_codes ORDER BY assembly_id, label`),
      saveProfile: db.prepare(
        `INSERT INTO profiles (participant_id, assembly_id, answers) VALUES (?, ?, ?)
         ON CONFLICT(participant_id) DO UPDATE SET answers=excluded.answers`,
      ),
      allProfiles: db.prepare(`SELECT * FROM profiles`),
      deleteBallot: db.prepare(`DELETE FROM ballots WHERE round_id = ? AND participant_id = ?`),
      findParticipant: db.prepare(`SELECT * FROM participants WHERE assembly_id = ? AND token_hash = ?`),
      countParticipants: db.prepare(`SELECT count(*) AS n FROM participants WHERE assembly_id = ? AND revoked = 0`),
    };
  }
  const st = () => (s ??= prepare());
  const ballots = sqliteBallotStore(db, write, read);

  return {
    async init() {
      const version = db.pragma('user_version', { simple: true }) as number;
      for (let v = version; v < MIGRATIONS.length; v++) {
        db.transaction(() => {
          db.exec(MIGRATIONS[v]!);
          db.pragma(`user_version = ${v + 1}`);
        })();
      }
      if (onDisk) {
        // The WAL exists from here on: make its directory entry durable, then start copying it into the file.
        syncDirectory(options.file);
        checkpointer ??= new Checkpointer(options.file, options.checkpointIntervalMs);
      }
      afterInit();
    },
    close() {
      // Idempotent: a second close waits for the first.
      closing ??= (async () => {
        flush();
        await walSync?.drain();
        await checkpointer?.close();
        // The last checkpoint, at close, runs here: with SQLite's own syncs, since the WAL is deleted after it.
        db.pragma('synchronous = FULL');
        db.close();
        walSync?.close();
        releaseLock?.();
      })();
      return closing;
    },

    createAssembly: (row) => write(() => st().insertAssembly.run({ ...row, settings: JSON.stringify(row.settings) })),
    updateAssembly: (row) => write(() => st().updateAssembly.run({ ...row, settings: JSON.stringify(row.settings) })),
    saveProfile: (participantId, assemblyId, answers) => write(() => st().saveProfile.run(participantId, assemblyId, JSON.stringify(answers))),
    loadProfiles: () =>
      read(() =>
        (st().allProfiles.all() as { participant_id: string; assembly_id: string; answers: string }[]).map((r) => ({
          participantId: r.participant_id,
          assemblyId: r.assembly_id,
          answers: JSON.parse(r.answers) as Record<string, string | null>,
        })),
      ),
    loadAssemblies: () =>
      read(() =>
        (st().allAssemblies.all() as Record<string, unknown>[]).map(assemblyRow),
      ),

    saveProposal: (row) => write(() => st().saveProposal.run(row)),
    saveProposals: (rows) => write(() => rows.forEach((row) => st().saveProposal.run(row))),
    deleteProposal: (id) => write(() => st().deleteProposal.run(id)),
    loadProposals: () =>
      read(() =>
        (st().allProposals.all() as Record<string, unknown>[]).map(proposalRow),
      ),

    saveRound: (row) =>
      write(() =>
        st().saveRound.run({
          ...row,
          proposalIds: JSON.stringify(row.proposalIds),
          lockBallots: row.lockBallots ? 1 : 0,
          origin: row.origin ? JSON.stringify(row.origin) : null,
          practice: JSON.stringify(row.practice),
          paper: row.paper ? JSON.stringify(row.paper) : null,
          seal: row.seal ? JSON.stringify(row.seal) : null,
        }),
      ),
    loadRounds: () =>
      read(() =>
        (st().allRounds.all() as Record<string, unknown>[]).map(roundRow),
      ),

    addParticipant: (row) => write(() => st().addParticipant.run({ ...row, revoked: row.revoked ? 1 : 0 })),
    revokeParticipant: (id) => write(() => st().revokeParticipant.run(id)),
    setParticipantToken: (id, tokenHash) => write(() => st().setParticipantToken.run(tokenHash, id)),
    loadRevokedParticipants: () =>
      read(() => (st().revokedParticipants.all() as { id: string; assembly_id: string }[]).map((r) => ({ id: r.id, assemblyId: r.assembly_id }))),
    addAccessCodes: (rows) => write(() => rows.forEach((row) => st().saveCode.run(row))),
    saveAccessCode: (row) => write(() => st().saveCode.run(row)),
    loadAccessCodes: () =>
      read(() =>
        (st().allCodes.all() as Record<string, unknown>[]).map(accessCodeRow),
      ),
    findParticipant: (assemblyId, tokenHash) =>
      read(() => {
        const r = st().findParticipant.get(assemblyId, tokenHash) as Record<string, unknown> | undefined;
        return r
          ? {
              id: r.id as string,
              assemblyId: r.assembly_id as string,
              tokenHash: r.token_hash as string,
              createdAt: r.created_at as number,
              revoked: r.revoked === 1,
            }
          : null;
      }),
    countParticipants: (assemblyId) => read(() => (st().countParticipants.get(assemblyId) as { n: number }).n),

    ...ballots,
    ...sqliteSever(db, write, read, options.file),
    ...sqlitePaper(db, write, read, options.file),
  };
}
