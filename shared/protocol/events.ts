import type { Ack } from './errors.ts';
import type { CommandInput, CommandName, CommandReply } from './commands.ts';
import type {
  AssemblyView,
  CodeView,
  SubmissionView,
  VoterSettings,
  TallySnapshot,
  Turnout,
  VoterRoundView,
} from './views.ts';
import type { DisplayMode } from './schemas.ts';

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
  'session:joined': (joined: { role: 'voter' | 'facilitator' | 'screen'; assemblyId: string }) => void;
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
