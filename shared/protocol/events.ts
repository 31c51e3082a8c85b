import type { Ack } from './errors.ts';
import type { CommandInput, CommandName, CommandReply } from './commands.ts';
import type {
  AssemblyView,
  CodeView,
  ProposalView,
  ScreenAssemblyView,
  SecurityReport,
  SubmissionView,
  VoterSettings,
  TallySnapshot,
  Turnout,
  VoterRoundView,
} from './views.ts';
import type { DisplayMode, Role } from './schemas.ts';
import type { EntryState, PaperBallotView, PaperEntryView } from './paperViews.ts';

/**
 * The typed Socket.IO event maps. Commands are `noun:verb` and always carry
 * an ack callback; broadcasts are `noun:updated`. Command payloads are typed
 * as the client sends them (`z.input` of the command's schema in
 * commands.ts); the server still parses every payload, since anything can
 * arrive on the wire.
 */
export type ClientToServerEvents = {
  [E in CommandName]: (payload: CommandInput<E>, ack: (reply: Ack<CommandReply<E>>) => void) => void;
};

export interface ServerToClientEvents {
  /**
   * The joining socket itself, before the ack of every `session:join`: the
   * first event a client receives, so Socket.IO's connection-state recovery
   * has an offset to resume from even if the link drops before any other
   * broadcast (docs/protocol.md "Reconnects").
   */
  'session:joined': (joined: { role: Role; assemblyId: string }) => void;
  /** Facilitator: the whole assembly after a change of rounds, settings or many proposals. */
  'assembly:updated': (assembly: AssemblyView) => void;
  /** Facilitator: one proposal changed (a phone's submission, moderation): a delta, not the whole view. */
  'proposal:updated': (proposal: ProposalView) => void;
  /** Screen: what the projector may show changed (opened rounds and their proposals). */
  'screen:updated': (assembly: ScreenAssemblyView) => void;
  /** Voters: the current round changed (opened, closed, extended) or null between rounds. */
  'round:updated': (current: VoterRoundView | null) => void;
  /** Everyone: what the projector shows. */
  'display:updated': (mode: DisplayMode) => void;
  /** Facilitator and screen: tally snapshots, released in batches (docs/security.md, side channels). */
  'tally:snapshot': (snapshot: TallySnapshot) => void;
  /** Staff: people joined and online, sent with every snapshot and also while no round exists. */
  'turnout:updated': (turnout: Turnout) => void;
  /** Voters: submissions opened/closed, profile questions changed. */
  'settings:updated': (settings: VoterSettings) => void;
  /** A voter's own submission was moderated. */
  'submission:updated': (submission: SubmissionView) => void;
  /** Facilitator only: joins per address and failed access-code attempts (docs/security.md, "Limits"). */
  'security:updated': (report: SecurityReport) => void;
  /** Facilitator only: an access code was used, revoked or issued. */
  'codes:updated': (code: CodeView) => void;
  /** Facilitator only: a paper ballot's serial was keyed, matched, resolved or voided (docs/practice.md "Paper ballots"). */
  'paper:updated': (update: { roundId: string; ballot: PaperBallotView }) => void;
  /** A staff link: where a serial it keyed stands now (its own keying, the serial's status). */
  'paper:status': (entry: PaperEntryView) => void;
  /** Staff links: the round to key for changed (opened, closed); the link's state as state:sync gives it. */
  'entry:updated': (state: EntryState) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  role: Role | null;
  assemblyId: string | null;
  participantId: string | null;
  /** A staff link's session: the link's id. */
  staffId?: string | null;
}
