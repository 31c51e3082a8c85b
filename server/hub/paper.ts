import { codeChannelConflict, validateBallot, type Ballot } from '../../shared/domain/index.ts';
import type { PaperKey, PaperResolve, PaperVoid } from '../../shared/protocol/paperSchemas.ts';
import type { PaperBallotView, PaperEntryView } from '../../shared/protocol/paperViews.ts';
import { hashSecret, newId } from '../ids.ts';
import type { AccessCodeRow, PaperDecisionRow, PaperKeyingRow } from '../store/types.ts';
import { currentBallot } from './ballots.ts';
import { normaliseCode } from './codes.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult, type LiveRound } from './context.ts';
import { activeLink } from './staffLinks.ts';
import { newRoundPaper, paperStates, updateSerial, type RoundPaper, type SerialPaper } from './paperState.ts';
export { paperHoldsVoter } from './paperState.ts';
import { entryView, paperBallotView } from './paperViews.ts';

/**
 * Paper ballots beside phones (d21-method.md §5.1; docs/practice.md "Paper
 * ballots"): staff links key them, twice each by two different links; the
 * facilitator resolves mismatches against the paper and voids serials. The
 * same D21 rules and messages as a phone's ballot; in access-code
 * assemblies each code votes through one channel only in a round (checked
 * here and in ballots.ts, each in a stretch with no await between the check
 * and the record, so a phone and a paper ballot racing cannot both win).
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
async function loadPhoneBallot(ctx: HubContext, live: LiveRound, code: AccessCodeRow | null): Promise<void> {
  if (code?.participantId) {
    const known = currentBallot(ctx, live, code.participantId);
    if (known instanceof Promise) await known;
  }
}

/** Refuses a code another channel (or another serial) holds; synchronous. */
function codeConflict(live: LiveRound, rp: RoundPaper, code: AccessCodeRow | null, serial: string): HubResult<null> {
  if (!code) return hubOk(null);
  const phone = code.participantId ? live.ballots.get(code.participantId) : null;
  const onPhone = new Set(phone ? [code.id] : []);
  const held = codeChannelConflict(code.id, 'paper', onPhone, paperStates(rp), serial);
  if (held === 'phone') return hubErr('CODE_OTHER_CHANNEL', 'This access code already voted on a phone in this round: one person votes one way.');
  if (held === 'paper') return hubErr('CODE_OTHER_CHANNEL', `This access code is already on another paper ballot (serial ${rp.codes.get(code.id) ?? '?'}) in this round.`);
  return hubOk(null);
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
 * (SERIAL_COMPLETE) or decided by the facilitator (SERIAL_DECIDED), a code
 * that voted another way (CODE_OTHER_CHANNEL). A resent `entryId` gets its
 * first answer.
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
  const conflict = codeConflict(live, rp, code.value, input.serial);
  if (!conflict.ok) return conflict;

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
  rp.entries.set(row.id, row);
  const counted = updateSerial(rp, live.tally, row.serial, (s) => void s.keyings.push(row));
  await commitPaper(ctx, a, live, rp, row.serial, ctx.store.addPaperKeying(row), (s) => {
    rp.entries.delete(row.id);
    s.keyings = s.keyings.filter((k) => k !== row);
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
  const row = made.value;
  const counted = updateSerial(rp, open.value.tally, serial, (s) => void s.decisions.push(row));
  await commitPaper(ctx, a, open.value, rp, serial, ctx.store.addPaperDecision(row), (s) => void (s.decisions = s.decisions.filter((d) => d !== row)));
  announce(ctx, a, roundId, serial, counted);
  return hubOk(paperBallotView(a, rp.serials.get(serial)!));
}

/**
 * The facilitator counts a serial as the paper shows it (a mismatch, or a
 * correction): checked by the D21 rules; the code, if typed, must not have
 * voted another way. Without a code, the one every keying of the serial
 * agrees on is kept.
 */
export async function resolvePaper(ctx: HubContext, a: AssemblyState, input: PaperResolve): Promise<HubResult<PaperBallotView>> {
  const first = openLive(ctx, a, input.roundId);
  if (!first.ok) return first;
  const code = paperCode(a, input.code, false);
  if (!code.ok) return code;
  await loadPhoneBallot(ctx, first.value, code.value);
  return decide(ctx, a, input.roundId, input.serial, (live, rp) => {
    const valid = validateBallot(input, live.rules, live.optionSet);
    if (!valid.ok) return hubErr(valid.code, valid.message);
    const conflict = codeConflict(live, rp, code.value, input.serial);
    if (!conflict.ok) return conflict;
    const keyed = new Set(rp.serials.get(input.serial)!.keyings.map((k) => k.codeId));
    const codeId = code.value?.id ?? (keyed.size === 1 ? [...keyed][0]! : null);
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
