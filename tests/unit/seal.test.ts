import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalBallots,
  canonicalJson,
  canonicalJsonWith,
  checkExports,
  computeResults,
  describePaperProblems,
  freezePaper,
  recount,
  sealDigest,
  sealRound,
  sealText,
  sealedTally,
  sha256Hex,
  shortDigest,
  verifySeal,
  type Ballot,
  type BallotRules,
  type PaperCandidate,
  type PaperEntry,
} from '../../shared/domain/index.ts';

const PAPER: PaperEntry[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, title: `Proposal ${id.toUpperCase()}`, description: `About ${id}`, cost: (i + 1) * 20 }));
const IDS = PAPER.map((p) => p.id);
const RULES: BallotRules = { options: 6, winners: 2, plus: 4, minus: 2, ratio: 2 };

const validBallot: fc.Arbitrary<Ballot> = fc
  .record({ order: fc.shuffledSubarray(IDS, { minLength: IDS.length, maxLength: IDS.length }), p: fc.integer({ min: 0, max: 4 }), m: fc.integer({ min: 0, max: 2 }) })
  .map(({ order, p, m }) => ({ plus: order.slice(0, p), minus: order.slice(p, p + Math.min(m, Math.floor(p / 2))) }));

const seal = (ballots: Ballot[], budget: number | null = null) =>
  sealRound({ roundId: 'r1', closedAt: 1_767_000_000_000, rules: RULES, budget, paper: PAPER, turnout: { joined: 40, online: 31 } }, ballots);

describe('SHA-256 (pure, shared by server, verify script and browser)', () => {
  it('equals node:crypto on any text, multi-byte and block-boundary lengths included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
    for (const n of [0, 55, 56, 63, 64, 65, 119, 120, 1000]) expect(sha256Hex('x'.repeat(n))).toBe(createHash('sha256').update('x'.repeat(n)).digest('hex'));
  });
});

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys at every depth, writes no whitespace, and is independent of key insertion order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], e: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
        // It is JSON: parsing it gives the same value back.
        expect(canonicalJson(JSON.parse(canonicalJson(o)))).toBe(canonicalJson(o));
      }),
    );
  });

  it('canonicalJsonWith splices pre-serialised values into the same bytes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), fc.jsonValue(), (o, key, raw) => {
        expect(canonicalJsonWith(o, { [key]: canonicalJson(raw) })).toBe(canonicalJson({ ...o, [key]: raw }));
      }),
    );
  });

  it('numbers are written as ECMAScript writes them; values JSON cannot carry are refused', () => {
    expect(canonicalJson([1e21, 0.1, -0, 5e-7, 2 / 3])).toBe('[1e+21,0.1,0,5e-7,0.6666666666666666]');
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ x: Infinity })).toThrow();
    expect(() => canonicalJson(10n)).toThrow();
  });
});

describe('ballot paper frozen at open', () => {
  const candidates = new Map<string, PaperCandidate>([
    ['x', { id: 'x', title: 'X', description: '', cost: null, status: 'approved', mergedInto: null }],
    ['y', { id: 'y', title: 'Y', description: '', cost: 5, status: 'rejected', mergedInto: null }],
    ['z', { id: 'z', title: 'Z', description: '', cost: null, status: 'merged', mergedInto: 'x' }],
    ['w', { id: 'w', title: 'W', description: '', cost: null, status: 'pending', mergedInto: null }],
  ]);
  it('copies approved proposals in ballot order and names every offender, not just the first', () => {
    expect(freezePaper(['x'], (id) => candidates.get(id))).toEqual({ ok: true, paper: [{ id: 'x', title: 'X', description: '', cost: null }] });
    const bad = freezePaper(['y', 'x', 'z', 'gone', 'w'], (id) => candidates.get(id));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => [p.id, p.problem])).toEqual([['y', 'rejected'], ['z', 'merged'], ['gone', 'deleted'], ['w', 'pending']]);
    expect(describePaperProblems(bad.problems)).toBe('Only approved proposals go on a ballot: “Y” is rejected, “Z” is merged, gone was deleted, “W” is pending.');
  });
});

describe('sealed results', () => {
  it('the sealed result is the count of the ballots against the paper (costs from the paper)', () => {
    fc.assert(
      fc.property(fc.array(validBallot, { maxLength: 60 }), fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }), (ballots, budget) => {
        const s = seal(ballots, budget);
        const costs = new Map(PAPER.map((p) => [p.id, p.cost!]));
        expect(s.result).toEqual(computeResults(recount(IDS, ballots), { winners: 2, budget, costs }));
        expect(s.turnout).toEqual({ joined: 40, online: 31, voted: ballots.length });
        expect(s.digest).toMatch(/^[0-9a-f]{64}$/);
        // Ranking again from the seal (top K) sees the same counts.
        expect(computeResults(sealedTally(s), { winners: 2, budget, costs })).toEqual(s.result);
      }),
      { numRuns: 100 },
    );
  });

  it('the digest ignores ballot order, id order inside a ballot and storage details, and covers everything else', () => {
    fc.assert(
      fc.property(fc.array(validBallot, { minLength: 1, maxLength: 40 }), fc.nat(), (ballots, k) => {
        const s = seal(ballots);
        const shuffled = [...ballots].sort(() => (k % 3) - 1).map((b) => ({ plus: [...b.plus].reverse(), minus: [...b.minus].reverse(), participantId: 'p', seq: 9 }));
        expect(sealDigest(s, shuffled)).toBe(s.digest);
        expect(verifySeal(s, shuffled).ok).toBe(true);
        // Any change to a sealed field or to the ballots changes the digest.
        expect(sealDigest({ ...s, closedAt: s.closedAt + 1 }, ballots)).not.toBe(s.digest);
        expect(sealDigest({ ...s, paper: s.paper.map((p, i) => (i === 0 ? { ...p, cost: (p.cost ?? 0) + 1 } : p)) }, ballots)).not.toBe(s.digest);
        expect(sealDigest(s, [...ballots, { plus: [], minus: [] }])).not.toBe(s.digest);
      }),
      { numRuns: 100 },
    );
  });

  it('the digest text is canonical JSON of the seal without its digest, plus the canonical ballots', () => {
    const ballots = [{ plus: ['b', 'a'], minus: [] }, { plus: [], minus: [] }];
    const s = seal(ballots);
    const text = sealText(s, ballots);
    expect(text).not.toContain(s.digest);
    expect(JSON.parse(text)).toMatchObject({ format: 'd21-seal/1', roundId: 'r1', ballots: [{ minus: [], plus: ['a', 'b'] }, { minus: [], plus: [] }] });
    expect(sha256Hex(text)).toBe(s.digest);
    const { digest: _d, ...fields } = s;
    expect(text).toBe(canonicalJson({ ...fields, ballots: canonicalBallots(ballots) }));
    // The server's native hash gives the same digest.
    expect(sealRound(fields, ballots, (t) => createHash('sha256').update(t).digest('hex')).digest).toBe(s.digest);
    // Sorted by canonical text: '"' (0x22) sorts before ']' (0x5d).
    expect(canonicalBallots(ballots)).toEqual([{ plus: ['a', 'b'], minus: [] }, { plus: [], minus: [] }]);
    expect(shortDigest('0123456789abcdef0123')).toBe('0123 4567 89ab cdef');
  });

  it('verification names what was tampered with: a ballot, the result, the digest, an invalid ballot', () => {
    const ballots: Ballot[] = [
      { plus: ['a', 'b'], minus: ['c'] },
      { plus: ['a'], minus: [] },
      { plus: ['d', 'e'], minus: [] },
    ];
    const s = seal(ballots);
    expect(verifySeal(s, ballots)).toMatchObject({ ok: true, problems: [] });
    const moved = verifySeal(s, [...ballots.slice(0, 2), { plus: ['c', 'e'], minus: [] }]);
    expect(moved.ok).toBe(false);
    expect(moved.problems.join('\n')).toMatch(/recount/);
    expect(moved.problems.join('\n')).toMatch(/digest/);
    const edited = { ...s, result: { ...s.result, winners: ['e'] } };
    expect(verifySeal(edited, ballots).problems.join('\n')).toMatch(/recount/);
    expect(verifySeal({ ...s, digest: '0'.repeat(64) }, ballots).problems.join('\n')).toMatch(/digest/);
    expect(verifySeal(s, [...ballots, { plus: ['a', 'a'], minus: [] }]).problems[0]).toMatch(/ballot 4: DUPLICATE_OPTION/);
  });

  it('checkExports reads the API envelopes and says why input is not a pair of exports', () => {
    const ballots = [{ plus: ['a'], minus: [] }];
    const s = seal(ballots);
    expect(checkExports({ ok: true, data: { roundId: 'r1', ballots } }, { ok: true, data: { seal: s } }).exitCode).toBe(0);
    expect(checkExports({ roundId: 'r2', ballots }, { seal: s }).exitCode).toBe(1);
    expect(checkExports({ ballots: 'x' }, { seal: s }).exitCode).toBe(2);
    expect(checkExports({ ballots }, { results: {} }).exitCode).toBe(2);
  });
});
