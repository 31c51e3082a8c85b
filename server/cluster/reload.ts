import { newAssemblyState, type AssemblyState, type HubContext } from '../hub/context.ts';
import { adoptStoredRound } from '../hub/roundOwner.ts';
import { loadRoundPaper } from '../hub/paperState.ts';
import type { ChangeNote } from './notes.ts';

/**
 * Applies another node's change notes to this node's in-memory hub by
 * reading the noted part again from the store (never trusting the order in
 * which notes arrive: the store has the last committed state). Notes for
 * one part are coalesced: a burst of 600 joins costs a few reads, not 600.
 * Nothing is broadcast here: the node that made the change already told
 * every socket in the cluster through the Socket.IO adapter.
 */
export function createReloader(ctx: HubContext, onRoundsChanged: (a: AssemblyState) => void) {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();

  async function reload(kind: ChangeNote['kind'], assemblyId: string | null): Promise<void> {
    const mine = (x: { assemblyId: string }) => assemblyId === null || x.assemblyId === assemblyId;
    const targets = () => [...ctx.assemblies.values()].filter((a) => assemblyId === null || a.row.id === assemblyId);
    switch (kind) {
      case 'assembly':
        for (const row of (await ctx.store.loadAssemblies()).filter((r) => assemblyId === null || r.id === assemblyId)) {
          const a = ctx.assemblies.get(row.id);
          if (a) a.row = row;
          else ctx.assemblies.set(row.id, newAssemblyState(row, await ctx.store.countParticipants(row.id)));
        }
        return;
      case 'proposals': {
        const rows = (await ctx.store.loadProposals()).filter(mine);
        for (const a of targets()) a.proposals = new Map(rows.filter((p) => p.assemblyId === a.row.id).map((p) => [p.id, p]));
        return;
      }
      case 'rounds': {
        const rows = (await ctx.store.loadRounds()).filter(mine);
        for (const a of targets()) {
          for (const r of rows.filter((x) => x.assemblyId === a.row.id)) adoptStoredRound(ctx, a, r);
          onRoundsChanged(a);
        }
        return;
      }
      case 'participants': {
        const revoked = (await ctx.store.loadRevokedParticipants()).filter(mine);
        for (const a of targets()) {
          a.participants = await ctx.store.countParticipants(a.row.id);
          for (const p of revoked) if (p.assemblyId === a.row.id) a.revoked.add(p.id);
        }
        return;
      }
      case 'codes': {
        const rows = (await ctx.store.loadAccessCodes()).filter(mine);
        for (const a of targets()) for (const c of rows) if (c.assemblyId === a.row.id) a.codes.set(c.codeHash, c);
        return;
      }
      case 'staff': {
        const rows = (await ctx.store.loadStaffLinks()).filter(mine);
        for (const a of targets()) for (const l of rows) if (l.assemblyId === a.row.id) a.staff.set(l.id, l);
        return;
      }
      case 'paper': {
        // Paper ballots keyed on other nodes (§5.1); the tally sync adds the counted ones to the summed tally (tally.ts).
        const { keyings, decisions } = await ctx.store.loadPaper(null);
        for (const a of targets()) {
          for (const id of a.live.keys()) {
            const k = keyings.filter((x) => x.roundId === id);
            const d = decisions.filter((x) => x.roundId === id);
            if (k.length || d.length) a.paper.set(id, loadRoundPaper(k, d, null));
          }
        }
        return;
      }
      case 'profiles': {
        const rows = (await ctx.store.loadProfiles()).filter(mine);
        for (const a of targets()) for (const p of rows) if (p.assemblyId === a.row.id) a.profiles.set(p.participantId, p.answers);
        return;
      }
    }
  }

  /** Reads the noted part again; a note arriving during a read makes one more read after it. */
  return function apply(note: ChangeNote): Promise<void> {
    const key = `${note.kind}:${note.assemblyId ?? '*'}`;
    const current = running.get(key);
    if (current) {
      again.add(key);
      return current;
    }
    const run = (async () => {
      do {
        again.delete(key);
        try {
          await reload(note.kind, note.assemblyId);
        } catch (e) {
          console.error(`cluster: reading ${key} again failed`, (e as Error).message);
        }
      } while (again.has(key));
      running.delete(key);
    })();
    running.set(key, run);
    return run;
  };
}
