import { assignCounts } from '../../shared/domain/index.ts';
import { newAssemblyState, type HubContext } from './context.ts';
import { armDeadline, newLiveRound, upgradeLegacyRound } from './roundOwner.ts';
import { severClosedRound } from './segments.ts';
import { loadRoundPaper } from './paperState.ts';
import { PAPER_PSEUDONYM, severPaperCodes } from './paperSever.ts';

/**
 * Rebuilds the in-memory hub from the store: stored ballots are the truth,
 * open rounds' tallies are recounted from them and keep their deadlines;
 * closed rounds keep the result sealed at close (never recomputed) and
 * have their ballots severed from the voters if that did not happen yet.
 */
export async function loadHub(ctx: HubContext): Promise<void> {
  const [assemblies, proposals, rounds] = await Promise.all([
    ctx.store.loadAssemblies(),
    ctx.store.loadProposals(),
    ctx.store.loadRounds(),
  ]);
  for (const row of assemblies) {
    ctx.assemblies.set(row.id, newAssemblyState(row, await ctx.store.countParticipants(row.id)));
  }
  for (const c of await ctx.store.loadAccessCodes()) ctx.assemblies.get(c.assemblyId)?.codes.set(c.codeHash, c);
  for (const p of await ctx.store.loadRevokedParticipants()) ctx.assemblies.get(p.assemblyId)?.revoked.add(p.id);
  for (const p of await ctx.store.loadProfiles()) ctx.assemblies.get(p.assemblyId)?.profiles.set(p.participantId, p.answers);
  for (const p of proposals) ctx.assemblies.get(p.assemblyId)?.proposals.set(p.id, p);
  for (const r of rounds) ctx.assemblies.get(r.assemblyId)?.rounds.set(r.id, r);
  for (const l of await ctx.store.loadStaffLinks()) ctx.assemblies.get(l.assemblyId)?.staff.set(l.id, l);
  const paper = await ctx.store.loadPaper(null);

  for (const a of ctx.assemblies.values()) {
    for (const stored of [...a.rounds.values()]) {
      if (stored.status === 'draft') continue;
      const r = await upgradeLegacyRound(ctx, a, stored);
      // A closed round whose ballots still name their voters (a crash between closing and severing, older data).
      if (r.status === 'closed' && (await ctx.store.loadBreakdown(r.id)) === null) await severClosedRound(ctx, a, r);
      const live = newLiveRound(r);
      a.live.set(r.id, live);
      // Counted by the store; each voter's own ballot is read when needed.
      const counts = await ctx.store.countRound(r.id);
      assignCounts(live.tally, counts);
      live.seq = counts.maxSeq;
      live.countedSeq = live.seq;
      // Paper ballots keyed in the round (§5.1): the counted ones join the phones' in the tally.
      const keyings = paper.keyings.filter((k) => k.roundId === r.id);
      const decisions = paper.decisions.filter((d) => d.roundId === r.id);
      if (keyings.length || decisions.length) a.paper.set(r.id, loadRoundPaper(keyings, decisions, live.tally));
      // A closed round whose paper ballots still name the access cards (a crash between closing and severing).
      if (r.status === 'closed' && [...keyings, ...decisions].some((k) => k.codeId && !k.codeId.startsWith(PAPER_PSEUDONYM))) await severPaperCodes(ctx, a, r);
    }
    for (const live of a.live.values()) armDeadline(ctx, a, live);
  }
}
