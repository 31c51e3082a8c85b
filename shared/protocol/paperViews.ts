import type { BallotRules, ChannelTotals, PaperHold, PaperStatus } from '../domain/index.ts';
import type { JoinMode } from './schemas.ts';

/**
 * What the paper-ballot commands and events carry (docs/practice.md "Paper
 * ballots"; what each role receives: shared/protocol/disclosure.ts).
 */

/** A staff link for ballot entry as the facilitator's list shows it (never its key). */
export interface StaffLinkView {
  id: string;
  /** The facilitator's name for it ("Desk 1"): the audit log's actor. */
  name: string;
  createdAt: number;
  /** Epoch ms it was revoked, or null while it works. */
  revokedAt: number | null;
  /** Paper ballots this link keyed, in all rounds. */
  keyed: number;
}

/** A new staff link: the only time its key is sent (the link is `/a/:id/entry#key=<key>`). */
export interface CreatedStaffLink extends StaffLinkView {
  key: string;
}

/** One keying as the staff link that made it sees it: its own entry, never another link's. */
export interface PaperEntryView {
  entryId: string;
  roundId: string;
  serial: string;
  plus: string[];
  minus: string[];
  /** An access code was typed with it. */
  withCode: boolean;
  at: number;
  /** Where the serial stands now: waiting for its second keying, matched, mismatch, held, resolved or void (never why it is held). */
  status: PaperStatus;
}

/** The round a staff link keys ballots for: its printed paper and rules, nothing counted. */
export interface EntryRoundView {
  id: string;
  seq: number;
  question: string;
  status: 'open' | 'closed';
  rules: BallotRules;
  /** The ballot paper in printed order: number 1 is `paper[0]`. */
  paper: { id: string; title: string }[];
}

/** A staff link's session state (join reply and state:sync). */
export interface EntryState {
  assembly: { id: string; title: string; joinMode: JoinMode; language: string };
  staff: { id: string; name: string };
  /** The open round, else the last opened one (keying is refused once it closed); null before any. */
  round: EntryRoundView | null;
  /** This link's own keyings in that round, newest first. */
  mine: PaperEntryView[];
}

/** One keying as the facilitator sees it: which link, what it keyed, which card (its number, never the code). */
export interface PaperKeyingView {
  entryId: string;
  staffId: string;
  staffName: string;
  plus: string[];
  minus: string[];
  /** The number of the access card whose code was keyed, or null. */
  card: number | null;
  at: number;
}

/** One serial as the facilitator's queue shows it. */
export interface PaperBallotView {
  serial: string;
  status: PaperStatus;
  keyings: PaperKeyingView[];
  /** The ballot that counts (matched or resolved), else null. */
  ballot: { plus: string[]; minus: string[] } | null;
  /** Why it was voided, else null. */
  reason: string | null;
  /** Why matching keyings do not count (the card voted by phone, or is counted on another serial), else null. */
  hold: PaperHold | null;
}

/** A round's paper ballots for the console: every serial, the counts per status, phone/paper/total counts. */
export interface PaperListView {
  roundId: string;
  ballots: PaperBallotView[];
  summary: Record<PaperStatus, number>;
  channels: ChannelTotals;
}
