import type { Ballot } from './ballot.ts';
import { recount, type Tally } from './tally.ts';

/**
 * Paper ballots beside phones in one round (d21-method.md §5.1), kept
 * honest by double entry: every paper ballot carries a serial number
 * written on it and is keyed by two different staff links. Matching
 * keyings count; differing ones wait in a queue the facilitator resolves
 * against the paper; any serial can be voided with a reason. Pure: the
 * server stores keyings and decisions and asks this module what counts.
 */

/** One keying of one paper ballot by one staff link. */
export interface PaperKeying {
  /** Id the entry screen gave the keying (a resend after a lost ack is recognised by it). */
  id: string;
  /** The serial number written on the paper ballot. */
  serial: string;
  /** The staff link that keyed it (never a voter). */
  staffId: string;
  plus: readonly string[];
  minus: readonly string[];
  /** In access-code mode, the code printed on the paper ballot (its id); null otherwise. */
  codeId: string | null;
  /** Epoch ms. */
  at: number;
}

/**
 * Why a serial that two matching keyings would count is held for the
 * facilitator instead: its access card already voted by phone, or is
 * counted on another paper serial. Shown to the facilitator only.
 */
export type PaperHold = { kind: 'phone' } | { kind: 'serial'; serial: string };

/**
 * The facilitator's word on a serial, after looking at the paper: count
 * this ballot, or void it. `hold` is the server's, not the facilitator's:
 * recorded when matching keyings would claim a card that is already used
 * (one person one way), so the serial waits for the facilitator instead.
 */
export type PaperDecision =
  | { serial: string; action: 'accept'; plus: readonly string[]; minus: readonly string[]; codeId: string | null; at: number }
  | { serial: string; action: 'void'; reason: string; at: number }
  | { serial: string; action: 'hold'; hold: PaperHold; at: number };

/**
 * Where a serial stands: `waiting` for its second keying; `matched` (two
 * staff links keyed the same ballot and code: counts); `mismatch` (in the
 * facilitator's queue); `held` (the keyings match but the card is already
 * used: in the facilitator's queue); `resolved` (the facilitator accepted
 * a ballot: counts); `void` (never counts).
 */
export type PaperStatus = 'waiting' | 'matched' | 'mismatch' | 'held' | 'resolved' | 'void';

export interface PaperBallotState {
  serial: string;
  status: PaperStatus;
  /** The latest keying of each staff link, in keying order. */
  keyings: PaperKeying[];
  /** The ballot that counts (matched or resolved), else null. */
  ballot: Ballot | null;
  /** The access code the counted ballot used (matched or resolved), else null. */
  codeId: string | null;
  /** Why it was voided. */
  reason: string | null;
  /** Why it is held (status `held`), else null. */
  hold: PaperHold | null;
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** Two keyings agree when they hold the same plus and minus votes (in any order) and the same code. */
export function keyingsAgree(a: Pick<PaperKeying, 'plus' | 'minus' | 'codeId'>, b: Pick<PaperKeying, 'plus' | 'minus' | 'codeId'>): boolean {
  return a.codeId === b.codeId && sameIds(a.plus, b.plus) && sameIds(a.minus, b.minus);
}

/**
 * The state of every serial, sorted by serial (numerically where the
 * serials are numbers). A staff link's later keying of a serial replaces
 * its earlier one (a correction); the facilitator's latest decision on a
 * serial overrides the keyings.
 */
export function reconcilePaper(keyings: readonly PaperKeying[], decisions: readonly PaperDecision[] = []): PaperBallotState[] {
  const bySerial = new Map<string, Map<string, PaperKeying>>();
  for (const k of [...keyings].sort((x, y) => x.at - y.at)) {
    const staff = bySerial.get(k.serial) ?? new Map<string, PaperKeying>();
    staff.delete(k.staffId); // re-inserted last: keying order is the order of the latest keyings
    staff.set(k.staffId, k);
    bySerial.set(k.serial, staff);
  }
  const decided = new Map<string, PaperDecision>();
  for (const d of [...decisions].sort((x, y) => x.at - y.at)) decided.set(d.serial, d);
  const serials = [...new Set([...bySerial.keys(), ...decided.keys()])].sort(compareSerials);
  return serials.map((serial) => {
    const ks = [...(bySerial.get(serial)?.values() ?? [])];
    const d = decided.get(serial);
    const base = { serial, keyings: ks, ballot: null, codeId: null, reason: null, hold: null };
    if (d?.action === 'void') return { ...base, status: 'void', reason: d.reason };
    if (d?.action === 'hold') return { ...base, status: 'held', hold: d.hold };
    if (d?.action === 'accept') return { ...base, status: 'resolved', ballot: { plus: [...d.plus], minus: [...d.minus] }, codeId: d.codeId };
    if (ks.length < 2) return { ...base, status: 'waiting' };
    const first = ks[0]!;
    if (!ks.every((k) => keyingsAgree(k, first))) return { ...base, status: 'mismatch' };
    return { ...base, status: 'matched', ballot: { plus: [...first.plus], minus: [...first.minus] }, codeId: first.codeId };
  });
}

/** Serials in the order a person sorts a pile: numbers by value, then the rest by text. */
export function compareSerials(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : Number.NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  if (Number.isNaN(na) !== Number.isNaN(nb)) return Number.isNaN(na) ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The paper ballots that count: matched and resolved ones. */
export function countedPaper(states: readonly PaperBallotState[]): Ballot[] {
  return states.flatMap((s) => (s.ballot && (s.status === 'matched' || s.status === 'resolved') ? [s.ballot] : []));
}

/** How many serials stand where: the console's queue header and the report. */
export function paperSummary(states: readonly PaperBallotState[]): Record<PaperStatus, number> {
  const out: Record<PaperStatus, number> = { waiting: 0, matched: 0, mismatch: 0, held: 0, resolved: 0, void: 0 };
  for (const s of states) out[s.status]++;
  return out;
}

/** Plus and minus per proposal of one channel. */
export interface ChannelCounts {
  ballots: number;
  plus: Record<string, number>;
  minus: Record<string, number>;
}

/** Phone, paper and total counts of a round (results, exports and the report show all three). */
export interface ChannelTotals {
  phone: ChannelCounts;
  paper: ChannelCounts;
  total: ChannelCounts;
}

const counts = (t: Tally, ids: readonly string[]): ChannelCounts => ({
  ballots: t.ballots,
  plus: Object.fromEntries(ids.map((id, i) => [id, t.plus[i] ?? 0])),
  minus: Object.fromEntries(ids.map((id, i) => [id, t.minus[i] ?? 0])),
});

/** The counts of each channel and their sum, over the round's proposals. The total is the count of both together. */
export function channelTotals(optionIds: readonly string[], phone: Iterable<Ballot>, paper: Iterable<Ballot>): ChannelTotals {
  const phoneBallots = [...phone];
  const paperBallots = [...paper];
  return {
    phone: counts(recount(optionIds, phoneBallots), optionIds),
    paper: counts(recount(optionIds, paperBallots), optionIds),
    total: counts(recount(optionIds, [...phoneBallots, ...paperBallots]), optionIds),
  };
}

/**
 * One person votes one way (§5.1), decided when a paper ballot is about to
 * count (matching keyings, or the facilitator's resolution), never at a
 * single keying: one keying claims nothing (a typo or one rogue desk must
 * not lock a card's phone out, nor learn whether it voted). Returns why
 * `serial` may not count with `codeId` (the card voted by phone, or a
 * counted serial holds it), or null when it may.
 */
export function paperClaimConflict(codeId: string, votedByPhone: boolean, paperStates: readonly PaperBallotState[], serial: string): PaperHold | null {
  if (votedByPhone) return { kind: 'phone' };
  const other = paperStates.find((s) => s.serial !== serial && s.codeId === codeId && (s.status === 'matched' || s.status === 'resolved'));
  return other ? { kind: 'serial', serial: other.serial } : null;
}

/** A hold as the audit log and the server's messages word it (the console words it in the facilitator's language). */
export const holdText = (h: PaperHold): string => (h.kind === 'phone' ? 'this card already voted by phone' : `this card is already counted on serial ${h.serial}`);

/** One line of the audit log: who (a staff link's label, or the facilitator) did what to which serial, when. Never a voter. */
export interface PaperAuditRow {
  at: number;
  serial: string;
  actor: string;
  action: 'keyed' | 'accepted' | 'voided' | 'held';
  /** The keyed or accepted ballot as staff type it (`2 5 -3`), the void's reason, or why it is held. */
  detail: string;
}

/**
 * The audit log of a round's paper ballots, oldest first. `label` names a
 * staff link (its label in the console); `line` writes a ballot as typed.
 */
export function paperAudit(
  keyings: readonly PaperKeying[],
  decisions: readonly PaperDecision[],
  label: (staffId: string) => string,
  line: (b: Ballot) => string,
  facilitator = 'facilitator',
): PaperAuditRow[] {
  const rows: PaperAuditRow[] = [
    ...keyings.map((k): PaperAuditRow => ({ at: k.at, serial: k.serial, actor: label(k.staffId), action: 'keyed', detail: line(k) })),
    ...decisions.map((d): PaperAuditRow => {
      if (d.action === 'void') return { at: d.at, serial: d.serial, actor: facilitator, action: 'voided', detail: d.reason };
      if (d.action === 'hold') return { at: d.at, serial: d.serial, actor: 'server', action: 'held', detail: holdText(d.hold) };
      return { at: d.at, serial: d.serial, actor: facilitator, action: 'accepted', detail: line(d) };
    }),
  ];
  return rows.sort((a, b) => a.at - b.at || compareSerials(a.serial, b.serial));
}
