import { onlineHere, type AssemblyState, type HubContext } from '../hub/context.ts';

/** One node's count of connected participants per assembly, sent every second. */
export interface OnlineReport {
  node: string;
  counts: Record<string, number>;
}

/** A participant's socket joined on `node` at `at` (ms): the latest join counts the person. */
export interface JoinClaim {
  node: string;
  assemblyId: string;
  participantId: string;
  at: number;
}

/**
 * Turnout's "online" across the cluster: each node reports its own
 * connected participants per assembly every `everyMs`; a node's report
 * older than three periods (a node that died) no longer counts.
 *
 * A person counts once, at the node of their latest join: each join is
 * announced (`claim`), and a node that also has that person connected (a
 * re-homed phone whose old socket has not timed out yet, tabs on two
 * nodes) stops counting them (`AssemblyState.away`) unless its own join
 * is later. Joins are ordered by time, then by node name.
 */
export function startOnlineSharing(options: { ctx: HubContext; node: string; send: (r: OnlineReport) => void; claim: (c: JoinClaim) => void; everyMs?: number }) {
  const every = options.everyMs ?? 1000;
  const others = new Map<string, { at: number; counts: Record<string, number> }>();
  /** This node's latest join per assembly/participant. */
  const joins = new Map<string, number>();
  const key = (assemblyId: string, participantId: string) => `${assemblyId}/${participantId}`;

  function recompute(): void {
    const now = Date.now();
    for (const [node, r] of others) if (now - r.at > 3 * every) others.delete(node);
    for (const a of options.ctx.assemblies.values()) {
      let n = 0;
      for (const r of others.values()) n += r.counts[a.row.id] ?? 0;
      a.remoteOnline = n;
    }
  }

  const timer = setInterval(() => {
    const counts: Record<string, number> = {};
    for (const a of options.ctx.assemblies.values()) {
      const n = onlineHere(a);
      if (n > 0) counts[a.row.id] = n;
      // Forget joins of people no longer connected here.
      for (const p of a.away ?? []) if (!a.online.has(p)) a.away!.delete(p);
    }
    for (const k of joins.keys()) {
      const [assemblyId, participantId] = k.split('/') as [string, string];
      if (!options.ctx.assemblies.get(assemblyId)?.online.has(participantId)) joins.delete(k);
    }
    options.send({ node: options.node, counts });
    recompute();
  }, every);
  timer.unref();

  return {
    receive(r: OnlineReport): void {
      if (r.node === options.node) return;
      others.set(r.node, { at: Date.now(), counts: r.counts });
      recompute();
    },
    /** A socket of `participantId` joined here. */
    joinedHere(a: AssemblyState, participantId: string): void {
      const at = Date.now();
      joins.set(key(a.row.id, participantId), at);
      a.away?.delete(participantId);
      options.claim({ node: options.node, assemblyId: a.row.id, participantId, at });
    },
    /** Another node's join: if it is later than ours, that node counts the person. */
    claimed(c: JoinClaim): void {
      if (c.node === options.node) return;
      const a = options.ctx.assemblies.get(c.assemblyId);
      if (!a?.online.has(c.participantId)) return;
      const mine = joins.get(key(c.assemblyId, c.participantId)) ?? 0;
      if (c.at > mine || (c.at === mine && c.node > options.node)) (a.away ??= new Set()).add(c.participantId);
    },
    stop: () => clearInterval(timer),
  };
}
