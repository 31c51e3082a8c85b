import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  channelTotals,
  compareSerials,
  countedPaper,
  keyingsAgree,
  paperAudit,
  paperClaimConflict,
  paperSummary,
  parseTypedNumbers,
  reconcilePaper,
  recount,
  typedBallot,
  typedLine,
  validateBallot,
  type Ballot,
  type BallotRules,
  type PaperDecision,
  type PaperKeying,
} from '../../shared/domain/index.ts';

/** d21-method.md §5.1: paper ballots keyed by staff, checked by the same rules, double entry, one channel per person. */
const IDS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9'];
const RULES: BallotRules = { options: 9, winners: 2, plus: 3, minus: 1, ratio: 2 };

let n = 0;
const key = (serial: string, staffId: string, plus: string[], minus: string[] = [], codeId: string | null = null, at = ++n): PaperKeying => ({
  id: `k${at}`,
  serial,
  staffId,
  plus,
  minus,
  codeId,
  at,
});

describe('§5.1 keyboard entry of a paper ballot', () => {
  it('§5.1 numbers are printed positions; a sign makes a minus; any separator works', () => {
    expect(parseTypedNumbers(' 3 7,12; -5 +2 −4 –1 ')).toEqual({ ok: true, value: { plus: [3, 7, 12, 2], minus: [5, 4, 1] } });
    expect(typedBallot('1 4 -9', IDS, RULES)).toEqual({ ok: true, value: { plus: ['p1', 'p4'], minus: ['p9'] } });
    expect(typedBallot('', IDS, RULES)).toEqual({ ok: true, value: { plus: [], minus: [] } }); // an empty ballot abstains (rule 6)
  });

  it('§5.1 what is no number or not on the ballot is named before the D21 rules', () => {
    expect(typedBallot('1 x2', IDS, RULES)).toMatchObject({ ok: false, code: 'NOT_A_NUMBER' });
    expect(typedBallot('1 10', IDS, RULES)).toMatchObject({ ok: false, code: 'NOT_ON_BALLOT', message: expect.stringContaining('1 to 9') });
    expect(typedBallot('0', IDS, RULES)).toMatchObject({ ok: false, code: 'NOT_ON_BALLOT' });
  });

  it('§5.1 the same D21 rules and codes as a phone ballot (§1 rules 1–5)', () => {
    expect(typedBallot('1 2 3 4', IDS, RULES)).toMatchObject({ ok: false, code: 'TOO_MANY_PLUS' });
    expect(typedBallot('1 1', IDS, RULES)).toMatchObject({ ok: false, code: 'DUPLICATE_OPTION' });
    expect(typedBallot('1 -1', IDS, RULES)).toMatchObject({ ok: false, code: 'PLUS_AND_MINUS' });
    expect(typedBallot('1 -2', IDS, RULES)).toMatchObject({ ok: false, code: 'MINUS_NEEDS_PLUS' });
    expect(typedBallot('1 2 -3 -4', IDS, RULES)).toMatchObject({ ok: false, code: 'TOO_MANY_MINUS' });
  });

  it('§5.1 property: a typed line and its ballot agree with validateBallot, and typedLine writes a line that reads back the same ballot', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(IDS), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }), (order, p, m) => {
        const ballot: Ballot = { plus: order.slice(0, p), minus: order.slice(p, p + m) };
        const typed = typedBallot(typedLine(ballot, IDS), IDS, RULES);
        const direct = validateBallot(ballot, RULES, new Set(IDS));
        expect(typed.ok).toBe(direct.ok);
        if (typed.ok) expect(keyingsAgree({ ...typed.value, codeId: null }, { ...ballot, codeId: null })).toBe(true);
        else expect(typed.code).toBe((direct as { code: string }).code);
      }),
    );
  });
});

describe('§5.1 double entry by two staff links', () => {
  it('§5.1 one keying waits; two different staff links agreeing count; disagreeing go to the queue', () => {
    const states = reconcilePaper([
      key('1', 'staffA', ['p1', 'p2'], ['p9']),
      key('1', 'staffB', ['p2', 'p1'], ['p9']), // same ballot, other order
      key('2', 'staffA', ['p3']),
      key('3', 'staffA', ['p4']),
      key('3', 'staffB', ['p5']),
    ]);
    expect(states.map((s) => [s.serial, s.status])).toEqual([
      ['1', 'matched'],
      ['2', 'waiting'],
      ['3', 'mismatch'],
    ]);
    expect(countedPaper(states)).toEqual([{ plus: ['p1', 'p2'], minus: ['p9'] }]);
    expect(paperSummary(states)).toEqual({ waiting: 1, matched: 1, mismatch: 1, held: 0, resolved: 0, void: 0 });
  });

  it('§5.1 the same staff link keying a serial twice is a correction, never a second entry', () => {
    const states = reconcilePaper([key('7', 'staffA', ['p1']), key('7', 'staffA', ['p1'])]);
    expect(states[0]).toMatchObject({ status: 'waiting', keyings: [{ staffId: 'staffA' }] });
    const corrected = reconcilePaper([key('8', 'staffA', ['p1']), key('8', 'staffB', ['p2']), key('8', 'staffA', ['p2'])]);
    expect(corrected[0]).toMatchObject({ status: 'matched', ballot: { plus: ['p2'] } });
  });

  it('§5.1 a different code on the paper is a mismatch too', () => {
    expect(reconcilePaper([key('4', 'a', ['p1'], [], 'c1'), key('4', 'b', ['p1'], [], 'c2')])[0]!.status).toBe('mismatch');
  });

  it('§5.1 the facilitator resolves a mismatch against the paper or voids a serial with a reason; the latest word counts', () => {
    const keyings = [key('3', 'staffA', ['p4']), key('3', 'staffB', ['p5']), key('5', 'staffA', ['p6']), key('5', 'staffB', ['p6'])];
    const decisions: PaperDecision[] = [
      { serial: '3', action: 'accept', plus: ['p4'], minus: [], codeId: null, at: 100 },
      { serial: '5', action: 'void', reason: 'two ballots stapled together', at: 101 },
    ];
    const states = reconcilePaper(keyings, decisions);
    expect(states.map((s) => [s.serial, s.status, s.reason])).toEqual([
      ['3', 'resolved', null],
      ['5', 'void', 'two ballots stapled together'],
    ]);
    expect(countedPaper(states)).toEqual([{ plus: ['p4'], minus: [] }]);
    // Un-voiding by a later acceptance.
    const again = reconcilePaper(keyings, [...decisions, { serial: '5', action: 'accept', plus: ['p6'], minus: [], codeId: null, at: 102 }]);
    expect(countedPaper(again)).toHaveLength(2);
  });

  it('§5.1 property: a serial counts only when two different staff links agree or the facilitator accepted it, and counts once', () => {
    const keying = fc.record({
      serial: fc.constantFrom('1', '2', '3', '10'),
      staffId: fc.constantFrom('a', 'b', 'c'),
      plus: fc.subarray(IDS.slice(0, 3), { minLength: 0, maxLength: 2 }),
      at: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(keying, { maxLength: 20 }), (ks) => {
        const keyings = ks.map((k, i) => ({ ...k, id: `k${i}`, minus: [], codeId: null }));
        const states = reconcilePaper(keyings);
        expect(states.map((s) => s.serial)).toEqual([...new Set(keyings.map((k) => k.serial))].sort(compareSerials));
        for (const s of states) {
          const staff = new Set(keyings.filter((k) => k.serial === s.serial).map((k) => k.staffId));
          if (s.status === 'matched') expect(staff.size).toBeGreaterThanOrEqual(2);
          if (staff.size < 2) expect(s.status).toBe('waiting');
        }
        expect(countedPaper(states).length).toBe(states.filter((s) => s.status === 'matched').length);
      }),
    );
  });

  it('serials sort as a pile is sorted: 2 before 10, numbers before other marks', () => {
    expect(['10', 'B-1', '2', '1'].sort(compareSerials)).toEqual(['1', '2', '10', 'B-1']);
  });
});

describe('§5.1 one person votes one way (access codes)', () => {
  it('§5.1 a card is claimed only when its paper ballot counts: a keying alone claims nothing; a phone vote or a counted serial holds it', () => {
    const states = reconcilePaper([key('1', 'a', ['p1'], [], 'code-paper'), key('1', 'b', ['p1'], [], 'code-paper'), key('2', 'a', ['p2'], [], 'code-waiting')]);
    // A card that voted by phone: matching keyings are held, whatever the paper holds.
    expect(paperClaimConflict('fresh', true, states, '5')).toEqual({ kind: 'phone' });
    // A card counted on serial 1: another serial with it is held, naming serial 1; serial 1 itself is no conflict.
    expect(paperClaimConflict('code-paper', false, states, '3')).toEqual({ kind: 'serial', serial: '1' });
    expect(paperClaimConflict('code-paper', false, states, '1')).toBeNull();
    // A card keyed once (serial 2 waiting) claims nothing: another serial may count with it (F8: a typo locks nobody out).
    expect(paperClaimConflict('code-waiting', false, states, '3')).toBeNull();
    // A voided serial frees its card; a held one never claimed it.
    const voided = reconcilePaper([key('1', 'a', ['p1'], [], 'code-paper'), key('1', 'b', ['p1'], [], 'code-paper')], [{ serial: '1', action: 'void', reason: 'spoilt', at: 9_999 }]);
    expect(paperClaimConflict('code-paper', false, voided, '3')).toBeNull();
    const held = reconcilePaper([key('1', 'a', ['p1'], [], 'code-paper'), key('1', 'b', ['p1'], [], 'code-paper')], [{ serial: '1', action: 'hold', hold: { kind: 'phone' }, at: 9_999 }]);
    expect(held[0]).toMatchObject({ status: 'held', ballot: null, codeId: null, hold: { kind: 'phone' } });
    expect(countedPaper(held)).toEqual([]);
    expect(paperClaimConflict('code-paper', false, held, '3')).toBeNull();
    expect(paperSummary(held)).toEqual({ waiting: 0, matched: 0, mismatch: 0, held: 1, resolved: 0, void: 0 });
  });
});

describe('§5.1 phone, paper and total', () => {
  it('§5.1 property: total = phone + paper for every proposal, and equals a recount of both together', () => {
    const ballot = fc.shuffledSubarray(IDS).chain((o) => fc.integer({ min: 0, max: 3 }).map((p) => ({ plus: o.slice(0, p), minus: o.slice(p, p + (p >= 2 ? 1 : 0)) })));
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 30 }), fc.array(ballot, { maxLength: 30 }), (phone, paper) => {
        const t = channelTotals(IDS, phone, paper);
        const all = recount(IDS, [...phone, ...paper]);
        expect(t.total.ballots).toBe(phone.length + paper.length);
        IDS.forEach((id, i) => {
          expect(t.total.plus[id]).toBe(t.phone.plus[id]! + t.paper.plus[id]!);
          expect(t.total.minus[id]).toBe(t.phone.minus[id]! + t.paper.minus[id]!);
          expect(t.total.plus[id]).toBe(all.plus[i]);
        });
      }),
    );
  });
});

describe('§5.1 audit log', () => {
  it('§5.1 names staff links and the facilitator, never voters; oldest first; a void carries its reason', () => {
    const rows = paperAudit(
      [key('2', 'staffB', ['p1'], ['p9'], 'secret-code', 20), key('2', 'staffA', ['p1'], ['p9'], 'secret-code', 10)],
      [{ serial: '2', action: 'void', reason: 'torn', at: 30 }],
      (id) => (id === 'staffA' ? 'Table 1' : 'Table 2'),
      (b) => typedLine(b, IDS),
    );
    expect(rows).toEqual([
      { at: 10, serial: '2', actor: 'Table 1', action: 'keyed', detail: '1 -9' },
      { at: 20, serial: '2', actor: 'Table 2', action: 'keyed', detail: '1 -9' },
      { at: 30, serial: '2', actor: 'facilitator', action: 'voided', detail: 'torn' },
    ]);
    expect(JSON.stringify(rows)).not.toContain('secret-code');
  });
});
