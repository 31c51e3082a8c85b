import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalChannelBallots, checkExports, sealRound, sealRoundWithPaper, verifySeal, type Ballot, type BallotRules, type PaperEntry } from '../../shared/domain/index.ts';

/** d21-method.md §5.1: the sealed result and its digest include paper ballots; verify recounts each channel. */
const IDS = ['a', 'b', 'c', 'd', 'e'];
const RULES: BallotRules = { options: 5, winners: 2, plus: 2, minus: 1, ratio: 2 };
const PAPER: PaperEntry[] = IDS.map((id) => ({ id, title: id.toUpperCase(), description: '', cost: null }));
const INPUT = { roundId: 'r1', closedAt: 1000, rules: RULES, budget: null, paper: PAPER, turnout: { joined: 9, online: 4 } };

/** Valid ballots under RULES: up to two plus, a minus only with two plus. */
const ballot = fc
  .tuple(fc.subarray(IDS, { maxLength: 2 }), fc.constantFrom(...IDS))
  .map(([plus, m]): Ballot => ({ plus, minus: plus.length === 2 && !plus.includes(m) ? [m] : [] }));

describe('§5.1 sealing phone and paper ballots', () => {
  it('§5.1 the seal counts both channels; its channels hold each one and their sum; the export verifies', () => {
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 12 }), fc.array(ballot, { maxLength: 12 }), (phone, paper) => {
        const seal = sealRoundWithPaper(INPUT, phone, paper, true);
        expect(seal.turnout.voted).toBe(phone.length + paper.length);
        expect(seal.channels?.phone.ballots).toBe(phone.length);
        expect(seal.channels?.paper.ballots).toBe(paper.length);
        for (const id of IDS) expect(seal.channels!.total.plus[id]).toBe(seal.result.options.find((o) => o.id === id)!.plus);
        const exported = canonicalChannelBallots(phone, paper);
        expect(verifySeal(seal, exported).ok).toBe(true);
        expect(checkExports({ roundId: 'r1', ballots: exported }, { seal }).exitCode).toBe(0);
        // A paper ballot passed off as a phone's (or the reverse) is caught when the ballot holds a vote.
        const i = exported.findIndex((b) => b.plus.length > 0);
        if (i >= 0) {
          const moved = exported.map((b, j) => (j === i ? { ...b, channel: b.channel === 'paper' ? ('phone' as const) : ('paper' as const) } : b));
          expect(verifySeal(seal, moved).ok).toBe(false);
        }
      }),
    );
  });

  it('§5.1 without paper keyed the seal is the phones’ seal exactly (same digest, no channels)', () => {
    const phone: Ballot[] = [{ plus: ['a', 'b'], minus: ['c'] }, { plus: ['d'], minus: [] }];
    const plain = sealRound(INPUT, phone);
    expect(sealRoundWithPaper(INPUT, phone, [], false)).toEqual(plain);
    expect(plain.channels).toBeUndefined();
  });

  it('§5.1 the digest covers the channels: the same ballots split differently seal differently', () => {
    const x: Ballot = { plus: ['a'], minus: [] };
    const y: Ballot = { plus: ['b'], minus: [] };
    const one = sealRoundWithPaper(INPUT, [x], [y], true);
    const other = sealRoundWithPaper(INPUT, [y], [x], true);
    expect(one.result).toEqual(other.result);
    expect(one.digest).not.toBe(other.digest);
  });

  it('§5.1 the export is in canonical order whatever the input order, each ballot marked with its channel', () => {
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 8 }), fc.array(ballot, { maxLength: 8 }), (phone, paper) => {
        const out = canonicalChannelBallots(phone, paper);
        expect(canonicalChannelBallots([...phone].reverse(), [...paper].reverse())).toEqual(out);
        expect(out.filter((b) => b.channel === 'paper')).toHaveLength(paper.length);
      }),
    );
  });
});
