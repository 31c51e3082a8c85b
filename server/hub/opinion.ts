import { voteMatrix } from '../../shared/domain/index.ts';
import type { OpinionGroupsView } from '../../shared/protocol/views.ts';
import type { BallotRow, RoundRow } from '../store/types.ts';
import { createWorkerPool, type WorkerPool } from '../workers/pool.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { visibleRound } from './results.ts';
import { roundBallots } from './roundBallots.ts';
import { MIN_GROUP } from './segments.ts';
import { roundRules } from './views.ts';

/**
 * Opinion groups of a round (docs/opinion-groups.md), computed off the
 * event loop in the hub's worker pool (`ctx.workers`; server/workers) and
 * cached per round and tally version. The ballots come from the hub's
 * memory on one node (roundBallots.ts), so no bulk store read holds the
 * event loop either.
 * - a closed round is computed once per set of ballots;
 * - while a round is open, a view at most `REFRESH_MS` old is served even
 *   if ballots arrived since (it says how many ballots it rests on), so a
 *   room of projectors and consoles asking every few seconds costs one
 *   computation per `REFRESH_MS`, not one per request or per ballot;
 * - concurrent requests for the same version share one computation.
 * Visible like the results: not while a hidden round is open.
 */
export const REFRESH_MS = 3000;

interface Entry {
  version: string;
  at: number;
  view: OpinionGroupsView;
}
interface RoundCache {
  done: Entry | null;
  pending: { version: string; promise: Promise<OpinionGroupsView> } | null;
}

const caches = new WeakMap<HubContext, Map<string, RoundCache>>();
/** Hubs built without a pool (unit tests of the hub) compute in the calling thread. */
const inline = createWorkerPool({ inline: true });

/** What changes the groups: the round's status, ballots counted, voters revoked. */
function versionOf(a: AssemblyState, round: RoundRow): string {
  return `${round.status}:${a.live.get(round.id)?.countedSeq ?? 0}:${a.revoked.size}:${round.proposalIds.length}`;
}

function cacheOf(ctx: HubContext, roundId: string): RoundCache {
  let byRound = caches.get(ctx);
  if (!byRound) caches.set(ctx, (byRound = new Map()));
  let c = byRound.get(roundId);
  if (!c) byRound.set(roundId, (c = { done: null, pending: null }));
  return c;
}

async function compute(ctx: HubContext, a: AssemblyState, round: RoundRow, preloaded: BallotRow[] | undefined): Promise<OpinionGroupsView> {
  const pool: WorkerPool = ctx.workers ?? inline;
  const rows = (preloaded ?? (await roundBallots(ctx, a, round))).filter((b) => !a.revoked.has(b.participantId));
  const m = voteMatrix(round.proposalIds, rows);
  // The votes a voter can cast under the round's rules as the ballot applies
  // them (derived from W and the proposals unless set), not the number of
  // proposals: with 22 proposals and 5 + 2 votes a voter needs 4 to be grouped, not 7.
  const rules = roundRules(round);
  const capacity = rules.plus + rules.minus;
  const out = await pool.run(
    'opinionGroups',
    // A D21 ballot paper shows every proposal: no vote is an answer (plus-only rounds find groups too).
    { ...m, optionIds: round.proposalIds, minGroup: MIN_GROUP, capacity, noVoteObserved: true },
    [m.cells.buffer as ArrayBuffer],
  );
  return { roundId: round.id, computedAt: ctx.clock.now(), ...out };
}

export async function opinionGroupsView(
  ctx: HubContext,
  a: AssemblyState,
  roundId: string,
  /** The round's stored ballots, when the caller has read them already. */
  preloaded?: BallotRow[],
): Promise<HubResult<OpinionGroupsView>> {
  const visible = visibleRound(a, roundId);
  if (!visible.ok) return visible;
  const round = visible.value;
  const cache = cacheOf(ctx, round.id);
  const version = versionOf(a, round);
  const now = ctx.clock.now();
  const done = cache.done;
  // On a cluster, other nodes' ballots need not move this node's version: an open round is then refreshed by age alone.
  const same = done?.version === version && !(round.status === 'open' && ctx.cluster?.sharedTally);
  const fresh = round.status === 'open' && done !== null && now - done.at < REFRESH_MS;
  if (done && (same || fresh)) return hubOk(done.view);
  if (cache.pending?.version !== version) {
    const promise = compute(ctx, a, round, preloaded);
    const pending = { version, promise };
    cache.pending = pending;
    promise.then(
      (view) => {
        if (!cache.done || cache.done.at <= now) cache.done = { version, at: now, view };
        if (cache.pending === pending) cache.pending = null;
      },
      () => {
        if (cache.pending === pending) cache.pending = null;
      },
    );
  }
  try {
    return hubOk(await cache.pending!.promise);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'QUEUE_FULL') return hubErr('RATE_LIMITED', 'The server is busy computing opinion groups; try again in a moment.');
    throw error;
  }
}
