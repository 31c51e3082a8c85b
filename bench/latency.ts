import type { BallotReport } from './ipc.ts';
import { concat, summarize } from './stats.ts';

/** A tally snapshot as the bench's projector saw it arrive. */
export interface SeenSnapshot {
  at: number;
  seq: number;
}

/**
 * Each acknowledged ballot's latencies: send → ack, and send → the first
 * projector snapshot (in arrival order) whose seq includes the ballot.
 * `projBySend[i]` is −1 for a ballot no snapshot showed (counted in
 * `projectorMissing`). Times in ms on the generators' shared clock.
 */
export function matchLatencies(done: BallotReport[], snaps: SeenSnapshot[]) {
  const sendAt = concat(done.map((d) => d.sendAt));
  const ackAt = concat(done.map((d) => d.ackAt));
  const seq = concat(done.map((d) => d.seq));
  const ackMs = new Float64Array(sendAt.length);
  for (let i = 0; i < sendAt.length; i++) ackMs[i] = ackAt[i]! - sendAt[i]!;
  const ack = summarize(ackMs);
  const snapSeq = snaps.map((s) => s.seq);
  const proj: number[] = [];
  const projBySend = new Float64Array(seq.length).fill(-1);
  let projectorMissing = 0;
  for (let i = 0; i < seq.length; i++) {
    // First snapshot (in arrival order) whose seq includes this ballot; seqs never go down.
    let lo = 0;
    let hi = snapSeq.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (snapSeq[mid]! >= seq[i]!) hi = mid;
      else lo = mid + 1;
    }
    if (lo < snaps.length) {
      projBySend[i] = snaps[lo]!.at - sendAt[i]!;
      proj.push(projBySend[i]!);
    }
    else projectorMissing++;
  }
  return { sendAt, ackAt, ackMs, ack, projBySend, projector: summarize(proj), projectorMissing };
}
