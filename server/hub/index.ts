import type { Clock } from '../clock.ts';
import type { Store } from '../store/types.ts';
import { noopListener, type HubContext } from './context.ts';
import { loadHub } from './load.ts';
import { disarmAll } from './roundOwner.ts';

export * from './context.ts';
export * from './assemblies.ts';
export * from './proposals.ts';
export * from './rounds.ts';
export { adoptStoredRound, armDeadline } from './roundOwner.ts';
export * from './participants.ts';
export * from './codes.ts';
export * from './submissions.ts';
export * from './advance.ts';
export * from './segments.ts';
export * from './report.ts';
export * from './opinion.ts';
export * from './coSupport.ts';
export * from './practice.ts';
export * from './ballots.ts';
export * from './results.ts';
export * from './publish.ts';
export * from './views.ts';
export * from './release.ts';
export * from './staffLinks.ts';
export * from './paper.ts';
export * from './paperViews.ts';
export { countedPaperBallots, loadRoundPaper } from './paperState.ts';

/** Creates the hub and rebuilds it from the store. */
export async function createHub(store: Store, clock: Clock): Promise<HubContext> {
  const ctx: HubContext = { store, clock, assemblies: new Map(), listener: noopListener, counters: { ballotsAccepted: 0 } };
  await loadHub(ctx);
  return ctx;
}

/** Stops timers (deadlines); the store is closed by its owner. */
export function stopHub(ctx: HubContext): void {
  for (const a of ctx.assemblies.values()) disarmAll(a);
}
