import type { SegmentBreakdown } from '../../shared/protocol/views.ts';
import type { BallotRow, RoundRow } from '../store/types.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { visibleRound } from './results.ts';
import { roundBallots } from './roundBallots.ts';
import { createWorkerPool } from '../workers/pool.ts';
import { MIN_GROUP } from '../workers/breakdownTask.ts';

export { MIN_GROUP };

/** Hubs built without a pool (unit tests of the hub) compute in the calling thread. */
const inline = createWorkerPool({ inline: true });

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

/** Closed rounds' breakdowns as kept by the store (a closed round never changes). */
const sealed = new WeakMap<HubContext, Map<string, SegmentBreakdown[]>>();

/**
 * Results of a round split by each profile question's answers, with
 * complementary suppression across every question (shared/domain/segments.ts):
 * no set of fewer than MIN_GROUP voters can be isolated from the totals and
 * all the groups shown, whatever a reader combines.
 *
 * A closed round's breakdown is the one computed when it closed and kept
 * by the store: its ballots no longer name their voters (`severClosedRound`).
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
  if (round.status === 'closed') {
    let byRound = sealed.get(ctx);
    if (!byRound) sealed.set(ctx, (byRound = new Map()));
    const kept = byRound.get(round.id) ?? (await ctx.store.loadBreakdown(round.id));
    if (kept) {
      byRound.set(round.id, kept);
      return hubOk(kept);
    }
  }
  const ballots = a.row.settings.profile.length ? (preloaded ?? (await roundBallots(ctx, a, round))) : [];
  return hubOk(await computeBreakdown(ctx, a, round, ballots));
}

/**
 * Once a round is closed (and sealed): keeps its breakdown, computed from
 * the ballots that still name their voters, and has the store sever the
 * ballots from the voters (docs/security.md, "The data file"). Also run at
 * start for closed rounds not severed yet (a crash between the two writes,
 * or data from an older version).
 */
export async function severClosedRound(ctx: HubContext, a: AssemblyState, round: RoundRow, ballots?: BallotRow[]): Promise<void> {
  if (round.status !== 'closed') return;
  const rows = ballots ?? (await ctx.store.loadBallots(round.id));
  await ctx.store.severRound(round.id, await computeBreakdown(ctx, a, round, rows));
}

/**
 * The breakdown of a round from ballots that name their voters (their
 * current profile answers), computed in the worker pool: at thousands of
 * ballots it would hold the event loop (docs/security.md, "Stalls").
 */
function computeBreakdown(ctx: HubContext, a: AssemblyState, round: RoundRow, ballots: BallotRow[]): Promise<SegmentBreakdown[]> {
  const questions = a.row.settings.profile;
  if (questions.length === 0) return Promise.resolve([]);
  const voters = ballots
    .filter((b) => !a.revoked.has(b.participantId))
    .map((b) => ({ answers: { ...a.profiles.get(b.participantId) }, plus: b.plus, minus: b.minus }));
  return (ctx.workers ?? inline).run('breakdown', { questions, proposalIds: round.proposalIds, voters, minGroup: MIN_GROUP });
}
