import { readdirSync, readFileSync } from 'node:fs';

/**
 * Linux /proc readers: the orchestrator watches the server's memory and CPU
 * from outside, so measuring costs the server nothing.
 */

const CLK_TCK = 100; // USER_HZ: 100 on every Linux ABI Node supports.

/** Resident set size in KB (VmRSS), or null once the process is gone. */
export function rssKB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) used so far by one process, in milliseconds. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Whole-machine CPU: busy and total jiffies over all cores (for contention). */
export function machineCpu(): { busyMs: number; totalMs: number; irqMs: number; cores: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const all = lines[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (all[3] ?? 0) + (all[4] ?? 0); // idle + iowait
  const total = all.slice(0, 8).reduce((s, x) => s + x, 0); // guest time is already in user
  const irq = (all[5] ?? 0) + (all[6] ?? 0); // hardirq + softirq: loopback TCP, block I/O
  const cores = lines.filter((l) => /^cpu\d+ /.test(l)).length;
  return { busyMs: ((total - idle) * 1000) / CLK_TCK, totalMs: (total * 1000) / CLK_TCK, irqMs: (irq * 1000) / CLK_TCK, cores };
}

/** The soft limit on open files of this process (children inherit it). */
export function openFileLimit(): number | null {
  try {
    const m = /Max open files\s+(\d+|unlimited)/.exec(readFileSync('/proc/self/limits', 'utf8'));
    return m ? (m[1] === 'unlimited' ? Infinity : Number(m[1])) : null;
  } catch {
    return null;
  }
}

/**
 * The machine's disks (all but loop/ram/zram): milliseconds with I/O in
 * flight (io_ticks), time spent waiting on writes and flushes, and writes.
 */
export function diskStats(): { ioTicksMs: number; writeWaitMs: number; flushes: number; flushWaitMs: number; writes: number } {
  const out = { ioTicksMs: 0, writeWaitMs: 0, flushes: 0, flushWaitMs: 0, writes: 0 };
  try {
    for (const line of readFileSync('/proc/diskstats', 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/);
      const name = f[2] ?? '';
      // Whole disks only: partitions would count twice.
      if (!/^(vd[a-z]+|sd[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/.test(name)) continue;
      out.writes += Number(f[7] ?? 0);
      out.writeWaitMs += Number(f[10] ?? 0);
      out.ioTicksMs += Number(f[12] ?? 0);
      out.flushes += Number(f[18] ?? 0);
      out.flushWaitMs += Number(f[19] ?? 0);
    }
  } catch {
    // No /proc/diskstats: zeros.
  }
  return out;
}

export interface ProcSample {
  at: number;
  cpuMs: number;
  /** CPU ms of the server, the generators and the orchestrator together. */
  oursMs: number;
  rssKB: number;
  machineBusyMs: number;
  machineTotalMs: number;
  disk: ReturnType<typeof diskStats>;
}

/** Samples one process at a fixed period; ranges of samples give phase averages. */
export class ProcSampler {
  readonly samples: ProcSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Other processes of the run (generators); the orchestrator counts itself. */
  extraPids: number[] = [];

  constructor(
    private readonly pid: number,
    private readonly periodMs = 250,
  ) {}

  sample(): { at: number; cpuMs: number; rssKB: number } | null {
    const cpu = cpuMs(this.pid);
    const rss = rssKB(this.pid);
    if (cpu === null || rss === null) return null;
    const m = machineCpu();
    const self = process.cpuUsage();
    const oursMs = cpu + (self.user + self.system) / 1000 + this.extraPids.reduce((sum, pid) => sum + (cpuMs(pid) ?? 0), 0);
    const s: ProcSample = { at: Date.now(), cpuMs: cpu, oursMs, rssKB: rss, machineBusyMs: m.busyMs, machineTotalMs: m.totalMs, disk: diskStats() };
    this.samples.push(s);
    return s;
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.periodMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Peak RSS between two wall-clock times (ms since epoch). */
  peakRssKB(from: number, to: number): number | null {
    let peak: number | null = null;
    for (const s of this.samples) if (s.at >= from && s.at <= to) peak = Math.max(peak ?? 0, s.rssKB);
    return peak;
  }
}

/** CPU ms of every process on the machine, by pid, with its command name. */
export function allProcessesCpu(): Map<number, { comm: string; cpuMs: number }> {
  const out = new Map<number, { comm: string; cpuMs: number }>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return out;
  }
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(e), { comm, cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** The busiest other processes between two snapshots: "comm(pid) 1.2 cores". */
export function topOthers(
  before: Map<number, { comm: string; cpuMs: number }>,
  after: Map<number, { comm: string; cpuMs: number }>,
  ours: Set<number>,
  wallMs: number,
  n = 5,
): { pid: number; comm: string; cores: number }[] {
  const rows: { pid: number; comm: string; cores: number }[] = [];
  for (const [pid, a] of after) {
    if (ours.has(pid)) continue;
    const d = a.cpuMs - (before.get(pid)?.cpuMs ?? 0);
    if (d > 0) rows.push({ pid, comm: a.comm, cores: Math.round((100 * d) / wallMs) / 100 });
  }
  return rows.sort((x, y) => y.cores - x.cores).slice(0, n);
}

/** Bytes this process caused to be written to storage so far (/proc/<pid>/io write_bytes). */
export function writeBytes(pid: number): number | null {
  try {
    const m = /write_bytes:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
