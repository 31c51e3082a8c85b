import type { Ack } from './errors.ts';
import type {
  AssemblyView,
  BallotReceipt,
  CodeView,
  IssuedCode,
  JoinResult,
  ProposalView,
  OpinionGroupsView,
  RoundView,
  SegmentBreakdown,
  SubmissionView,
  VoterSettings,
  SessionState,
  TallySnapshot,
  Turnout,
  VoterRoundView,
} from './views.ts';
import type { DisplayMode } from './schemas.ts';

/**
 * The typed Socket.IO event maps. Commands are `noun:verb` and always carry
 * an ack callback; broadcasts are `noun:updated`. Payloads are `unknown` on
 * the wire: the server parses each with its zod schema in schemas.ts.
 */
type Cmd<T> = (payload: unknown, ack: (reply: Ack<T>) => void) => void;

export interface ClientToServerEvents {
  'session:join': Cmd<JoinResult & { state: SessionState }>;
  'state:sync': Cmd<SessionState>;
  'ballot:submit': Cmd<BallotReceipt>;
  'proposal:create': Cmd<ProposalView>;
  'proposal:update': Cmd<ProposalView>;
  'proposal:delete': Cmd<{ proposalId: string }>;
  'proposal:reorder': Cmd<ProposalView[]>;
  'round:create': Cmd<RoundView>;
  'round:update': Cmd<RoundView>;
  'round:open': Cmd<RoundView>;
  'round:close': Cmd<RoundView>;
  'round:extend': Cmd<RoundView>;
  'display:set': Cmd<{ mode: DisplayMode }>;
  'codes:generate': Cmd<IssuedCode[]>;
  'codes:list': Cmd<CodeView[]>;
  'code:revoke': Cmd<{ revoked: CodeView; replacement: IssuedCode | null }>;
  'assembly:update': Cmd<AssemblyView>;
  'proposal:submit': Cmd<SubmissionView>;
  'proposal:moderate': Cmd<ProposalView>;
  'proposal:merge': Cmd<ProposalView>;
  'round:advance': Cmd<RoundView>;
  'profile:answer': Cmd<{ answers: Record<string, string | null> }>;
  'breakdown:get': Cmd<SegmentBreakdown[]>;
  'groups:get': Cmd<OpinionGroupsView>;
}

export interface ServerToClientEvents {
  /** Staff (facilitator, screen): the whole assembly after any change. */
  'assembly:updated': (assembly: AssemblyView) => void;
  /** Voters: the current round changed (opened, closed, extended) or null between rounds. */
  'round:updated': (current: VoterRoundView | null) => void;
  /** Everyone: what the projector shows. */
  'display:updated': (mode: DisplayMode) => void;
  /** Staff: coalesced tally snapshots, a few a second at most. */
  'tally:snapshot': (snapshot: TallySnapshot) => void;
  /** Staff: people joined and online, sent with every snapshot and also while no round exists. */
  'turnout:updated': (turnout: Turnout) => void;
  /** Voters: submissions opened/closed, profile questions changed. */
  'settings:updated': (settings: VoterSettings) => void;
  /** A voter's own submission was moderated. */
  'submission:updated': (submission: SubmissionView) => void;
  /** Staff: an access code was used, revoked or issued. */
  'codes:updated': (code: CodeView) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  role: 'voter' | 'facilitator' | 'screen' | null;
  assemblyId: string | null;
  participantId: string | null;
}
