import { groupInformedConsensus, segmentCounts, share } from '../../shared/domain/index.ts';
import type { ProfileQuestion } from '../../shared/protocol/schemas.ts';
import type { SegmentBreakdown } from '../../shared/protocol/views.ts';

/** A group smaller than this is never shown on its own (privacy). */
export const MIN_GROUP = 5;

/** Input of the `breakdown` worker task: the profile questions, the round's proposals and each voter's answers and ballot. */
export interface BreakdownTaskInput {
  questions: ProfileQuestion[];
  proposalIds: string[];
  voters: { answers: Record<string, string | null>; plus: string[]; minus: string[] }[];
  minGroup: number;
}

/**
 * Worker task: a round's results split by each profile question's answers,
 * with complementary suppression across every question
 * (shared/domain/segments.ts), shaped for the wire.
 */
export function breakdownTask({ questions, proposalIds, voters, minGroup }: BreakdownTaskInput): SegmentBreakdown[] {
  const counts = segmentCounts(questions, voters, minGroup);
  return questions.map((q, qi): SegmentBreakdown => {
    const groups: SegmentBreakdown['groups'] = counts[qi]!.groups.map((g) => {
      const label = g.optionId === null ? 'No answer' : q.options.find((o) => o.id === g.optionId)!.label;
      if (g.voters === null) return { optionId: g.optionId, label, voters: null, suppressed: true, options: null };
      const n = g.voters;
      return {
        optionId: g.optionId,
        label,
        voters: n,
        suppressed: false,
        options:
          n === 0
            ? null
            : proposalIds.map((id) => {
                const plus = g.plus.get(id) ?? 0;
                const minus = g.minus.get(id) ?? 0;
                return { id, plus, minus, net: plus - minus, support: share(plus, n), opposition: share(minus, n) };
              }),
      };
    });
    const shown = counts[qi]!.groups.filter((g) => g.voters);
    const groupConsensus = proposalIds.map((id) => ({
      id,
      ...groupInformedConsensus(shown.map((g) => ({ n: g.voters!, plus: g.plus.get(id) ?? 0, minus: g.minus.get(id) ?? 0 }))),
    }));
    return { questionId: q.id, label: q.label, minGroup, groups, groupConsensus };
  });
}
