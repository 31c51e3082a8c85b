import { describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/protocol/errors.ts';
import type { CreatedStaffLink, PaperBallotView, PaperEntryView, PaperListView } from '../../shared/protocol/paperViews.ts';
import type { IssuedCode, RoundView, SessionState } from '../../shared/protocol/views.ts';
import { ballotId, setupAssembly } from '../support/assembly.ts';
import { call, must, type TestSocket } from '../support/server.ts';
import { backends } from '../support/stores.ts';
import { serverOnBackend } from '../support/backendServer.ts';

/**
 * One person votes one way with paper ballots (d21-method.md §5.1; docs/
 * practice.md "Paper ballots"; review finding F8), on SQLite and
 * PostgreSQL: a card's code is claimed by paper only when a paper ballot
 * with it counts. One keying claims nothing and tells the desk nothing
 * about phones; matching keyings of a card already used are held for the
 * facilitator with the reason (the console's only); a phone racing the
 * second keying: exactly one of them counts; a restart keeps the holds.
 */
let entry = 0;
const entryId = () => `c${Date.now().toString(36)}${(entry++).toString(36).padStart(5, '0')}`;

for (const { name, make } of backends()) describe(`a paper keying claims a card only when it counts: ${name}`, () => {
  const room = serverOnBackend(make);
  const join = (assemblyId: string, role: 'facilitator' | 'staff' | 'voter', extra: Record<string, string>) => room.join(assemblyId, role, extra);
  const key = (s: TestSocket, roundId: string, serial: string, plus: string[], code: string) =>
    call<PaperEntryView>(s, 'paper:key', { roundId, entryId: entryId(), serial, plus, minus: [], code });
  const codeOf = (a: Ack<unknown>) => (a.ok ? 'ok' : a.error.code);
  const vote = (phone: TestSocket, roundId: string, plus: string[]) => call(phone, 'ballot:submit', { roundId, ballotId: ballotId(), plus, minus: [] });

  /** An access-code assembly with an open round and two desks. */
  async function setup(count: number) {
    const { assemblyId, token, proposals } = await setupAssembly(room.url, ['A', 'B', 'C', 'D'], { joinMode: 'codes' });
    const ids = proposals.map((p) => p.id);
    const fac = await join(assemblyId, 'facilitator', { token });
    const codes = await must<IssuedCode[]>(fac, 'codes:generate', { count });
    const round = await must<RoundView>(fac, 'round:create', { proposalIds: ids, winners: 1 });
    await must(fac, 'round:open', { roundId: round.id });
    const d1 = await must<CreatedStaffLink>(fac, 'staff:create', { name: 'Desk 1' });
    const d2 = await must<CreatedStaffLink>(fac, 'staff:create', { name: 'Desk 2' });
    const s1 = await join(assemblyId, 'staff', { token: d1.key });
    const s2 = await join(assemblyId, 'staff', { token: d2.key });
    return { assemblyId, token, ids, fac, codes, r: round.id, s1, s2, desks: [d1, d2] as const };
  }

  it('F8: a keying tells the desk nothing about phones: a card that voted by phone and a fresh card get the same answer', async () => {
    const { assemblyId, ids, codes, r, s1 } = await setup(2);
    const [p, fresh] = codes as [IssuedCode, IssuedCode];
    const phoneP = await join(assemblyId, 'voter', { code: p.code });
    expect(codeOf(await vote(phoneP, r, [ids[0]!]))).toBe('ok');
    // A desk keys card P (voted by phone) and a fresh card: the same answer, nothing about phones (F8, probing).
    const probe = await key(s1, r, '7', [ids[1]!], p.code);
    const control = await key(s1, r, '8', [ids[1]!], fresh.code);
    expect(probe).toMatchObject({ ok: true, data: { status: 'waiting', withCode: true } });
    expect(control).toMatchObject({ ok: true, data: { status: 'waiting', withCode: true } });
    expect(Object.keys(probe.ok ? probe.data : {}).sort()).toEqual(Object.keys(control.ok ? control.data : {}).sort());

  });

  it('F8: one keying does not block the card’s phone; matching keyings of a used card are held with the reason for the facilitator; restart keeps it', async () => {
    const { assemblyId, token, ids, fac, codes, r, s1, s2, desks } = await setup(3);
    const [x, y, p] = codes as [IssuedCode, IssuedCode, IssuedCode];
    // Card P votes by phone first.
    const phoneP = await join(assemblyId, 'voter', { code: p.code });
    expect(codeOf(await vote(phoneP, r, [ids[0]!]))).toBe('ok');

    // Desk 1 types card X on serial 1 by mistake (the paper says Y): X's phone still votes (F8, blocking).
    expect(await key(s1, r, '1', [ids[2]!], x.code)).toMatchObject({ ok: true, data: { status: 'waiting' } });
    const phoneX = await join(assemblyId, 'voter', { code: x.code });
    expect(codeOf(await vote(phoneX, r, [ids[3]!]))).toBe('ok');
    // Desk 2 makes the same mistake: the keyings match, but X voted by phone: held, not counted; the desk sees only "held".
    const second = await key(s2, r, '1', [ids[2]!], x.code);
    expect(second).toMatchObject({ ok: true, data: { status: 'held' } });
    expect(JSON.stringify(second)).not.toContain('phone');
    let list = await must<PaperListView>(fac, 'paper:list', { roundId: r });
    expect(list.ballots.find((b) => b.serial === '1')).toMatchObject({ status: 'held', hold: { kind: 'phone' }, ballot: null });
    expect(list.summary).toMatchObject({ waiting: 0, held: 1, matched: 0 });
    expect([list.channels.phone.ballots, list.channels.paper.ballots]).toEqual([2, 0]);
    // X's phone may still change its ballot: the held serial claims nothing.
    expect(codeOf(await vote(phoneX, r, [ids[1]!]))).toBe('ok');

    // The facilitator cannot count it with X (that card voted), but can with the code printed on the paper, Y.
    const withX = await call<PaperBallotView>(fac, 'paper:resolve', { roundId: r, serial: '1', plus: [ids[2]], minus: [] });
    expect(withX).toMatchObject({ ok: false, error: { code: 'CODE_OTHER_CHANNEL' } });
    expect(await must<PaperBallotView>(fac, 'paper:resolve', { roundId: r, serial: '1', plus: [ids[2]], minus: [], code: y.code })).toMatchObject({ status: 'resolved', hold: null });
    // Now Y is claimed: its phone is refused, and another serial with Y is held naming serial 1.
    const phoneY = await join(assemblyId, 'voter', { code: y.code });
    expect(codeOf(await vote(phoneY, r, [ids[0]!]))).toBe('CODE_OTHER_CHANNEL');
    await key(s1, r, '2', [ids[0]!], y.code);
    expect(await key(s2, r, '2', [ids[0]!], y.code)).toMatchObject({ ok: true, data: { status: 'held' } });
    list = await must<PaperListView>(fac, 'paper:list', { roundId: r });
    expect(list.ballots.find((b) => b.serial === '2')).toMatchObject({ status: 'held', hold: { kind: 'serial', serial: '1' } });
    expect([list.channels.phone.ballots, list.channels.paper.ballots]).toEqual([2, 1]);

    // Restart: the holds and the claims are kept.
    await room.restart();
    const fac2 = await join(assemblyId, 'facilitator', { token });
    expect(await must<PaperListView>(fac2, 'paper:list', { roundId: r })).toEqual(list);
    const [t1, t2] = [await join(assemblyId, 'staff', { token: desks[0].key }), await join(assemblyId, 'staff', { token: desks[1].key })];
    // Y is still claimed by serial 1: a third serial with it is held too.
    await key(t1, r, '3', [ids[0]!], y.code);
    expect(await key(t2, r, '3', [ids[0]!], y.code)).toMatchObject({ ok: true, data: { status: 'held' } });
    // Voiding serial 1 frees Y: the facilitator counts held serial 2 with it (held serials wait for the facilitator, never count by themselves).
    await must(fac2, 'paper:void', { roundId: r, serial: '1', reason: 'Typed from the wrong card' });
    const relisted = await must<PaperListView>(fac2, 'paper:list', { roundId: r });
    expect(relisted.ballots.filter((b) => b.status === 'held').map((b) => [b.serial, b.hold])).toEqual([['2', { kind: 'serial', serial: '1' }], ['3', { kind: 'serial', serial: '1' }]]);
    expect(await must<PaperBallotView>(fac2, 'paper:resolve', { roundId: r, serial: '2', plus: [ids[0]], minus: [] })).toMatchObject({ status: 'resolved' });
    expect(codeOf(await call(fac2, 'paper:resolve', { roundId: r, serial: '3', plus: [ids[0]], minus: [] }))).toBe('CODE_OTHER_CHANNEL');
    const sync = await must<SessionState>(fac2, 'state:sync', {});
    expect(sync.role === 'facilitator' && sync.snapshot?.turnout.voted).toBe(3);
  });

  it('a phone ballot and the second matching keying of its card in the same tick: exactly one counts (10 times)', async () => {
    const { assemblyId, ids, fac, codes, r, s1, s2 } = await setup(10);
    const outcomes: string[] = [];
    for (const [i, c] of codes.entries()) {
      const phone = await join(assemblyId, 'voter', { code: c.code });
      expect(await key(s1, r, `R${i}`, [ids[1]!], c.code)).toMatchObject({ ok: true, data: { status: 'waiting' } });
      const [p, k] = await Promise.all([vote(phone, r, [ids[0]!]), key(s2, r, `R${i}`, [ids[1]!], c.code)]);
      const paper = k.ok ? k.data.status : codeOf(k);
      // Either the phone counts and the serial is held, or the serial counts and the phone is refused.
      expect([[codeOf(p), paper]]).toContainEqual(codeOf(p) === 'ok' ? ['ok', 'held'] : ['CODE_OTHER_CHANNEL', 'matched']);
      outcomes.push(codeOf(p) === 'ok' ? 'phone' : 'paper');
      phone.disconnect();
    }
    // One ballot per card, whichever way it went.
    const list = await must<PaperListView>(fac, 'paper:list', { roundId: r });
    const phones = outcomes.filter((o) => o === 'phone').length;
    expect([list.channels.phone.ballots, list.channels.paper.ballots, list.channels.total.ballots]).toEqual([phones, 10 - phones, 10]);
    expect(list.summary).toMatchObject({ held: phones, matched: 10 - phones });
  });
});
