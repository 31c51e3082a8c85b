/**
 * Messages between the orchestrator (bench/bench.ts) and the generator
 * processes (bench/generator.ts), over the fork IPC channel with the
 * 'advanced' serialization (typed arrays travel as such).
 */

export interface GeneratorConfig {
  index: number;
  /** e.g. http://127.0.0.3:41234: each generator dials its own loopback address. */
  url: string;
  assemblyId: string;
  voters: number;
  /**
   * Source addresses: 'phone' gives every phone its own loopback address
   * (a venue LAN, one address per phone); 'generator' sends all of this
   * generator's phones from one address (a hall behind one NAT).
   */
  addressing: 'phone' | 'generator';
  /** Joins in flight at once in this generator during the ramp. */
  connectConcurrency: number;
  /** Upper bound on the whole ramp. */
  connectTimeoutMs: number;
}

export interface BallotPlan {
  roundId: string;
  proposalIds: string[];
  rules: { plus: number; minus: number; ratio: number };
  /** This generator's share of the total rate, ballots per second. */
  rate: number;
  /** Epoch ms at which every generator starts sending. */
  startAt: number;
  durationMs: number;
  /** How long to wait for outstanding acks after the last send. */
  drainTimeoutMs: number;
}

export type ToGenerator =
  | { type: 'connect' }
  | { type: 'expect-round'; roundId: string; status: 'open' | 'closed'; timeoutMs: number }
  | { type: 'ballots'; plan: BallotPlan }
  | { type: 'last-ballots' }
  | { type: 'disconnect' };

export interface ConnectReport {
  type: 'connected';
  index: number;
  connected: number;
  failed: number;
  errors: Record<string, number>;
  /** Per connected voter: socket creation to session:join ack, ms. */
  connectMs: Float64Array;
  startedAt: number;
  endedAt: number;
  cpuMs: number;
  eventLoop: LoopDelay;
}

export interface FanoutReport {
  type: 'fanout';
  index: number;
  /** Epoch ms each voter got `round:updated` with the expected status; 0 = never, -1 = not connected. */
  arrivals: Float64Array;
}

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface BallotReport {
  type: 'ballots-done';
  index: number;
  sent: number;
  acked: number;
  rejected: number;
  rejections: Record<string, number>;
  unanswered: number;
  disconnects: number;
  /** Per acked ballot (same index in each array). */
  sendAt: Float64Array;
  ackAt: Float64Array;
  seq: Float64Array;
  /** Per sent ballot: actual send time minus the open-loop schedule (generator lag). */
  scheduleLagMs: Float64Array;
  cpuMs: number;
  wallMs: number;
  eventLoop: LoopDelay;
  /** Voters that sent more than one ballot (changed their ballot). */
  changedVoters: number;
}

/** Each voter's last acknowledged ballot, for the loss check. */
export interface LastBallots {
  type: 'last-ballots';
  index: number;
  /** Per voter: n of the last acked ballot (-1 none) and of the last sent one (-1 none). */
  lastAckedN: Int32Array;
  lastSentN: Int32Array;
  lastAckedSeq: Float64Array;
  /** Per voter: the last acked ballot's proposal ids, null if none. */
  lastAcked: ({ plus: string[]; minus: string[] } | null)[];
}

export type FromGenerator =
  | { type: 'ready'; index: number }
  | { type: 'armed'; index: number }
  | ConnectReport
  | FanoutReport
  | BallotReport
  | LastBallots
  | { type: 'disconnected'; index: number }
  | { type: 'error'; index: number; message: string };

/** Ballot ids carry generator, voter and the voter's ballot number: "bal<g>_<v>_<n>". */
export function ballotId(generator: number, voter: number, n: number): string {
  return `bal${generator}_${voter}_${n}`;
}

/** The loopback source address of a phone (127.0.0.0/8 is all local on Linux). */
export function phoneAddress(generator: number, voter: number, addressing: 'phone' | 'generator'): string {
  if (addressing === 'generator') return `127.${10 + generator}.0.1`;
  return `127.${10 + generator}.${Math.floor(voter / 250)}.${1 + (voter % 250)}`;
}

export function parseBallotId(id: string): { generator: number; voter: number; n: number } | null {
  const m = /^bal(\d+)_(\d+)_(\d+)$/.exec(id);
  return m ? { generator: Number(m[1]), voter: Number(m[2]), n: Number(m[3]) } : null;
}
