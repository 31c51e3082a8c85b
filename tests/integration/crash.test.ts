import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { BallotReceipt, RoundView } from '../../shared/protocol/views.ts';
import { ballotId, countsOf, createRound, independentCount, joinVoter, openRound, setupAssembly, type Voter } from '../support/assembly.ts';
import { rest, startServerProcess, tempDataFile, type ServerProcess } from '../support/server.ts';

/**
 * kill -9 during a burst of ballots from many sockets, then restart on the
 * same data: every acknowledged ballot is there, the tally equals a recount,
 * and the open round continues with its deadline.
 */
describe('crash during a burst', () => {
  let proc: ServerProcess | null = null;
  afterEach(async () => {
    await proc?.stop().catch(() => {});
    proc = null;
  });

  it('kill -9 mid-burst loses no acknowledged ballot', async () => {
    const file = tempDataFile();
    proc = await startServerProcess({ DATA_FILE: file, SQLITE_SYNC: 'FULL' });
    const { assemblyId, token, proposals } = await setupAssembly(proc.url, Array.from({ length: 20 }, (_, i) => `Proposal ${i + 1}`));
    const ids = proposals.map((p) => p.id);
    const round = await createRound(proc.url, assemblyId, token, { proposalIds: ids, winners: 3, durationSec: 3600 });
    const opened = await openRound(proc.url, assemblyId, token, round.id);

    const voters: Voter[] = [];
    for (let i = 0; i < 200; i += 50) voters.push(...(await Promise.all(Array.from({ length: 50 }, () => joinVoter(proc!.url, assemblyId)))));

    // Each voter sends ballots in a loop (changing its mind) until the server dies.
    const acked = new Map<Voter, number>(); // index in `sent` of the last acked ballot
    const sent = new Map<Voter, { id: string; plus: string[]; minus: string[] }[]>();
    let n = 0;
    const loops = voters.map(async (v, vi) => {
      for (let k = 0; k < 1000; k++) {
        const start = (vi + k * 7) % ids.length;
        const plus = [ids[start]!, ids[(start + 1) % ids.length]!, ids[(start + 2) % ids.length]!, ids[(start + 3) % ids.length]!, ids[(start + 4) % ids.length]!];
        const minus = [ids[(start + 5) % ids.length]!, ids[(start + 6) % ids.length]!];
        const id = ballotId();
        const mine = sent.get(v) ?? [];
        mine.push({ id, plus, minus });
        sent.set(v, mine);
        try {
          const ack = (await v.socket.timeout(3000).emitWithAck('ballot:submit', { roundId: round.id, ballotId: id, plus, minus })) as {
            ok: boolean;
            data: BallotReceipt;
          };
          if (!ack.ok) throw new Error(JSON.stringify(ack));
          n++;
          acked.set(v, mine.length - 1);
        } catch {
          return; // the server is gone
        }
      }
    });
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (n >= 1500) {
          clearInterval(t);
          resolve();
        }
      }, 5);
    });
    await proc.kill();
    await Promise.all(loops);
    for (const v of voters) v.socket.disconnect();
    expect(n).toBeGreaterThanOrEqual(1500);

    // Straight from the file, before restarting: each voter whose ballot was
    // acked has that ballot stored, or a later one it sent (committed, ack lost).
    const db = new Database(file, { readonly: true });
    const storedIds = new Set((db.prepare('SELECT ballot_id FROM ballots WHERE round_id = ?').all(round.id) as { ballot_id: string }[]).map((r) => r.ballot_id));
    db.close();
    for (const [v, index] of acked) {
      const candidates = sent.get(v)!.slice(index).map((b) => b.id);
      expect(candidates.some((id) => storedIds.has(id))).toBe(true);
    }

    proc = await startServerProcess({ DATA_FILE: file });
    const res = await rest<{ results: RoundResults; round: RoundView }>(proc.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`, { token });
    if (!res.body.ok) throw new Error(JSON.stringify(res.body));
    const { results, round: after } = res.body.data;
    expect(after.status).toBe('open');
    expect(after.deadline).toBe(opened.deadline);

    expect(results.ballots).toBe(storedIds.size);
    expect(results.ballots).toBeGreaterThanOrEqual(acked.size);
    // The stored ballots equal a recount: compare the live tally with an
    // independent count of each voter's stored ballot (closing exports them).
    await rest(proc.url, 'POST', `/api/assemblies/${assemblyId}/rounds/${round.id}/close`, { token });
    const stored = await rest<{ ballots: { plus: string[]; minus: string[] }[] }>(proc.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/ballots.json`, { token });
    if (!stored.body.ok) throw new Error('export');
    expect(stored.body.data.ballots.length).toBe(results.ballots);
    expect(countsOf(results)).toEqual(independentCount(stored.body.data.ballots));
    // Each stored ballot is one that its voter sent; acked voters are all present.
    const key = (b: { plus: string[]; minus: string[] }) => `${[...b.plus].sort().join(",")}|${[...b.minus].sort().join(",")}`;
    const sentKeys = new Set([...sent.values()].flat().map(key));
    for (const b of stored.body.data.ballots) expect(sentKeys.has(key(b))).toBe(true);
  }, 90_000);
});
