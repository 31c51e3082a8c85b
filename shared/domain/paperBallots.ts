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

/** The facilitator's word on a serial, after looking at the paper: count this ballot, or void it. */
export type PaperDecision =
  | { serial: string; action: 'accept'; plus: readonly string[]; minus: readonly string[]; codeId: string | null; at: number }
  | { serial: string; action: 'void'; reason: string; at: number };

/**
 * Where a serial stands: `waiting` for its second keying; `matched` (two
 * staff links keyed the same ballot and code: counts); `mismatch` (in the
 * facilitator's queue); `resolved` (the facilitator accepted a ballot:
 * counts); `void` (never counts).
 */
export type PaperStatus = 'waiting' | 'matched' | 'mismatch' | 'resolved' | 'void';

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
    const base = { serial, keyings: ks };
    if (d?.action === 'void') return { ...base, status: 'void', ballot: null, codeId: null, reason: d.reason };
    if (d?.action === 'accept') return { ...base, status: 'resolved', ballot: { plus: [...d.plus], minus: [...d.minus] }, codeId: d.codeId, reason: null };
    if (ks.length < 2) return { ...base, status: 'waiting', ballot: null, codeId: null, reason: null };
    const first = ks[0]!;
    if (!ks.every((k) => keyingsAgree(k, first))) return { ...base, status: 'mismatch', ballot: null, codeId: null, reason: null };
    return { ...base, status: 'matched', ballot: { plus: [...first.plus], minus: [...first.minus] }, codeId: first.codeId, reason: null };
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
  const out: Record<PaperStatus, number> = { waiting: 0, matched: 0, mismatch: 0, resolved: 0, void: 0 };
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
 * One person votes one way (§5.1): in access-code mode a code used on a
 * phone cannot be keyed on paper, and a code on a counted (or waiting)
 * paper ballot cannot vote on a phone. Returns the channel that already
 * holds the code, or null when the code is free for `channel`.
 */
export function codeChannelConflict(
  codeId: string,
  channel: 'phone' | 'paper',
  usedOnPhone: ReadonlySet<string>,
  paperStates: readonly PaperBallotState[],
  serial: string | null = null,
): 'phone' | 'paper' | null {
  if (channel === 'paper' && usedOnPhone.has(codeId)) return 'phone';
  const onPaper = paperStates.some(
    (s) => s.status !== 'void' && s.serial !== serial && (s.codeId === codeId || (s.status !== 'matched' && s.status !== 'resolved' && s.keyings.some((k) => k.codeId === codeId))),
  );
  return onPaper ? 'paper' : null;
}

/** One line of the audit log: who (a staff link's label, or the facilitator) did what to which serial, when. Never a voter. */
export interface PaperAuditRow {
  at: number;
  serial: string;
  actor: string;
  action: 'keyed' | 'accepted' | 'voided';
  /** The keyed or accepted ballot as staff type it (`2 5 -3`), or the void's reason. */
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
    ...decisions.map((d): PaperAuditRow =>
      d.action === 'void'
        ? { at: d.at, serial: d.serial, actor: facilitator, action: 'voided', detail: d.reason }
        : { at: d.at, serial: d.serial, actor: facilitator, action: 'accepted', detail: line(d) },
    ),
  ];
  return rows.sort((a, b) => a.at - b.at || compareSerials(a.serial, b.serial));
}
