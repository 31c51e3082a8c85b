import type { Request, Response } from 'express';
import { hashSecret, secretMatches } from '../ids.ts';
import type { HubContext } from '../hub/index.ts';
import { bearer, sendError } from './respond.ts';

/** What `GET /api/metrics` answers: this process's own figures. */
export interface NodeMetrics {
  /** Ballots committed by this process since it started (phones; resends of a receipt excluded). */
  ballotsAccepted: number;
  /** Socket.IO connections open on this process now. */
  sockets: number;
  uptimeSec: number;
  rssBytes: number;
}

/**
 * `GET /api/metrics` for the operator (Bearer operator key, like creating
 * an assembly): per-process counters, so that in a cluster each node can be
 * read on its own port (the bench's per-node ballots per second, issue 16;
 * docs/deploy.md). Nothing about any assembly, voter or ballot content.
 */
export function metricsHandler(hub: HubContext, operatorToken: string, sockets: () => number) {
  const operatorHash = hashSecret(operatorToken);
  return (req: Request, res: Response) => {
    const key = bearer(req);
    if (!key || !secretMatches(key, operatorHash)) return sendError(res, 'UNAUTHORIZED', 'Metrics need the operator key.');
    const data: NodeMetrics = {
      ballotsAccepted: hub.counters.ballotsAccepted,
      sockets: sockets(),
      uptimeSec: Math.round(process.uptime()),
      rssBytes: process.memoryUsage.rss(),
    };
    res.set('Cache-Control', 'no-store').json({ ok: true, data });
  };
}
