import { groupInformedConsensus, segmentCounts, share } from '../../shared/domain/index.ts';
import type { SegmentBreakdown } from '../../shared/protocol/views.ts';
import type { BallotRow } from '../store/types.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { visibleRound } from './results.ts';
import { roundBallots } from './roundBallots.ts';

/** A group smaller than this is never shown on its own (privacy). */
export const MIN_GROUP = 5;

/**
 * Profile answers (Prague 10, Říčany: decisions on rich data). Asked once at
 * join and skippable; unknown questions and options are dropped, so answers
 * always refer to the current questions.
 */
export async function answerProfile(
  ctx: HubContext,
  a: AssemblyState,
  participantId: string,
  answers: Record<string, string | null>,
): Promise<HubResult<{ answers: Record<string, string | null> }>> {
  // Null-prototype maps: an id such as "constructor" is only ever data (schemas refuse reserved ids too).
  const clean: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  for (const q of a.row.settings.profile) {
    if (!Object.hasOwn(answers, q.id)) continue;
    const given = answers[q.id]!;
    if (given !== null && !q.options.some((o) => o.id === given)) {
      return hubErr('BAD_REQUEST', `“${given}” is not an answer to “${q.label}”.`);
    }
    clean[q.id] = given;
  }
  for (const id of Object.keys(answers)) {
    if (!a.row.settings.profile.some((q) => q.id === id)) return hubErr('BAD_REQUEST', `There is no question “${id}”.`);
  }
  const merged: Record<string, string | null> = Object.assign(Object.create(null) as Record<string, string | null>, a.profiles.get(participantId), clean);
  await ctx.store.saveProfile(participantId, a.row.id, merged);
  a.profiles.set(participantId, merged);
  return hubOk({ answers: merged });
}

/**
 * Results of a round split by each profile question's answers, with
 * complementary suppression across every question (shared/domain/segments.ts):
 * no set of fewer than MIN_GROUP voters can be isolated from the totals and
 * all the groups shown, whatever a reader combines.
 */
export async function segmentBreakdown(
  ctx: HubContext,
  a: AssemblyState,
  roundId: string,
  /** The round's stored ballots, when the caller has read them already. */
  preloaded?: BallotRow[],
): Promise<HubResult<SegmentBreakdown[]>> {
  const visible = visibleRound(a, roundId);
  if (!visible.ok) return visible;
  const round = visible.value;
  const questions = a.row.settings.profile;
  const ballots = questions.length ? (preloaded ?? (await roundBallots(ctx, a, round))) : [];
  const voters = ballots
    .filter((b) => !a.revoked.has(b.participantId))
    .map((b) => ({ answers: a.profiles.get(b.participantId) ?? {}, plus: b.plus, minus: b.minus }));
  const counts = segmentCounts(questions, voters, MIN_GROUP);
  return hubOk(
    questions.map((q, qi): SegmentBreakdown => {
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
              : round.proposalIds.map((id) => {
                  const plus = g.plus.get(id) ?? 0;
                  const minus = g.minus.get(id) ?? 0;
                  return { id, plus, minus, net: plus - minus, support: share(plus, n), opposition: share(minus, n) };
                }),
        };
      });
      const shown = counts[qi]!.groups.filter((g) => g.voters);
      const groupConsensus = round.proposalIds.map((id) => ({
        id,
        ...groupInformedConsensus(shown.map((g) => ({ n: g.voters!, plus: g.plus.get(id) ?? 0, minus: g.minus.get(id) ?? 0 }))),
      }));
      return { questionId: q.id, label: q.label, minGroup: MIN_GROUP, groups, groupConsensus };
    }),
  );
}
