import { applyBallot, assignCounts } from '../../shared/domain/index.ts';
import { countedPaperBallots } from '../hub/paperState.ts';
import { currentRound, onlineHere, type AssemblyState, type HubContext, type HubListener } from '../hub/context.ts';
import { noteCountedTotal } from '../hub/release.ts';
import type { RoundCounts } from '../store/types.ts';

/** Sum of a round's partial tallies, with the sum of their versions (grows with every batch on any node). */
export type RoundTally = RoundCounts & { version: number };

/**
 * Keeps every node's tallies equal to the cluster's: each interval, the
 * current round's partial tallies (one short row per node) are summed from
 * PostgreSQL into the in-memory tally, which nothing else changes in
 * cluster mode. Only the leader sends snapshots (so they reach projectors in
 * the order they were read), whenever the tally, the round's status or
 * deadline, or the turnout moved.
 */
export function startTallySync(options: {
  ctx: HubContext;
  roundTally: (roundId: string) => Promise<RoundTally>;
  leads: () => boolean;
  /** The broadcaster: the leader's snapshots go through its coalescing. */
  broadcaster: HubListener;
  intervalMs: number;
}) {
  const { ctx } = options;
  const sent = new Map<string, string>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function syncAssembly(a: AssemblyState): Promise<void> {
    const round = currentRound(a);
    const live = round && a.live.get(round.id);
    if (!round || !live || round.status === 'draft') return;
    // Closed rounds are read a few more times, then they are final.
    const fresh = round.status === 'open' || (round.closedAt ?? 0) > ctx.clock.now() - 5000;
    if (fresh) {
      const counts = await options.roundTally(round.id);
      assignCounts(live.tally, counts);
      // Paper ballots (§5.1) keyed through this node; the seal at close reads every node's from the store.
      for (const b of countedPaperBallots(a.paper.get(round.id))) applyBallot(live.tally, undefined, b);
      live.countedSeq = counts.version;
      noteCountedTotal(a, round.id);
    }
    const key = [round.id, round.status, round.deadline, live.countedSeq, live.tally.ballots, a.participants, onlineHere(a) + (a.remoteOnline ?? 0)].join('|');
    if (options.leads() && sent.get(a.row.id) !== key) {
      sent.set(a.row.id, key);
      options.broadcaster.tallyChanged(a, round.id);
    }
  }

  async function tick(): Promise<void> {
    timer = null;
    for (const a of ctx.assemblies.values()) {
      if (stopped) return;
      await syncAssembly(a).catch((e: unknown) => console.error('cluster: tally sync failed', (e as Error).message));
    }
    if (!stopped) timer = setTimeout(() => void tick(), options.intervalMs);
  }
  timer = setTimeout(() => void tick(), 0);

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
