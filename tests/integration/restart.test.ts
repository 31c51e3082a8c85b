import { afterEach, describe, expect, it } from 'vitest';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { AssemblyView, RoundView } from '../../shared/protocol/views.ts';
import { countsOf, createRound, independentCount, joinVoter, openRound, setupAssembly, vote } from '../support/assembly.ts';
import { rest, startServerProcess, tempDataFile, type ServerProcess } from '../support/server.ts';

/** The real server as its own process: stop it, start it on the same data. */
describe('restart on the same data', () => {
  let proc: ServerProcess | null = null;
  afterEach(async () => {
    await proc?.stop().catch(() => {});
    proc = null;
  });

  async function state(url: string, assemblyId: string, token: string, roundId: string) {
    const a = await rest<AssemblyView>(url, 'GET', `/api/assemblies/${assemblyId}`, { token });
    const r = await rest<{ results: RoundResults; round: RoundView }>(url, 'GET', `/api/assemblies/${assemblyId}/rounds/${roundId}/results`, { token });
    if (!a.body.ok || !r.body.ok) throw new Error('state failed');
    return { assembly: a.body.data, round: r.body.data.round, results: r.body.data.results };
  }

  for (const how of ['stop', 'kill'] as const) {
    it(`${how === 'stop' ? 'SIGTERM' : 'kill -9'}: same tallies, round still open with the same deadline`, async () => {
      const file = tempDataFile();
      proc = await startServerProcess({ DATA_FILE: file });
      const { assemblyId, token, proposals } = await setupAssembly(proc.url, ['A', 'B', 'C', 'D', 'E', 'F']);
      const ids = proposals.map((p) => p.id);
      const round = await createRound(proc.url, assemblyId, token, { proposalIds: ids, winners: 2, durationSec: 3600 });
      const opened = await openRound(proc.url, assemblyId, token, round.id);
      const ballots = [
        { plus: [ids[0]!, ids[1]!], minus: [ids[5]!] },
        { plus: [ids[0]!, ids[2]!], minus: [] },
        { plus: [ids[3]!], minus: [] },
        { plus: [], minus: [] },
      ];
      const voters = [];
      for (const b of ballots) {
        const v = await joinVoter(proc.url, assemblyId);
        await vote(v, round.id, b.plus, b.minus);
        voters.push(v);
      }
      const before = await state(proc.url, assemblyId, token, round.id);
      expect(countsOf(before.results)).toEqual(independentCount(ballots));
      for (const v of voters) v.socket.disconnect();

      if (how === 'stop') await proc.stop();
      else await proc.kill();
      proc = await startServerProcess({ DATA_FILE: file });

      const after = await state(proc.url, assemblyId, token, round.id);
      expect(after.results).toEqual(before.results);
      expect(after.round.status).toBe('open');
      expect(after.round.deadline).toBe(opened.deadline);
      expect(after.assembly.proposals).toEqual(before.assembly.proposals);

      // The same phone (token) can still change its ballot after the restart.
      // Two quick changes at once: its stored ballot is read once, the later one counts.
      const back = await joinVoter(proc.url, assemblyId, voters[0]!.token);
      const [r1, r2] = await Promise.all([vote(back, round.id, [ids[4]!], []), vote(back, round.id, [ids[2]!, ids[3]!], [])]);
      const last = r1.seq > r2.seq ? r1 : r2;
      const changed = await state(proc.url, assemblyId, token, round.id);
      expect(countsOf(changed.results)).toEqual(independentCount([{ plus: last.plus, minus: last.minus }, ...ballots.slice(1)]));
      back.socket.disconnect();
    }, 60_000);
  }
});
