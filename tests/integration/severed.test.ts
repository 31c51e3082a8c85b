import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkExports } from '../../shared/domain/verifyExports.ts';
import type { IssuedCode, SegmentBreakdown } from '../../shared/protocol/views.ts';
import { ballotId, createRound, openRound, setupAssembly } from '../support/assembly.ts';
import { connect, must, rest, startServer, type TestServer } from '../support/server.ts';

/**
 * docs/security.md, "The data file": once a round closes, nothing in the
 * data file links its ballots to the people who cast them. Checked with
 * SQL on the real file a real server wrote, and on its raw bytes (WAL
 * included): no join from card number or participant reaches a closed
 * round's ballot, and none of its ballot ids is left anywhere. While a
 * round is open the link is there (it is how a voter changes a ballot).
 * The store-level property over random ballots, on SQLite and PostgreSQL,
 * is in severed-store.test.ts.
 */
describe('a closed round’s ballots are severed from the voters in the data file', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('no SQL join from access card or participant reaches them; ballot ids are gone from the file; breakdown, exports and verify still work after a restart', async () => {
    server = await startServer();
    const { url, file } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Tram', 'Pool', 'Market', 'Library'], { joinMode: 'codes' });
    const ids = proposals.map((p) => p.id);
    const fac = await connect(url);
    await must(fac, 'session:join', { assemblyId, role: 'facilitator', token });
    await must(fac, 'assembly:update', {
      profile: [{ id: 'area', label: 'Neighbourhood', options: [{ id: 'north', label: 'North' }, { id: 'south', label: 'South' }] }],
    });
    const codes = await rest<IssuedCode[]>(url, 'POST', `/api/assemblies/${assemblyId}/codes`, { token, body: { count: 12 } });
    if (!codes.body.ok) throw new Error('codes');
    const closing = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 2 });
    await openRound(url, assemblyId, token, closing.id);

    // 12 card holders answer the profile and vote; each lists choices in its own order, and changes its ballot once.
    const voters: Awaited<ReturnType<typeof connect>>[] = [];
    const sentIds: string[] = [];
    for (const [i, code] of codes.body.data.entries()) {
      const phone = await connect(url);
      voters.push(phone);
      await must(phone, 'session:join', { assemblyId, role: 'voter', code: code.code });
      await must(phone, 'profile:answer', { answers: { area: i % 2 ? 'north' : 'south' } });
      const plus = i % 3 ? [ids[3]!, ids[i % 3]!] : [ids[0]!];
      for (const ballot of [{ plus: [ids[2]!], minus: [] }, { plus, minus: i % 3 && i % 2 ? [ids[0]!] : [] }]) {
        const id = ballotId();
        sentIds.push(id);
        await must(phone, 'ballot:submit', { roundId: closing.id, ballotId: id, ...ballot });
      }
    }
    const before = await must<SegmentBreakdown[]>(fac, 'breakdown:get', { roundId: closing.id });
    await must(fac, 'round:close', { roundId: closing.id });
    // Another round stays open with one ballot: while open, the link is kept (a voter may change the ballot).
    const open = await createRound(url, assemblyId, token, { proposalIds: ids, winners: 1 });
    await openRound(url, assemblyId, token, open.id);
    const openBallotId = ballotId();
    await must(voters[0]!, 'ballot:submit', { roundId: open.id, ballotId: openBallotId, plus: [ids[0]!], minus: [] });
    expect(await must(fac, 'breakdown:get', { roundId: closing.id })).toEqual(before);
    const exportsBefore = await exportsOf(url, assemblyId, closing.id, token);
    for (const s of [...voters, fac]) s.disconnect();
    await server.close();
    server = null;

    const db = new Database(file, { readonly: true });
    try {
      const one = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args);
      // Card number → participant → ballot: no path for the closed round, one for the open one.
      const viaCards = `SELECT count(*) FROM access_codes c JOIN ballots b ON b.participant_id = c.participant_id WHERE b.round_id = ?`;
      const viaPeople = `SELECT count(*) FROM participants p JOIN ballots b ON b.participant_id = p.id WHERE b.round_id = ?`;
      const viaProfiles = `SELECT count(*) FROM profiles p JOIN ballots b ON b.participant_id = p.participant_id WHERE b.round_id = ?`;
      for (const q of [viaCards, viaPeople, viaProfiles]) {
        expect(one(q, closing.id)).toBe(0);
        expect(one(q, open.id)).toBe(1);
      }
      expect(one(`SELECT count(*) FROM ballot_history WHERE round_id = ?`, closing.id)).toBe(0);
      const rows = db.prepare(`SELECT participant_id, ballot_id, plus, minus, seq, at FROM ballots WHERE round_id = ? ORDER BY participant_id`).all(closing.id) as {
        participant_id: string;
        ballot_id: string;
        plus: string;
        minus: string;
        seq: number;
        at: number;
      }[];
      expect(rows).toHaveLength(12);
      for (const [n, r] of rows.entries()) {
        // Numbered in canonical order: the number says nothing about who or when.
        expect(r.participant_id).toBe(`sealed:${String(n + 1).padStart(9, '0')}`);
        expect([r.ballot_id, r.seq, r.at]).toEqual(['', 0, 0]);
        const plus = JSON.parse(r.plus) as string[];
        expect(plus).toEqual([...plus].sort());
      }
      const canonical = rows.map((r) => r.plus + r.minus);
      expect(canonical).toEqual([...canonical].sort());
    } finally {
      db.close();
    }
    // Not just unreachable by SQL: none of the closed round's ballot ids is left in the file or its WAL.
    const bytes = [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
    for (const id of sentIds) expect(bytes.some((b) => b.includes(id)), id).toBe(false);
    expect(bytes.some((b) => b.includes(openBallotId))).toBe(true);

    // After a restart: the breakdown kept at close, the same exports, and verify still checks count and digest.
    server = await startServer({ file });
    const fac2 = await connect(server.url);
    await must(fac2, 'session:join', { assemblyId, role: 'facilitator', token });
    expect(await must(fac2, 'breakdown:get', { roundId: closing.id })).toEqual(before);
    fac2.disconnect();
    const exportsAfter = await exportsOf(server.url, assemblyId, closing.id, token);
    expect(exportsAfter).toEqual(exportsBefore);
    expect(checkExports(exportsAfter.ballots, exportsAfter.results).exitCode).toBe(0);
  }, 120_000);
});

async function exportsOf(url: string, assemblyId: string, roundId: string, token: string) {
  const base = `/api/assemblies/${assemblyId}/rounds/${roundId}`;
  const ballots = await rest(url, 'GET', `${base}/ballots.json`, { token });
  const results = await rest(url, 'GET', `${base}/results`, { token });
  return { ballots: ballots.body, results: results.body };
}
