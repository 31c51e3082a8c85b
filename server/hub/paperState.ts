import { applyBallot, compareSerials, reconcilePaper, removeBallot, type Ballot, type PaperBallotState, type PaperDecision, type PaperHold, type Tally } from '../../shared/domain/index.ts';
import type { AccessCodeRow, PaperDecisionRow, PaperKeyingRow } from '../store/types.ts';

/**
 * The hub's memory of one round's paper ballots (docs/practice.md "Paper
 * ballots"): every keying and decision per serial, and each serial's state
 * as shared/domain/paperBallots.ts reconciles it. The round's live tally
 * holds the counted ones (matched or resolved) beside the phones' ballots.
 */
export interface SerialPaper {
  keyings: PaperKeyingRow[];
  decisions: PaperDecisionRow[];
  state: PaperBallotState;
}

export interface RoundPaper {
  serials: Map<string, SerialPaper>;
  /** Keyings by the entry screen's id: a resend is answered from here. */
  entries: Map<string, PaperKeyingRow>;
  /** Access codes (ids) the paper channel holds in this round (counted serials only), with the serial holding each. */
  codes: Map<string, string>;
}

export const newRoundPaper = (): RoundPaper => ({ serials: new Map(), entries: new Map(), codes: new Map() });

/** A hold as stored in a decision row's reason column. */
export const holdReason = (h: PaperHold): string => (h.kind === 'phone' ? 'phone' : `serial:${h.serial}`);

/** A stored decision as the domain reads it. */
export function asDecision(d: PaperDecisionRow): PaperDecision {
  if (d.action === 'void') return { serial: d.serial, action: 'void', reason: d.reason ?? '', at: d.at };
  if (d.action === 'hold') {
    const hold: PaperHold = d.reason?.startsWith('serial:') ? { kind: 'serial', serial: d.reason.slice('serial:'.length) } : { kind: 'phone' };
    return { serial: d.serial, action: 'hold', hold, at: d.at };
  }
  return { serial: d.serial, action: 'accept', plus: d.plus, minus: d.minus, codeId: d.codeId, at: d.at };
}

/** A serial's state from its keyings and decisions. */
export function reconcileSerial(serial: string, keyings: readonly PaperKeyingRow[], decisions: readonly PaperDecisionRow[]): PaperBallotState {
  return reconcilePaper(keyings, decisions.map(asDecision))[0] ?? { serial, status: 'waiting', keyings: [], ballot: null, codeId: null, reason: null, hold: null };
}

/** The ballot a state counts (matched or resolved), else null. */
export function countedBallot(s: PaperBallotState | undefined): Ballot | null {
  return s && s.ballot && (s.status === 'matched' || s.status === 'resolved') ? s.ballot : null;
}

/** Every serial's state, in the order people sort a pile. */
export function paperStates(rp: RoundPaper | undefined): PaperBallotState[] {
  if (!rp) return [];
  return [...rp.serials.values()].map((s) => s.state).sort((x, y) => compareSerials(x.serial, y.serial));
}

/** The ballots the paper channel counts in a round. */
export function countedPaperBallots(rp: RoundPaper | undefined): Ballot[] {
  return rp ? [...rp.serials.values()].flatMap((s) => countedBallot(s.state) ?? []) : [];
}

/**
 * The code a state claims for the paper channel: only a counted ballot's.
 * A keying alone claims nothing (docs/practice.md "Paper ballots": a typo
 * or one rogue desk must not lock a card's phone out).
 */
function heldCodes(s: PaperBallotState): string[] {
  return (s.status === 'matched' || s.status === 'resolved') && s.codeId ? [s.codeId] : [];
}

/**
 * Adds a keying or a decision to a serial (or replaces the serial's rows
 * when `rows` is given, to undo a write that failed) and brings the tally
 * and the held codes up to date. Returns true when what the serial counts changed.
 */
export function updateSerial(rp: RoundPaper, tally: Tally | null, serial: string, change: (sp: SerialPaper) => void): boolean {
  const sp = rp.serials.get(serial) ?? { keyings: [], decisions: [], state: reconcileSerial(serial, [], []) };
  const before = sp.state;
  change(sp);
  sp.state = reconcileSerial(serial, sp.keyings, sp.decisions);
  if (sp.keyings.length === 0 && sp.decisions.length === 0) rp.serials.delete(serial);
  else rp.serials.set(serial, sp);
  for (const c of heldCodes(before)) if (rp.codes.get(c) === serial) rp.codes.delete(c);
  for (const c of heldCodes(sp.state)) rp.codes.set(c, serial);
  const was = countedBallot(before);
  const now = countedBallot(sp.state);
  if (was === now || (was && now && sameBallot(was, now))) return false;
  if (tally) {
    if (now) applyBallot(tally, was ?? undefined, now);
    else if (was) removeBallot(tally, was);
  }
  return true;
}

const sameBallot = (a: Ballot, b: Ballot) => JSON.stringify([[...a.plus].sort(), [...a.minus].sort()]) === JSON.stringify([[...b.plus].sort(), [...b.minus].sort()]);

/** Fills a round's paper memory from stored rows (start), counting what counts into `tally`. */
export function loadRoundPaper(keyings: readonly PaperKeyingRow[], decisions: readonly PaperDecisionRow[], tally: Tally | null): RoundPaper {
  const rp = newRoundPaper();
  const bySerial = new Map<string, { k: PaperKeyingRow[]; d: PaperDecisionRow[] }>();
  const of = (serial: string) => bySerial.get(serial) ?? bySerial.set(serial, { k: [], d: [] }).get(serial)!;
  for (const k of keyings) of(k.serial).k.push(k);
  for (const d of decisions) of(d.serial).d.push(d);
  for (const [serial, rows] of bySerial) {
    updateSerial(rp, tally, serial, (sp) => {
      sp.keyings.push(...rows.k);
      sp.decisions.push(...rows.d);
    });
  }
  for (const k of keyings) rp.entries.set(k.id, k);
  return rp;
}

/**
 * Phone side of "one person one way" (ballots.ts): whether an access code
 * of this participant is on a counted paper ballot of the round (a serial
 * keyed once claims nothing). Synchronous.
 */
export function paperHoldsVoter(rp: RoundPaper | undefined, codes: Iterable<AccessCodeRow>, participantId: string): boolean {
  if (!rp || rp.codes.size === 0) return false;
  for (const c of codes) if (c.participantId === participantId && rp.codes.has(c.id)) return true;
  return false;
}
