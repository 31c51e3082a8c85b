import { currentRound, hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';

/**
 * Shows a closed round's final results on the phones, or hides them again
 * (issue 13). The round ids are kept in the assembly's `settings.published`;
 * phones receive the results with their round view (`round:updated`,
 * `results`), so only a published, closed round's sealed result ever
 * reaches them (docs/protocol.md, "Results on phones").
 */
export async function publishResults(
  ctx: HubContext,
  a: AssemblyState,
  roundId: string,
  published: boolean,
): Promise<HubResult<{ roundId: string; published: boolean }>> {
  const round = a.rounds.get(roundId);
  if (!round) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  if (round.status !== 'closed') return hubErr('CONFLICT', 'Only a closed round’s results can be shown on phones.');
  const others = a.row.settings.published.filter((id) => id !== roundId);
  const row = { ...a.row, settings: { ...a.row.settings, published: published ? [...others, roundId] : others } };
  await ctx.store.updateAssembly(row);
  a.row = row;
  ctx.listener.assemblyChanged(a);
  // Phones show the current round only: they hear of it when that is the one.
  if (currentRound(a)?.id === roundId) ctx.listener.currentRoundChanged(a);
  return hubOk({ roundId, published });
}

/** Whether phones may see this round's final results now. */
export function resultsPublished(a: AssemblyState, roundId: string): boolean {
  return a.rounds.get(roundId)?.status === 'closed' && a.row.settings.published.includes(roundId);
}
