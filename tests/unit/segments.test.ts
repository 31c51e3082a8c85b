import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishedVoters, segmentCounts, type SegmentQuestion, type SegmentVoter } from '../../shared/domain/segments.ts';

const MIN = 5;

/** Row-reduced basis over the rationals (floats with a tolerance: small 0/1 matrices). */
function basis(rows: number[][]): number[][] {
  const out: number[][] = [];
  for (const r of rows) {
    const v = reduce(out, r);
    const pivot = v.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot >= 0) out.push(v.map((x) => x / v[pivot]!));
  }
  return out;
}
function reduce(b: number[][], row: number[]): number[] {
  const v = [...row];
  for (const r of b) {
    const pivot = r.findIndex((x) => Math.abs(x) > 1e-9);
    const f = v[pivot]!;
    if (Math.abs(f) > 1e-9) for (let i = 0; i < v.length; i++) v[i]! -= f * r[i]!;
  }
  return v;
}
const inSpan = (b: number[][], row: number[]) => reduce(b, row).every((x) => Math.abs(x) < 1e-6);

function* smallSets(n: number, maxSize: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length > 0) yield acc;
  if (acc.length === maxSize) return;
  for (let i = start; i < n; i++) yield* smallSets(n, maxSize, i + 1, [...acc, i]);
}

const questionsArb = fc.array(fc.integer({ min: 2, max: 3 }), { minLength: 1, maxLength: 3 }).map((sizes) =>
  sizes.map((k, qi): SegmentQuestion => ({ id: `q${qi}`, options: Array.from({ length: k }, (_, oi) => ({ id: `o${oi}` })) })),
);

describe('results by segment: complementary suppression', () => {
  it('no set of fewer than 5 voters can be isolated from the totals and every published group (property)', () => {
    fc.assert(
      fc.property(
        questionsArb.chain((qs) =>
          fc.tuple(
            fc.constant(qs),
            fc.array(
              fc.tuple(fc.array(fc.integer({ min: -1, max: 2 }), { minLength: qs.length, maxLength: qs.length }), fc.subarray(['p1', 'p2', 'p3'])),
              { maxLength: 13 },
            ),
          ),
        ),
        ([questions, raw]) => {
          const voters: SegmentVoter[] = raw.map(([ans, plus]) => ({
            answers: Object.fromEntries(questions.map((q, i) => [q.id, ans[i]! < 0 ? null : `o${ans[i]}`])),
            plus,
            minus: [],
          }));
          const n = voters.length;
          const published = publishedVoters(questions, voters, MIN);
          // What a reader has: the totals (everyone) and the voters of every published group.
          const rows: number[][] = [Array.from({ length: n }, () => 1)];
          const counts = segmentCounts(questions, voters, MIN);
          for (const [qi, q] of counts.entries()) {
            for (const g of q.groups) {
              if (!g.voters) continue;
              const members: number[] = voters.map((v, i) => {
                const a = v.answers[questions[qi]!.id] ?? null;
                const inGroup = (questions[qi]!.options.some((o) => o.id === a) ? a : null) === g.optionId;
                return inGroup && published.has(i) ? 1 : 0;
              });
              // The published figures are exactly those of these members.
              expect(members.reduce((s: number, x) => s + x, 0)).toBe(g.voters);
              const plus1 = voters.filter((v, i) => members[i] && v.plus.includes('p1')).length;
              expect(g.plus.get('p1') ?? 0).toBe(plus1);
              rows.push(members);
            }
          }
          const b = basis(rows);
          for (const set of smallSets(n, MIN - 1)) {
            const row = Array.from({ length: n }, (_, i) => (set.includes(i) ? 1 : 0));
            // In a room of fewer than 5 the public totals are themselves small: the breakdown must add nothing to them.
            if (set.length === n) continue;
            if (inSpan(b, row)) throw new Error(`voters ${set.join(',')} of ${n} can be isolated`);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('regression: groups of 5, 1 and 1 ("no answer" included) show nothing that subtraction could undo', () => {
    const q: SegmentQuestion[] = [{ id: 'age', options: [{ id: 'young' }, { id: 'old' }] }];
    const voters: SegmentVoter[] = [
      ...Array.from({ length: 5 }, () => ({ answers: { age: 'young' }, plus: ['a'], minus: [] })),
      { answers: { age: 'old' }, plus: ['b'], minus: [] },
      { answers: {}, plus: ['c'], minus: [] },
    ];
    const [age] = segmentCounts(q, voters, MIN);
    // Showing the 5 would reveal the other two by total minus shown.
    expect(age!.groups.map((g) => g.voters)).toEqual([null, null, null]);
  });

  it('two questions whose groups nest one voter apart publish no difference of one voter', () => {
    const q: SegmentQuestion[] = [
      { id: 'q1', options: [{ id: 'y' }, { id: 'n' }] },
      { id: 'q2', options: [{ id: 'y' }, { id: 'n' }] },
    ];
    // Voters 0–4 say y/y, voter 5 says y/n, voters 6–11 say n/n: q1 "y" has 6, q2 "y" has 5.
    const ans = (a: string, b: string) => ({ answers: { q1: a, q2: b }, plus: [], minus: [] });
    const voters = [...Array.from({ length: 5 }, () => ans('y', 'y')), ans('y', 'n'), ...Array.from({ length: 6 }, () => ans('n', 'n'))];
    const [q1, q2] = segmentCounts(q, voters, MIN);
    const y1 = q1!.groups.find((g) => g.optionId === 'y')!.voters ?? 0;
    const y2 = q2!.groups.find((g) => g.optionId === 'y')!.voters ?? 0;
    expect(Math.abs(y1 - y2) === 0 || Math.abs(y1 - y2) >= MIN).toBe(true);
  });
});
