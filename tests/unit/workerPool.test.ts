import { afterAll, describe, expect, it } from 'vitest';
import { voteMatrix } from '../../shared/domain/index.ts';
import { createWorkerPool } from '../../server/workers/pool.ts';
import { fixturePath, loadPolisMatrix } from '../support/polis.ts';

const pool = createWorkerPool({ threads: 1 });
afterAll(() => pool.close());

describe('worker pool (server/workers)', () => {
  const m = loadPolisMatrix(fixturePath('polis-brexit-consensus.csv'));
  const input = () => ({ ...voteMatrix(m.statementIds, m.participants), optionIds: m.statementIds, minGroup: 5 });

  it('runs a task in a worker thread with the same result as in the calling thread, moving the matrix', async () => {
    const inline = await createWorkerPool({ inline: true }).run('opinionGroups', input());
    const moved = input();
    const threaded = await pool.run('opinionGroups', moved, [moved.cells.buffer as ArrayBuffer]);
    expect(threaded).toEqual(inline);
    expect(threaded.groups.length).toBeGreaterThanOrEqual(2);
    // Transferred, not copied: the caller's buffer is detached.
    expect(moved.cells.byteLength).toBe(0);
    expect(pool.stats().completed).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('rejects an unknown task name (own properties only)', async () => {
    await expect(pool.run('constructor' as 'opinionGroups', input())).rejects.toThrow(/Unknown worker task/);
    await expect(createWorkerPool({ inline: true }).run('toString' as 'opinionGroups', input())).rejects.toThrow(/Unknown worker task/);
  }, 60_000);

  it('refuses work once closed', async () => {
    const p = createWorkerPool({ threads: 1 });
    await p.close();
    await expect(p.run('opinionGroups', input())).rejects.toMatchObject({ code: 'POOL_CLOSED' });
  });
});
