import type { ProfileSummary } from './profile.ts';

/**
 * What the end-to-end load bench (bench.ts) takes and gives back: its
 * options, the per-second timeline and the result record that
 * `npm run bench -- --json` writes.
 */
export interface BenchOptions {
  voters: number;
  /** Total offered ballots per second, over all generators. */
  rate: number;
  durationSec: number;
  /** Generator processes; default: enough for ≤ 5,000 phones each, at least 2. */
  generators?: number;
  /** 'phone': one source address per phone (venue LAN, default); 'generator': one per generator (NAT). */
  addressing?: 'phone' | 'generator';
  /** Joins in flight at once, per generator. */
  connectConcurrency?: number;
  proposals?: number;
  winners?: number;
  /** Server overrides; unset = the server's production defaults. */
  tallyIntervalMs?: number;
  sqliteSync?: 'FULL' | 'NORMAL';
  /** Count the server's syscalls (commits, socket writes) per second with `perf stat` during the ballot stream. */
  perf?: boolean;
  /** Run the server under `node --cpu-prof` and summarise the profile. */
  profile?: boolean;
  /** Another checkout's server (A/B a change) and extra node flags for the server. */
  serverRoot?: string;
  serverNodeArgs?: string[];
  /**
   * During the ballot stream the facilitator's console reads the round's
   * opinion groups every this many seconds (issue 11: ack p99 must stay
   * within 10 ms of a run without). Unset: never.
   */
  groupsEverySec?: number;
  /** With `groupsEverySec`: read only in every other window of this many seconds, and compare ack latency between the two kinds of window. */
  groupsWindowSec?: number;
  /** Run the one node on PostgreSQL at this URL (a fresh schema, dropped after) instead of SQLite. */
  databaseUrl?: string;
  /** Idle time before measuring RSS with everyone connected. */
  settleMs?: number;
  keepData?: boolean;
  log?: (line: string) => void;
}

export const MAX_SOCKETS_PER_GENERATOR = 15_000;

export interface TimelineRow {
  second: number;
  acks: number;
  /** Ack latency p99 of the ballots sent in this second. */
  ackP99Ms: number;
  serverCpuPct: number;
  machineBusyCores: number;
  /** Machine CPU not used by the bench's processes: other users and kernel work. */
  otherCores: number;
  diskFlushesPerSec: number;
  diskBusyPct: number;
  diskWriteWaitMsPerSec: number;
  rssMB: number;
}

export interface BenchResult {
  mode: 'load';
  startedAt: string;
  commit: string | null;
  machine: { cores: number; openFileLimit: number | null };
  options: Required<Omit<BenchOptions, 'log' | 'tallyIntervalMs' | 'sqliteSync' | 'groupsEverySec' | 'groupsWindowSec' | 'databaseUrl'>> & { tallyIntervalMs: number | null; sqliteSync: string | null; groupsEverySec: number | null; groupsWindowSec: number | null; databaseUrl: string | null };
  /** The console's opinion-group reads during the stream (`groupsEverySec`), or null. */
  groupReads: { count: number; failed: number; p50Ms: number | null; maxMs: number | null; voters: number | null } | null;
  /** `groupsWindowSec`: ack latency of ballots sent in windows with reads vs without, same run. */
  groupsWindows: {
    windowSec: number;
    with: { ballots: number; p50Ms: number | null; p99Ms: number | null };
    without: { ballots: number; p50Ms: number | null; p99Ms: number | null };
    p99DiffMs: number | null;
  } | null;
  voters: number;
  connected: number;
  connectFailed: number;
  connectSeconds: number;
  connectPerSec: number;
  connectP50Ms: number | null;
  connectP99Ms: number | null;
  offeredPerSec: number;
  sent: number;
  acked: number;
  rejected: number;
  unanswered: number;
  /** Acks per second from the first ack to the last (sustained rate over the run). */
  ballotsPerSec: number;
  /** Acks per one-second bucket of the sending window: median and the worst second. */
  ballotsPerSecMedian: number;
  ballotsPerSecMin: number;
  /** Last ack after the last scheduled send: a backlog shows here. */
  drainMs: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  ackMaxMs: number | null;
  projectorP50Ms: number | null;
  projectorP99Ms: number | null;
  projectorMissing: number;
  snapshots: number;
  fanoutP50Ms: number | null;
  fanoutP99Ms: number | null;
  fanoutMissed: number;
  closeFanoutP99Ms: number | null;
  rssBeforeKB: number;
  rssConnectedKB: number;
  rssPeakKB: number | null;
  rssPerVoterKB: number | null;
  serverCpuPct: number | null;
  serverCpuConnectPct: number | null;
  /** Storage writes caused by the server during the ballot stream. */
  diskWriteMBps: number | null;
  /** With --perf: the server's syscalls per second during the ballot stream. */
  syscallsPerSec: Record<string, number> | null;
  generatorCpuPct: number[];
  generatorLoopDelayMaxMs: number[];
  /** The server's event-loop delay over the whole run (perf_hooks.monitorEventLoopDelay), ms. */
  serverLoopDelayP99Ms: number | null;
  serverLoopDelayMaxMs: number | null;
  generatorLoopDelayP99Ms: number[];
  generatorScheduleLagP99Ms: number | null;
  generatorBottleneck: boolean;
  otherLoadCores: number | null;
  kernelIrqCores: number | null;
  otherProcesses: { pid: number; comm: string; cores: number }[];
  ackedVoters: number;
  changedVoters: number;
  stored: number;
  unackedStored: number;
  lost: number;
  tallyOk: boolean;
  tallyProblems: string[];
  rejections: Record<string, number>;
  connectErrors: Record<string, number>;
  disconnects: number;
  /** Seconds of the stream with < 0.3 core busy outside the bench, and the latencies of ballots sent in them. */
  quietSeconds: number;
  ackP99QuietMs: number | null;
  projectorP99QuietMs: number | null;
  timeline: TimelineRow[];
  profile: ProfileSummary | null;
  notes: string[];
}
