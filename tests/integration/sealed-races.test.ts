import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/protocol/errors.ts';
import type { RoundView } from '../../shared/protocol/views.ts';
import { ballotId, closeRound, createRound, joinVoter, openRound, setupAssembly, type Voter } from '../support/assembly.ts';
import { connect, must, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';
import { backends, type Backend } from '../support/stores.ts';

/**
 * Failure 4 of issue 10: conflicting lifecycle commands fired in the same
 * tick from several facilitator sockets. Every race has one winner, never
 * two open rounds, never a closed round open again, and nothing counted
 * after close. Then `npm run verify` on the round's public exports.
 * Run on SQLite and on PostgreSQL.
 */

let server: TestServer;

async function facilitators(assemblyId: string, token: string, n: number): Promise<TestSocket[]> {
  const sockets: TestSocket[] = [];
  for (let i = 0; i < n; i++) {
    const s = await connect(server.url);
    await must(s, 'session:join', { assemblyId, role: 'facilitator', token });
    sockets.push(s);
  }
  return sockets;
}

/** Emits every command in the same tick, then waits for all acks. */
function sameTick(commands: [TestSocket, string, unknown][]): Promise<Ack<RoundView>[]> {
  return Promise.all(commands.map(([s, event, payload]) => s.timeout(10_000).emitWithAck(event as 'state:sync', payload as never) as Promise<Ack<RoundView>>));
}

const codes = (acks: Ack<unknown>[]) => acks.map((a) => (a.ok ? 'ok' : a.error.code)).sort();

// On every store: SQLite, and PostgreSQL (DATABASE_URL) whose ballot commits decide in their own transactions.
for (const { name, make } of backends()) describe(`same-tick lifecycle races from several sockets: ${name}`, () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = make();
    server = await startServer({ store: await backend.open() });
  });
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('two opens of two drafts: exactly one opens, the other gets ROUND_CONFLICT (10 times)', async () => {
    const { assemblyId, token, proposals } = await setupAssembly(server.url, ['A', 'B', 'C']);
    const ids = proposals.map((p) => p.id);
    const fac = await facilitators(assemblyId, token, 3);
    const hub = server.app.hub.assemblies.get(assemblyId)!;
    for (let i = 0; i < 10; i++) {
      const drafts = await Promise.all([0, 1, 2].map(() => createRound(server.url, assemblyId, token, { proposalIds: ids, winners: 1 })));
      const acks = await sameTick(drafts.map((d, k) => [fac[k]!, 'round:open', { roundId: d.id }]));
      expect(codes(acks)).toEqual(['ROUND_CONFLICT', 'ROUND_CONFLICT', 'ok']);
      const open = [...hub.rounds.values()].filter((r) => r.status === 'open');
      expect(open).toHaveLength(1);
      await closeRound(server.url, assemblyId, token, open[0]!.id);
    }
    for (const s of fac) s.disconnect();
  });

  it('close, extend and a second close in the same tick: one close wins, the round stays closed and takes no ballot', async () => {
    const { assemblyId, token, proposals } = await setupAssembly(server.url, ['A', 'B', 'C']);
    const ids = proposals.map((p) => p.id);
    const fac = await facilitators(assemblyId, token, 3);
    const v = await joinVoter(server.url, assemblyId);
    for (const order of [['round:close', 'round:extend', 'round:close'], ['round:extend', 'round:close', 'round:close']]) {
      const round = await createRound(server.url, assemblyId, token, { proposalIds: ids, winners: 1, durationSec: 600 });
      await openRound(server.url, assemblyId, token, round.id);
      const acks = await sameTick(order.map((event, k) => [fac[k]!, event, event === 'round:extend' ? { roundId: round.id, seconds: 60 } : { roundId: round.id }]));
      const closes = acks.filter((_, k) => order[k] === 'round:close');
      expect(codes(closes)).toEqual(['ROUND_NOT_OPEN', 'ok']);
      const extend = acks[order.indexOf('round:extend')]!;
      // Extend wins only if it ran before the close; it never reopens a closed round.
      expect(extend.ok ? 'ok' : extend.error.code).toBe(order[0] === 'round:extend' ? 'ok' : 'ROUND_NOT_OPEN');
      expect(server.app.hub.assemblies.get(assemblyId)!.rounds.get(round.id)!.status).toBe('closed');
      const late = await v.socket.timeout(5000).emitWithAck('ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[0]!], minus: [] });
      expect(late).toMatchObject({ ok: false, error: { code: 'ROUND_CLOSED' } });
    }
    v.socket.disconnect();
    for (const s of fac) s.disconnect();
  });

  it('ballots racing a close: every acknowledged ballot is in the sealed result, no refused one is; verify recomputes count and digest from the exports', async () => {
    const titles = Array.from({ length: 24 }, (_, i) => `Proposal ${i + 1}`);
    const { assemblyId, token, proposals } = await setupAssembly(server.url, titles, { costs: titles.map((_, i) => 1000 + i * 250) });
    const ids = proposals.map((p) => p.id);
    const round = await createRound(server.url, assemblyId, token, { proposalIds: ids, winners: 3, budget: 6000 });
    await openRound(server.url, assemblyId, token, round.id);
    const voters: Voter[] = [];
    for (let i = 0; i < 6; i++) voters.push(...(await Promise.all(Array.from({ length: 20 }, () => joinVoter(server.url, assemblyId)))));
    const [fac] = await facilitators(assemblyId, token, 1);
    // Half vote first; then the other half vote in the same tick as the close.
    const ballot = (i: number) => ({ roundId: round.id, ballotId: ballotId(), plus: [ids[i % 24]!, ids[(i * 7 + 3) % 24]!].filter((x, k, a) => a.indexOf(x) === k), minus: i % 5 === 0 ? [ids[(i + 11) % 24]!] : [] });
    const first = await Promise.all(voters.slice(0, 60).map((v, i) => v.socket.timeout(10_000).emitWithAck('ballot:submit', ballot(i))));
    expect(first.every((a) => a.ok)).toBe(true);
    const racing = voters.slice(60).map((v, i) => v.socket.timeout(10_000).emitWithAck('ballot:submit', ballot(60 + i)));
    const close = fac!.timeout(10_000).emitWithAck('round:close', { roundId: round.id });
    const acks = await Promise.all(racing);
    expect((await close).ok).toBe(true);
    const accepted = first.length + acks.filter((a) => a.ok).length;
    for (const a of acks) if (!a.ok) expect(a.error.code).toBe('ROUND_CLOSED');

    const res = await rest<{ results: { ballots: number }; seal: { digest: string } }>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/results`);
    if (!res.body.ok) throw new Error('results');
    expect(res.body.data.results.ballots).toBe(accepted);
    const ballots = await rest(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${round.id}/ballots.json`, { token });
    expect(ballots.body.ok).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'd21-verify-'));
    writeFileSync(join(dir, 'ballots.json'), JSON.stringify(ballots.body));
    writeFileSync(join(dir, 'results.json'), JSON.stringify(res.body));
    const run = (b: string, r: string) =>
      promisify(execFile)('npm', ['run', '--silent', 'verify', '--', join(dir, b), join(dir, r)], { cwd: new URL('../..', import.meta.url).pathname }).then(
        (out) => ({ code: 0, out: out.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const good = await run('ballots.json', 'results.json');
    expect(good.out).toContain('VERIFIED');
    expect(good.out).toContain(res.body.data.seal.digest);
    expect(good.code).toBe(0);

    // One ballot moved from one proposal to another: both the count and the digest fail.
    const tampered = JSON.parse(JSON.stringify(ballots.body)) as { data: { ballots: { plus: string[]; minus: string[] }[] } };
    const victim = tampered.data.ballots[0]!;
    victim.plus[0] = ids.find((id) => !victim.plus.includes(id) && !victim.minus.includes(id))!;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const bad = await run('tampered.json', 'results.json');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('NOT VERIFIED');
    for (const v of voters) v.socket.disconnect();
    fac!.disconnect();
  }, 60_000);
});
