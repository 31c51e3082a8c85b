import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkExports, DEFAULT_PRACTICE, sealRound, verifySeal, type Ballot, type BallotRules, type PaperEntry, type RoundPractice, type SealedRound } from '../../shared/domain/index.ts';

/**
 * The round's d21-method.md §5 settings are part of its sealed result:
 * the digest covers each of them, the recount behind `npm run verify`
 * (checkExports → verifySeal) applies them, and an export whose settings
 * were edited after the close no longer verifies.
 */
const PAPER: PaperEntry[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, title: `Proposal ${id}`, description: '', cost: (i + 1) * 100 }));
const RULES: BallotRules = { options: 6, winners: 2, plus: 3, minus: 1, ratio: 2 };

/** 10 ballots: d draws 4 minus (net below 0, minus from 40 % of voters); b and c tie at the cut. */
const BALLOTS: Ballot[] = [
  ...Array.from({ length: 4 }, () => ({ plus: ['a', 'b', 'c'], minus: ['d'] })),
  ...Array.from({ length: 2 }, () => ({ plus: ['a', 'd', 'e'], minus: [] })),
  { plus: ['b', 'e'], minus: [] },
  { plus: ['c', 'f'], minus: [] },
  { plus: ['f'], minus: [] },
  { plus: [], minus: [] },
];

const SETTINGS: RoundPractice = {
  ...DEFAULT_PRACTICE,
  exclusion: { netBelowZero: true, maxMinusPercent: 25, minPlus: 2 },
  tieRule: 'plusMinusDraw',
  drawSeed: 'seed-1',
  pots: [
    { id: 'large', label: 'Large', budget: 900 },
    { id: 'small', label: 'Small', budget: 500 },
  ],
  potOf: { e: 'large', f: 'large' },
};

const seal = (practice: RoundPractice | undefined, budget: number | null = 1400) =>
  sealRound({ roundId: 'r1', closedAt: 1_767_000_000_000, rules: RULES, budget, paper: PAPER, ...(practice ? { practice } : {}), turnout: { joined: 12, online: 10 } }, BALLOTS);

/** One change to each §5 setting (and to each part of the composite ones). */
const CHANGES: [string, (p: RoundPractice) => RoundPractice][] = [
  ['§5.2 net below 0 off', (p) => ({ ...p, exclusion: { ...p.exclusion, netBelowZero: false } })],
  ['§5.2 minus share 25 → 30 %', (p) => ({ ...p, exclusion: { ...p.exclusion, maxMinusPercent: 30 } })],
  ['§5.2 minus share off', (p) => ({ ...p, exclusion: { ...p.exclusion, maxMinusPercent: null } })],
  ['§5.2 fewest plus 2 → 3', (p) => ({ ...p, exclusion: { ...p.exclusion, minPlus: 3 } })],
  ['§5.3 tie rule flag', (p) => ({ ...p, tieRule: 'flag' })],
  ['§5.3 tie rule re-vote', (p) => ({ ...p, tieRule: 'revote' })],
  ['§5.3b another draw seed', (p) => ({ ...p, drawSeed: 'seed-2' })],
  ['§5.4 ranking by plus', (p) => ({ ...p, rankBy: 'plus' })],
  ['§5.5 minus only after all plus', (p) => ({ ...p, minusAfterAllPlus: true })],
  ['§5.6 shuffle on', (p) => ({ ...p, shuffle: true })],
  ['§5.6 shuffle off', (p) => ({ ...p, shuffle: false })],
  ['§5.7 a pot budget', (p) => ({ ...p, pots: p.pots!.map((x) => (x.id === 'small' ? { ...x, budget: 600 } : x)) })],
  ['§5.7 a pot label', (p) => ({ ...p, pots: p.pots!.map((x) => (x.id === 'small' ? { ...x, label: 'Little' } : x)) })],
  ['§5.7 one pot fewer', (p) => ({ ...p, pots: p.pots!.slice(0, 1) })],
  ['§5.7 no pots', (p) => ({ ...p, pots: null, potOf: {} })],
  ['§5.7 a proposal moved to another pot', (p) => ({ ...p, potOf: { ...p.potOf, a: 'small' } })],
];

/** A seal as the results export carries it, after a JSON round trip. */
const exported = (s: SealedRound) => JSON.parse(JSON.stringify({ ok: true, data: { seal: s } })) as { ok: true; data: { seal: SealedRound } };
const ballotsExport = { ok: true, data: { roundId: 'r1', ballots: BALLOTS } };

describe('§5 settings are sealed with the result', () => {
  it('§5.2–§5.7 changing any one setting changes the digest', () => {
    const base = seal(SETTINGS);
    const digests = new Set([base.digest]);
    for (const [name, change] of CHANGES) {
      const d = seal(change(SETTINGS)).digest;
      expect(d, name).not.toBe(base.digest);
      digests.add(d);
    }
    // Every change gives its own digest.
    expect(digests.size).toBe(CHANGES.length + 1);
    // The core rules (no settings) and a seal from before §5 differ from it too.
    expect(seal(undefined).digest).not.toBe(base.digest);
  });

  it('§5.2 §5.3b §5.7 the sealed result applies the settings, and verify recomputes it and the digest', () => {
    const s = seal(SETTINGS);
    expect(s.practice).toEqual(SETTINGS);
    expect(s.result.excluded.map((e) => e.id)).toEqual(['d']);
    expect(s.result.tieBreak).toMatchObject({ rule: 'plusMinusDraw', seed: 'seed-1' });
    expect(s.result.pots?.map((p) => p.id)).toEqual(['large', 'small']);
    expect(verifySeal(s, BALLOTS)).toMatchObject({ ok: true, digest: s.digest });
    const out = checkExports(ballotsExport, exported(s));
    expect(out.exitCode).toBe(0);
    expect(out.lines.join('\n')).toContain(`recomputed digest ${s.digest}`);
  });

  it('§5.2–§5.7 an export whose settings were edited after the close does not verify (recount or digest)', () => {
    const s = seal(SETTINGS);
    for (const [name, change] of CHANGES) {
      const forged = exported({ ...s, practice: change(SETTINGS) });
      const out = checkExports(ballotsExport, forged);
      expect(out.exitCode, name).toBe(1);
      expect(out.lines.some((l) => l.includes('digest') && l.includes('differs')), name).toBe(true);
    }
    // Dropping the settings altogether: the recount under the core rules is another result.
    const { practice: _dropped, ...bare } = s;
    const out = checkExports(ballotsExport, exported(bare as SealedRound));
    expect(out.exitCode).toBe(1);
    expect(out.lines.join('\n')).toContain('the recount of the ballots differs from the sealed result');
  });

  it('§5.3b property: for any draw seed the seal verifies, and its digest is a function of the seed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (s1, s2) => {
        const a = seal({ ...SETTINGS, drawSeed: s1 });
        expect(verifySeal(a, BALLOTS).ok).toBe(true);
        expect(seal({ ...SETTINGS, drawSeed: s1 }).digest).toBe(a.digest);
        if (s1 !== s2) expect(seal({ ...SETTINGS, drawSeed: s2 }).digest).not.toBe(a.digest);
      }),
      { numRuns: 50 },
    );
  });
});
