import type { TimelineRow } from './loadResult.ts';
import type { ProcSample } from './proc.ts';
import { round as rounded, summarize } from './stats.ts';

/**
 * The load bench's per-second timeline of the ballot stream, from `startAt`
 * to `endAt` (ms): acks per second, the ack p99 of the ballots sent in each
 * second, and what the server, the machine and the disk did then (from the
 * server's process samples, 250 ms apart) — where stalls happened and why.
 */
export function buildTimeline(o: { sendAt: Float64Array; ackAt: Float64Array; ackMs: Float64Array; startAt: number; endAt: number; samples: ProcSample[] }): TimelineRow[] {
  const { sendAt, ackAt, ackMs, startAt, endAt, samples } = o;
  const timeline: TimelineRow[] = [];
  const secs = Math.ceil((endAt - startAt) / 1000);
  const bySec = Array.from({ length: secs }, () => ({ acks: 0, lat: [] as number[] }));
  for (let i = 0; i < sendAt.length; i++) {
    const sb = Math.floor((sendAt[i]! - startAt) / 1000);
    if (sb >= 0 && sb < secs) bySec[sb]!.lat.push(ackMs[i]!);
    const ab = Math.floor((ackAt[i]! - startAt) / 1000);
    if (ab >= 0 && ab < secs) bySec[ab]!.acks++;
  }
  const at = (t: number) => {
    // The last sample at or before t (samples are 250 ms apart).
    let best = samples[0]!;
    for (const x of samples) if (x.at <= t) best = x;
    return best;
  };
  for (let k = 0; k < secs; k++) {
    const a = at(startAt + k * 1000);
    const b = at(startAt + (k + 1) * 1000);
    const dt = Math.max(1, b.at - a.at);
    timeline.push({
      second: k,
      acks: bySec[k]!.acks,
      ackP99Ms: rounded(summarize(bySec[k]!.lat).p99)!,
      serverCpuPct: rounded((100 * (b.cpuMs - a.cpuMs)) / dt)!,
      machineBusyCores: rounded((b.machineBusyMs - a.machineBusyMs) / dt, 2)!,
      otherCores: rounded(Math.max(0, b.machineBusyMs - a.machineBusyMs - (b.oursMs - a.oursMs)) / dt, 2)!,
      diskFlushesPerSec: Math.round(((b.disk.flushes - a.disk.flushes) * 1000) / dt),
      diskBusyPct: rounded((100 * (b.disk.ioTicksMs - a.disk.ioTicksMs)) / dt)!,
      diskWriteWaitMsPerSec: Math.round(((b.disk.writeWaitMs - a.disk.writeWaitMs + b.disk.flushWaitMs - a.disk.flushWaitMs) * 1000) / dt),
      rssMB: Math.round(b.rssKB / 1024),
    });
  }
  return timeline;
}
