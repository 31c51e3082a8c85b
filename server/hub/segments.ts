import { groupInformedConsensus, share } from '../../shared/domain/index.ts';
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
  const clean: Record<string, string | null> = {};
  for (const q of a.row.settings.profile) {
    const given = answers[q.id];
    if (given === undefined) continue;
    if (given !== null && !q.options.some((o) => o.id === given)) {
      return hubErr('BAD_REQUEST', `“${given}” is not an answer to “${q.label}”.`);
    }
    clean[q.id] = given;
  }
  for (const id of Object.keys(answers)) {
    if (!a.row.settings.profile.some((q) => q.id === id)) return hubErr('BAD_REQUEST', `There is no question “${id}”.`);
  }
  const merged = { ...(a.profiles.get(participantId) ?? {}), ...clean };
  await ctx.store.saveProfile(participantId, a.row.id, merged);
  a.profiles.set(participantId, merged);
  return hubOk({ answers: merged });
}

/**
 * Results of a round split by each profile question's answers. Groups of 1–4
 * voters are suppressed; when exactly one group is suppressed, the next
 * smallest is suppressed too, or it could be recovered by subtracting the
 * shown groups from the public totals.
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
  const ballots = a.row.settings.profile.length ? (preloaded ?? (await roundBallots(ctx, a, round))) : [];
  const out: SegmentBreakdown[] = [];
  for (const q of a.row.settings.profile) {
    const keys: (string | null)[] = [...q.options.map((o) => o.id), null];
    const counts = new Map<string | null, { n: number; plus: Map<string, number>; minus: Map<string, number> }>(
      keys.map((k) => [k, { n: 0, plus: new Map(), minus: new Map() }]),
    );
    for (const ballot of ballots) {
      const pid = ballot.participantId;
      if (a.revoked.has(pid)) continue;
      const answer = a.profiles.get(pid)?.[q.id] ?? null;
      const g = counts.get(q.options.some((o) => o.id === answer) ? answer : null)!;
      g.n++;
      for (const id of ballot.plus) g.plus.set(id, (g.plus.get(id) ?? 0) + 1);
      for (const id of ballot.minus) g.minus.set(id, (g.minus.get(id) ?? 0) + 1);
    }
    const small = keys.filter((k) => {
      const n = counts.get(k)!.n;
      return n > 0 && n < MIN_GROUP;
    });
    const suppressed = new Set(small);
    if (small.length === 1) {
      const next = keys
        .filter((k) => !suppressed.has(k) && counts.get(k)!.n > 0)
        .sort((x, y) => counts.get(x)!.n - counts.get(y)!.n)[0];
      if (next !== undefined) suppressed.add(next);
    }
    const groups: SegmentBreakdown['groups'] = keys.map((k) => {
      const g = counts.get(k)!;
      const label = k === null ? 'No answer' : q.options.find((o) => o.id === k)!.label;
      if (suppressed.has(k)) return { optionId: k, label, voters: null, suppressed: true, options: null };
      return {
        optionId: k,
        label,
        voters: g.n,
        suppressed: false,
        options:
          g.n === 0
            ? null
            : round.proposalIds.map((id) => {
                const plus = g.plus.get(id) ?? 0;
                const minus = g.minus.get(id) ?? 0;
                return { id, plus, minus, net: plus - minus, support: share(plus, g.n), opposition: share(minus, g.n) };
              }),
      };
    });
    const shown = keys.filter((k) => !suppressed.has(k) && counts.get(k)!.n > 0).map((k) => counts.get(k)!);
    const groupConsensus = round.proposalIds.map((id) => ({
      id,
      ...groupInformedConsensus(shown.map((g) => ({ n: g.n, plus: g.plus.get(id) ?? 0, minus: g.minus.get(id) ?? 0 }))),
    }));
    out.push({ questionId: q.id, label: q.label, minGroup: MIN_GROUP, groups, groupConsensus });
  }
  return hubOk(out);
}
