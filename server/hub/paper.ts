import { holdText, paperClaimConflict, validateBallot, type Ballot, type PaperHold } from '../../shared/domain/index.ts';
import type { PaperKey, PaperResolve, PaperVoid } from '../../shared/protocol/paperSchemas.ts';
import type { PaperBallotView, PaperEntryView } from '../../shared/protocol/paperViews.ts';
import { hashSecret, newId } from '../ids.ts';
import type { AccessCodeRow, PaperDecisionRow, PaperKeyingRow } from '../store/types.ts';
import { currentBallot } from './ballots.ts';
import { normaliseCode } from './codes.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult, type LiveRound } from './context.ts';
import { activeLink } from './staffLinks.ts';
import { holdReason, newRoundPaper, paperStates, reconcileSerial, updateSerial, type RoundPaper, type SerialPaper } from './paperState.ts';
export { paperHoldsVoter } from './paperState.ts';
import { entryView, paperBallotView } from './paperViews.ts';

/**
 * Paper ballots beside phones (d21-method.md §5.1; docs/practice.md "Paper
 * ballots"): staff links key them, twice each by two different links; the
 * facilitator resolves mismatches against the paper and voids serials. The
 * same D21 rules and messages as a phone's ballot; in access-code
 * assemblies each code votes through one channel only in a round. A code
 * is claimed by paper only when a serial with it counts: a single keying
 * claims nothing and tells the desk nothing. Serials whose matching
 * keyings would claim a card already used are held for the facilitator
 * (the reason is the console's only). Checked here and in ballots.ts, each
 * in a stretch with no await between the check and the record, so a phone
 * and a paper ballot racing cannot both count.
 */

const CLOSED = () => hubErr('ROUND_CLOSED', 'Voting in this round has closed: paper ballots are keyed while it is open.');

function roundPaper(a: AssemblyState, roundId: string): RoundPaper {
  let rp = a.paper.get(roundId);
  if (!rp) a.paper.set(roundId, (rp = newRoundPaper()));
  return rp;
}

/** The open round's live state, or why paper cannot be keyed in it now. */
function openLive(ctx: HubContext, a: AssemblyState, roundId: string): HubResult<LiveRound> {
  const round = a.rounds.get(roundId);
  if (!round) return hubErr('NOT_FOUND', 'No round with that id in this assembly.');
  const live = a.live.get(roundId);
  if (round.status === 'draft' || !live) return hubErr('ROUND_NOT_OPEN', 'Voting has not started yet.');
  const now = ctx.clock.now();
  if (round.status !== 'open' || !live.accepting || (round.deadline !== null && now >= round.deadline)) return CLOSED();
  return hubOk(live);
}

/** The access code typed from a paper ballot: required in access-code assemblies, refused in open ones. */
function paperCode(a: AssemblyState, code: string | undefined, required: boolean): HubResult<AccessCodeRow | null> {
  if (a.row.joinMode !== 'codes') return code ? hubErr('BAD_REQUEST', 'This assembly does not use access codes: leave the code empty.') : hubOk(null);
  if (!code) return required ? hubErr('CODE_REQUIRED', 'This assembly uses access codes: type the code printed on the paper ballot.') : hubOk(null);
  const row = a.codes.get(hashSecret(normaliseCode(code)));
  if (!row) return hubErr('CODE_INVALID', 'That access code is not one of this assembly’s.');
  if (row.status === 'revoked') return hubErr('CODE_REVOKED', 'That access code was withdrawn by the facilitator.');
  return hubOk(row);
}

/** Whether the code's phone (if one redeemed it) has a ballot in the round: read first, so the check after it does not wait. */
async function loadPhoneBallot(ctx: HubContext, live: LiveRound, code: AccessCodeRow | null | undefined): Promise<void> {
  if (code?.participantId) {
    const known = currentBallot(ctx, live, code.participantId);
    if (known instanceof Promise) await known;
  }
}

/** The access code row of a code id (a keying's), or undefined. */
function codeById(a: AssemblyState, codeId: string | null): AccessCodeRow | undefined {
  if (!codeId) return undefined;
  for (const c of a.codes.values()) if (c.id === codeId) return c;
  return undefined;
}

/** Why `serial` may not count with this code now (its phone voted, or a counted serial holds it); synchronous. */
function claimConflict(live: LiveRound, rp: RoundPaper, code: AccessCodeRow | null | undefined, serial: string): PaperHold | null {
  if (!code) return null;
  const phone = code.participantId ? Boolean(live.ballots.get(code.participantId)) : false;
  return paperClaimConflict(code.id, phone, paperStates(rp), serial);
}

/** Writes a paper row, counting it in the round's inflight commits; on failure the serial is put back as it was. */
async function commitPaper(ctx: HubContext, a: AssemblyState, live: LiveRound, rp: RoundPaper, serial: string, write: Promise<void>, undo: (sp: SerialPaper) => void): Promise<void> {
  live.inflight.add(write);
  try {
    await write;
  } catch (e) {
    if (updateSerial(rp, live.tally, serial, undo)) ctx.listener.tallyChanged(a, live.row.id);
    throw e;
  } finally {
    live.inflight.delete(write);
  }
}

/** After a committed change: the console and the links that keyed the serial hear of it; the tally if what counts changed. */
function announce(ctx: HubContext, a: AssemblyState, roundId: string, serial: string, counted: boolean): void {
  ctx.listener.paperChanged(a, roundId, serial);
  if (counted) ctx.listener.tallyChanged(a, roundId, `paper:${serial}`);
}

/**
 * A staff link keys one paper ballot. Refused: a revoked link, a closed
 * round, a ballot the D21 rules refuse (the phone's codes and messages), a
 * serial this link already keyed (SERIAL_KEYED), one keyed twice already
 * (SERIAL_COMPLETE) or decided by the facilitator (SERIAL_DECIDED). Never
 * refused for how the card voted: a keying that makes a serial count with
 * a card already used (by phone, or on a counted serial) is recorded with a
 * hold, and the serial waits in the facilitator's queue. A resent
 * `entryId` gets its first answer.
 */
export async function keyPaper(ctx: HubContext, a: AssemblyState, staffId: string | null, input: PaperKey): Promise<HubResult<PaperEntryView>> {
  const link = activeLink(a, staffId);
  if (!link.ok) return link;
  const rp0 = a.paper.get(input.roundId);
  const resent = rp0?.entries.get(input.entryId);
  if (resent) return resent.staffId === link.value.id ? hubOk(entryView(resent, rp0!)) : hubErr('CONFLICT', 'That entry id belongs to another keying.');
  const first = openLive(ctx, a, input.roundId);
  if (!first.ok) return first;
  // The ballot first: staff see the same D21 messages as a phone, before anything about the code.
  const valid = validateBallot(input, first.value.rules, first.value.optionSet);
  if (!valid.ok) return hubErr(valid.code, valid.message);
  const code = paperCode(a, input.code, true);
  if (!code.ok) return code;
  await loadPhoneBallot(ctx, first.value, code.value);

  // From here on nothing yields until the keying is recorded or refused.
  const still = activeLink(a, staffId);
  if (!still.ok) return still;
  const open = openLive(ctx, a, input.roundId);
  if (!open.ok) return open;
  const live = open.value;
  const rp = roundPaper(a, input.roundId);
  const sp = rp.serials.get(input.serial);
  if (sp?.state.status === 'resolved' || sp?.state.status === 'void') return hubErr('SERIAL_DECIDED', `The facilitator already decided serial ${input.serial}.`);
  if (sp?.keyings.some((k) => k.staffId === still.value.id)) return hubErr('SERIAL_KEYED', `This link already keyed serial ${input.serial}: the second keying must come from another link.`);
  if (sp && sp.keyings.length >= 2) return hubErr('SERIAL_COMPLETE', `Serial ${input.serial} was already keyed twice: check the number written on the paper.`);

  const row: PaperKeyingRow = {
    id: input.entryId,
    roundId: input.roundId,
    serial: input.serial,
    staffId: still.value.id,
    plus: [...valid.value.plus],
    minus: [...valid.value.minus],
    codeId: code.value?.id ?? null,
    at: ctx.clock.now(),
  };
  // Would this keying make the serial count? Then its card is claimed now, unless already used: hold it instead.
  const next = reconcileSerial(row.serial, [...(sp?.keyings ?? []), row], sp?.decisions ?? []);
  const why = next.status === 'matched' ? claimConflict(live, rp, code.value, row.serial) : null;
  const hold: PaperDecisionRow | null = why && { id: newId(9), roundId: row.roundId, serial: row.serial, action: 'hold', plus: [], minus: [], codeId: null, reason: holdReason(why), at: row.at };
  rp.entries.set(row.id, row);
  const counted = updateSerial(rp, live.tally, row.serial, (s) => {
    s.keyings.push(row);
    if (hold) s.decisions.push(hold);
  });
  // The hold is written first: if the keying's write then fails, a restart shows the serial held, never counted.
  const write = (async () => {
    if (hold) await ctx.store.addPaperDecision(hold);
    await ctx.store.addPaperKeying(row);
  })();
  await commitPaper(ctx, a, live, rp, row.serial, write, (s) => {
    rp.entries.delete(row.id);
    s.keyings = s.keyings.filter((k) => k !== row);
    s.decisions = s.decisions.filter((d) => d !== hold);
  });
  announce(ctx, a, row.roundId, row.serial, counted);
  return hubOk(entryView(row, rp));
}

/** Records the facilitator's decision on an existing serial (the latest decision counts). */
async function decide(ctx: HubContext, a: AssemblyState, roundId: string, serial: string, make: (live: LiveRound, rp: RoundPaper) => HubResult<PaperDecisionRow>): Promise<HubResult<PaperBallotView>> {
  const open = openLive(ctx, a, roundId);
  if (!open.ok) return open;
  const rp = a.paper.get(roundId);
  if (!rp?.serials.has(serial)) return hubErr('NOT_FOUND', `No paper ballot with serial ${serial} was keyed in this round.`);
  const made = make(open.value, rp);
  if (!made.ok) return made;
  // Strictly after the serial's latest decision (a hold made in the same millisecond): the store reloads them by time.
  const latest = Math.max(-Infinity, ...rp.serials.get(serial)!.decisions.map((d) => d.at));
  const row = { ...made.value, at: Math.max(made.value.at, latest + 1) };
  const counted = updateSerial(rp, open.value.tally, serial, (s) => void s.decisions.push(row));
  await commitPaper(ctx, a, open.value, rp, serial, ctx.store.addPaperDecision(row), (s) => void (s.decisions = s.decisions.filter((d) => d !== row)));
  announce(ctx, a, roundId, serial, counted);
  return hubOk(paperBallotView(a, rp.serials.get(serial)!));
}

/**
 * The facilitator counts a serial as the paper shows it (a mismatch, a
 * held serial, or a correction): checked by the D21 rules. Without a code,
 * the one every keying of the serial agrees on is kept; the code counted
 * must not have voted by phone nor be counted on another serial
 * (CODE_OTHER_CHANNEL, worded for the facilitator).
 */
export async function resolvePaper(ctx: HubContext, a: AssemblyState, input: PaperResolve): Promise<HubResult<PaperBallotView>> {
  const first = openLive(ctx, a, input.roundId);
  if (!first.ok) return first;
  const code = paperCode(a, input.code, false);
  if (!code.ok) return code;
  const keyedCode = (rp: RoundPaper | undefined) => {
    const keyed = new Set(rp?.serials.get(input.serial)?.keyings.map((k) => k.codeId));
    return keyed.size === 1 ? [...keyed][0]! : null;
  };
  await loadPhoneBallot(ctx, first.value, code.value ?? codeById(a, keyedCode(a.paper.get(input.roundId))));
  return decide(ctx, a, input.roundId, input.serial, (live, rp) => {
    const valid = validateBallot(input, live.rules, live.optionSet);
    if (!valid.ok) return hubErr(valid.code, valid.message);
    const counting = code.value ?? codeById(a, keyedCode(rp));
    const why = claimConflict(live, rp, counting, input.serial);
    if (why) return hubErr('CODE_OTHER_CHANNEL', `Serial ${input.serial} cannot count: ${holdText(why)}. Void it, or count it with the code on the paper.`);
    const codeId = counting?.id ?? keyedCode(rp);
    const ballot: Ballot = valid.value;
    return hubOk({ id: newId(9), roundId: input.roundId, serial: input.serial, action: 'accept', plus: [...ballot.plus], minus: [...ballot.minus], codeId, reason: null, at: ctx.clock.now() });
  });
}

/** The facilitator voids a serial with a reason: it never counts (a later resolve may count it again). */
export function voidPaper(ctx: HubContext, a: AssemblyState, input: PaperVoid): Promise<HubResult<PaperBallotView>> {
  return decide(ctx, a, input.roundId, input.serial, () =>
    hubOk({ id: newId(9), roundId: input.roundId, serial: input.serial, action: 'void', plus: [], minus: [], codeId: null, reason: input.reason, at: ctx.clock.now() }),
  );
}
