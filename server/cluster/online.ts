import type { HubContext } from '../hub/context.ts';

/** One node's count of connected participants per assembly, sent every second. */
export interface OnlineReport {
  node: string;
  counts: Record<string, number>;
}

/**
 * Turnout's "online" across the cluster: each node reports its own
 * connected participants per assembly every `everyMs`; a node's report
 * older than three periods (a node that died) no longer counts. A person
 * with phones on two nodes counts twice (rare: a phone holds one socket).
 */
export function startOnlineSharing(options: { ctx: HubContext; node: string; send: (r: OnlineReport) => void; everyMs?: number }) {
  const every = options.everyMs ?? 1000;
  const others = new Map<string, { at: number; counts: Record<string, number> }>();

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
    for (const a of options.ctx.assemblies.values()) if (a.online.size > 0) counts[a.row.id] = a.online.size;
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
    stop: () => clearInterval(timer),
  };
}
