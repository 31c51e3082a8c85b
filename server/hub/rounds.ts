import { describePaperProblems, freezePaper, presetOverrides, resolveRules } from '../../shared/domain/index.ts';
import type { RoundCreate, RoundUpdate } from '../../shared/protocol/schemas.ts';
import type { RoundOrigin } from '../../shared/protocol/views.ts';
import { newId } from '../ids.ts';
import type { RoundRow } from '../store/types.ts';
import { definedOnly } from './assemblies.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult } from './context.ts';
import { checkPractice, practiceFrom, ruleOverrides } from './practice.ts';
import { closeNow, commitRound, serialised } from './roundOwner.ts';

/**
 * Round commands: create and edit drafts, open, close, extend. Each runs
 * in the assembly's lifecycle queue and changes the round only through
 * the round owner (roundOwner.ts).
 */

function checkRound(a: AssemblyState, row: RoundRow): HubResult<RoundRow> {
  if (new Set(row.proposalIds).size !== row.proposalIds.length) return hubErr('BAD_REQUEST', 'A proposal is listed twice in the round.');
  for (const id of row.proposalIds) {
    const p = a.proposals.get(id);
    if (!p) return hubErr('NOT_FOUND', `No proposal "${id}" in this assembly.`);
    if (p.status !== 'approved') return hubErr('CONFLICT', `"${p.title}" is ${p.status}: only approved proposals go on a ballot.`);
  }
  const rules = resolveRules(row.proposalIds.length, row.winners, ruleOverrides(row));
  if (!rules.ok) return hubErr(rules.code, rules.message);
  return checkPractice(row);
}

/** A preset fills the overrides the input leaves out. */
function withPreset<T extends { preset?: 'nyc' | 'prague10' | null | undefined; plus?: number | null | undefined; minus?: number | null | undefined; ratio?: number | null | undefined }>(
  input: T,
  options: number,
): T {
  if (!input.preset) return input;
  const p = presetOverrides(input.preset, options);
  return { ...input, plus: input.plus ?? p.plus, minus: input.minus ?? p.minus, ratio: input.ratio ?? p.ratio };
}

function findRound(a: AssemblyState, roundId: string): HubResult<RoundRow> {
  const r = a.rounds.get(roundId);
  return r ? hubOk(r) : hubErr('NOT_FOUND', 'No round with that id in this assembly.');
}

/** A new draft round; `origin` records where a shortlist came from (advance.ts). */
export function createRound(ctx: HubContext, a: AssemblyState, raw: RoundCreate, origin: RoundOrigin | null = null): Promise<HubResult<RoundRow>> {
  return serialised(a, async () => {
    const practice = practiceFrom(raw, undefined, undefined, a.row.settings.language);
    const { preset: _, exclusion: _e, tieRule: _t, rankBy: _r, minusAfterAllPlus: _m, shuffle: _s, pots: _p, potOf: _o, ...input } = withPreset(raw, raw.proposalIds.length);
    let seq = 0;
    for (const r of a.rounds.values()) seq = Math.max(seq, r.seq);
    const row: RoundRow = {
      id: newId(6),
      assemblyId: a.row.id,
      seq: seq + 1,
      question: input.question ?? '',
      status: 'draft',
      proposalIds: input.proposalIds,
      winners: input.winners,
      plus: input.plus ?? null,
      minus: input.minus ?? null,
      ratio: input.ratio ?? null,
      budget: input.budget ?? null,
      visibility: input.visibility ?? 'live',
      lockBallots: input.lockBallots ?? false,
      durationSec: input.durationSec ?? null,
      deadline: null,
      openedAt: null,
      closedAt: null,
      createdAt: ctx.clock.now(),
      origin,
      paper: null,
      seal: null,
      practice,
    };
    const checked = checkRound(a, row);
    if (!checked.ok) return checked;
    await commitRound(ctx, a, checked.value, 'created');
    return checked;
  });
}

export function updateRound(ctx: HubContext, a: AssemblyState, input: RoundUpdate): Promise<HubResult<RoundRow>> {
  return serialised(a, async () => {
    const found = findRound(a, input.roundId);
    if (!found.ok) return found;
    if (found.value.status !== 'draft') return hubErr('ROUND_NOT_DRAFT', 'Only a draft round can be edited.');
    const { roundId: _, preset, exclusion: _e, tieRule: _t, rankBy: _r, minusAfterAllPlus: _m, shuffle: _s, pots: _po, potOf: _o, ...rest } = input;
    const { preset: _p, ...patch } = withPreset({ ...rest, preset }, (rest.proposalIds ?? found.value.proposalIds).length);
    const row = { ...found.value, ...definedOnly(patch), practice: practiceFrom(input, found.value.practice, rest.proposalIds ?? found.value.proposalIds, a.row.settings.language) } as RoundRow;
    const checked = checkRound(a, row);
    if (!checked.ok) return checked;
    await commitRound(ctx, a, checked.value, 'updated');
    return checked;
  });
}

/**
 * Opens a draft: at most one open round per assembly. The ballot paper is
 * frozen here: every proposal is checked again (approved, not merged, not
 * deleted) and copied into the round as voters will see it; a refusal
 * (PROPOSALS_NOT_APPROVED) names every offender.
 */
export function openRound(ctx: HubContext, a: AssemblyState, roundId: string, durationSec?: number | null): Promise<HubResult<RoundRow>> {
  return serialised(a, async () => {
    const found = findRound(a, roundId);
    if (!found.ok) return found;
    if (found.value.status !== 'draft') return hubErr('ROUND_NOT_DRAFT', 'This round has already been opened.');
    for (const r of a.rounds.values()) {
      if (r.status === 'open') return hubErr('ROUND_CONFLICT', 'Another round is open: close it first.');
    }
    const frozen = freezePaper(found.value.proposalIds, (id) => a.proposals.get(id));
    if (!frozen.ok) return hubErr('PROPOSALS_NOT_APPROVED', describePaperProblems(frozen.problems));
    const checked = checkRound(a, found.value);
    if (!checked.ok) return checked;
    const now = ctx.clock.now();
    const duration = durationSec === undefined ? found.value.durationSec : durationSec;
    const row: RoundRow = {
      ...found.value,
      status: 'open',
      durationSec: duration,
      openedAt: now,
      deadline: duration ? now + duration * 1000 : null,
      paper: frozen.paper,
    };
    await commitRound(ctx, a, row, 'opened');
    return hubOk(row);
  });
}

/** Closes an open round and seals its result (roundOwner.closeNow). Close is final. */
export function closeRound(ctx: HubContext, a: AssemblyState, roundId: string): Promise<HubResult<RoundRow>> {
  return serialised(a, () => closeNow(ctx, a, roundId));
}

/**
 * Adds time to an open round; one without a timer gets one ending
 * `seconds` from now. A round whose deadline has already passed (its
 * timer late on a busy server) is closed, not extended.
 */
export function extendRound(ctx: HubContext, a: AssemblyState, roundId: string, seconds: number): Promise<HubResult<RoundRow>> {
  return serialised(a, async () => {
    const found = findRound(a, roundId);
    if (!found.ok) return found;
    if (found.value.status !== 'open') return hubErr('ROUND_NOT_OPEN', 'Only an open round can be extended.');
    const now = ctx.clock.now();
    if (found.value.deadline !== null && found.value.deadline <= now) {
      await closeNow(ctx, a, roundId);
      return hubErr('ROUND_NOT_OPEN', 'This round reached its deadline and is closed.');
    }
    const row: RoundRow = { ...found.value, deadline: (found.value.deadline ?? now) + seconds * 1000 };
    await commitRound(ctx, a, row, 'extended');
    return hubOk(row);
  });
}
