import type { BallotIdFilter } from './ballotIdFilter.ts';
import type { BallotRules, Tally } from '../../shared/domain/index.ts';
import { err, ok, type Result } from '../../shared/domain/result.ts';
import type { ErrorCode } from '../../shared/protocol/errors.ts';
import type { Clock, Timer } from '../clock.ts';
import type { WorkerPool } from '../workers/pool.ts';
import type { AccessCodeRow, AssemblyRow, BallotRow, ProposalRow, RoundRow, StaffLinkRow, Store } from '../store/types.ts';
import type { RoundPaper } from './paperState.ts';

/**
 * In-memory state of an opened round: created when it opens (or at start
 * for rounds opened before), never by a read. `row` is the same object as
 * the assembly's `rounds` entry; only the round owner (roundOwner.ts)
 * replaces either.
 */
export interface LiveRound {
  row: RoundRow;
  /** Rules and option ids of the frozen paper: what every ballot is checked against. */
  rules: BallotRules;
  optionSet: Set<string>;
  tally: Tally;
  /**
   * Voters' last accepted ballots (committed or being committed) known to
   * this process; null = known to have none. A voter missing here has its
   * ballot (if any) only in the store: see `currentBallot`. One entry per
   * voter at most: older ballot ids live in the store only.
   */
  ballots: Map<string, BallotRow | null>;
  /**
   * True once `ballots` holds every voter who has a ballot in this round
   * (a round opened by this process on one node, or one filled from the
   * store by `roundBallots`); then whole-round views read memory, not the store.
   */
  allKnown: boolean;
  /**
   * Ballot ids voters replaced in this round, while it is open (null once
   * closed, and unused in a cluster, where other nodes add ids): a submit
   * with an id it has certainly not seen skips the store's receipt lookup.
   */
  usedIds: BallotIdFilter | null;
  /**
   * After close and severing: each voter's last ballot id only (no votes,
   * no times), so that a phone resending the ballot whose ack it lost at the
   * close still hears "counted". Null while the round is open.
   */
  lastIds: Map<string, string> | null;
  /** Store reads in flight, one per voter (see currentBallot). */
  loading: Map<string, Promise<BallotRow | null>>;
  /** Each voter's submits run one after another: the tail of its chain (removed when idle). */
  voterQueue: Map<string, Promise<unknown>>;
  /** Commits of accepted ballots not yet settled: closing waits for them. */
  inflight: Set<Promise<void>>;
  /**
   * False from the moment closing begins (before its first await): a
   * ballot not accepted by then is refused, so nothing is counted after close.
   */
  accepting: boolean;
  /** Last sequence number handed out / last one counted in the tally. */
  seq: number;
  countedSeq: number;
  timer: Timer | null;
}

export interface AssemblyState {
  row: AssemblyRow;
  proposals: Map<string, ProposalRow>;
  rounds: Map<string, RoundRow>;
  live: Map<string, LiveRound>;
  /** Connected sockets per participant: turnout counts people, not tabs. */
  online: Map<string, number>;
  participants: number;
  /** Access codes by hash (codes mode). */
  codes: Map<string, AccessCodeRow>;
  /** Participants whose code was revoked: they no longer count or vote. */
  revoked: Set<string>;
  /** Profile answers by participant. */
  profiles: Map<string, Record<string, string | null>>;
  /** Staff links for paper-ballot entry, by id (revoked ones too: the audit log names them). */
  staff: Map<string, StaffLinkRow>;
  /** Paper ballots keyed per round (docs/practice.md "Paper ballots"), by round id. */
  paper: Map<string, RoundPaper>;
  /**
   * Tail of the assembly's lifecycle queue: round transitions and the
   * proposal edits that depend on them run one at a time (roundOwner.ts).
   */
  lifecycle: Promise<unknown>;
  /** Cluster: participants connected to the other nodes (server/cluster/online.ts). */
  remoteOnline?: number;
  /**
   * Cluster: participants connected here whose latest join was on another
   * node; that node counts them, this one does not (a re-homed phone whose
   * old socket has not timed out yet is online once).
   */
  away?: Set<string>;
}

/** What the transport does with hub changes (broadcasts, coalescing). */
export interface HubListener {
  assemblyChanged(a: AssemblyState): void;
  currentRoundChanged(a: AssemblyState): void;
  displayChanged(a: AssemblyState): void;
  /** Counts changed; `participantId` when one voter's ballot was just counted. */
  tallyChanged(a: AssemblyState, roundId: string, participantId?: string): void;
  /** A participant lost its right to vote: end its sessions. */
  participantRevoked(a: AssemblyState, participantId: string): void;
  /** Submissions opened or closed, profile questions changed: tell the phones. */
  settingsChanged(a: AssemblyState): void;
  /** A participant's own submission changed status. */
  submissionChanged(a: AssemblyState, proposal: ProposalRow): void;
  /** One proposal was added or changed (submission, moderation, merge): staff get a delta. */
  proposalChanged(a: AssemblyState, proposal: ProposalRow): void;
  /** An access code was issued, used or revoked. */
  codeChanged(a: AssemblyState, code: AccessCodeRow): void;
  /** A staff link was revoked: end its sessions at once. */
  staffRevoked(a: AssemblyState, staffId: string): void;
  /** A paper ballot's serial was keyed or decided: the console and the links that keyed it hear of it. */
  paperChanged(a: AssemblyState, roundId: string, serial: string): void;
}

export interface HubContext {
  store: Store;
  clock: Clock;
  assemblies: Map<string, AssemblyState>;
  listener: HubListener;
  /**
   * Set when this node is one of several on PostgreSQL (server/cluster):
   * tallies are then read from the store's partial tallies, not counted
   * here, and only the leader fires round deadlines.
   */
  cluster?: {
    sharedTally: boolean;
    leads(): boolean;
    /** Reads the assembly again if this node may not have seen other nodes' changes (always for staff). */
    catchUp(assemblyId: string, staff: boolean): Promise<void>;
    /** A participant's socket joined on this node: the others stop counting them (server/cluster/online.ts). */
    joinedHere?(a: AssemblyState, participantId: string): void;
  };
  /** This process's counters (GET /api/metrics). */
  counters: { ballotsAccepted: number };
  /** Worker threads for heavy pure computations (opinion groups…); absent = run in the calling thread. */
  workers?: WorkerPool;
}

/** The hub's one result type: the domain's Result with the protocol's stable error codes. */
export type HubResult<T> = Result<T, ErrorCode>;
export const hubOk = <T>(value: T): HubResult<T> => ok(value);
export const hubErr = (code: ErrorCode, message: string): HubResult<never> => err(code, message);

export function newAssemblyState(row: AssemblyRow, participants = 0): AssemblyState {
  return { row, proposals: new Map(), rounds: new Map(), live: new Map(), online: new Map(), participants, codes: new Map(), revoked: new Set(), profiles: new Map(), staff: new Map(), paper: new Map(), lifecycle: Promise.resolve() };
}

export const noopListener: HubListener = {
  assemblyChanged() {},
  currentRoundChanged() {},
  displayChanged() {},
  tallyChanged() {},
  participantRevoked() {},
  settingsChanged() {},
  submissionChanged() {},
  proposalChanged() {},
  codeChanged() {},
  staffRevoked() {},
  paperChanged() {},
};

/** The open round, else the last one opened, else null. */
export function currentRound(a: AssemblyState): RoundRow | null {
  let best: RoundRow | null = null;
  for (const r of a.rounds.values()) {
    if (r.status === 'open') return r;
    if (r.openedAt !== null && (best === null || r.openedAt > (best.openedAt ?? 0))) best = r;
  }
  return best;
}

/**
 * Participants online on this node and counted here: all of them on one
 * node; in a cluster, not those whose latest join was on another node
 * (`away`), so a person is counted once across the cluster.
 */
export function onlineHere(a: AssemblyState): number {
  if (!a.away?.size) return a.online.size;
  let n = 0;
  for (const p of a.online.keys()) if (!a.away.has(p)) n++;
  return n;
}
