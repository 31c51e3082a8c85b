import { createTally, presetOverrides, resolveRules } from '../../shared/domain/index.ts';
import type { RoundCreate, RoundUpdate } from '../../shared/protocol/schemas.ts';
import { newId } from '../ids.ts';
import type { RoundRow } from '../store/types.ts';
import { definedOnly } from './assemblies.ts';
import { hubErr, hubOk, type AssemblyState, type HubContext, type HubResult, type LiveRound } from './context.ts';
import { roundRules } from './views.ts';

function checkRound(a: AssemblyState, row: RoundRow): HubResult<RoundRow> {
  if (new Set(row.proposalIds).size !== row.proposalIds.length) return hubErr('BAD_REQUEST', 'A proposal is listed twice in the round.');
  for (const id of row.proposalIds) {
    const p = a.proposals.get(id);
    if (!p) return hubErr('NOT_FOUND', `No proposal "${id}" in this assembly.`);
    if (p.status !== 'approved') return hubErr('CONFLICT', `"${p.title}" is ${p.status}: only approved proposals go on a ballot.`);
  }
  const rules = resolveRules(row.proposalIds.length, row.winners, {
    plus: row.plus ?? undefined,
    minus: row.minus ?? undefined,
    ratio: row.ratio ?? undefined,
  });
  if (!rules.ok) return hubErr(rules.code, rules.message);
  return hubOk(row);
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

export async function createRound(ctx: HubContext, a: AssemblyState, raw: RoundCreate): Promise<HubResult<RoundRow>> {
  const { preset: _, ...input } = withPreset(raw, raw.proposalIds.length);
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
    origin: null,
  };
  const checked = checkRound(a, row);
  if (!checked.ok) return checked;
  await ctx.store.saveRound(row);
  a.rounds.set(row.id, row);
  ctx.listener.assemblyChanged(a);
  return hubOk(row);
}

function findRound(a: AssemblyState, roundId: string): HubResult<RoundRow> {
  const r = a.rounds.get(roundId);
  return r ? hubOk(r) : hubErr('NOT_FOUND', 'No round with that id in this assembly.');
}

export async function updateRound(ctx: HubContext, a: AssemblyState, input: RoundUpdate): Promise<HubResult<RoundRow>> {
  const found = findRound(a, input.roundId);
  if (!found.ok) return found;
  if (found.value.status !== 'draft') return hubErr('ROUND_NOT_DRAFT', 'Only a draft round can be edited.');
  const { roundId: _, preset, ...rest } = input;
  const { preset: _p, ...patch } = withPreset({ ...rest, preset }, (rest.proposalIds ?? found.value.proposalIds).length);
  const row = { ...found.value, ...definedOnly(patch) } as RoundRow;
  const checked = checkRound(a, row);
  if (!checked.ok) return checked;
  await ctx.store.saveRound(row);
  a.rounds.set(row.id, row);
  ctx.listener.assemblyChanged(a);
  return hubOk(row);
}

/** The in-memory live state of a round, created empty when it opens. */
export function liveRound(a: AssemblyState, row: RoundRow): LiveRound {
  let live = a.live.get(row.id);
  if (!live) {
    live = {
      row,
      rules: roundRules(row),
      optionSet: new Set(row.proposalIds),
      tally: createTally(row.proposalIds),
      ballots: new Map(),
      loading: new Map(),
      receipts: new Map(),
      seq: 0,
      countedSeq: 0,
      timer: null,
    };
    a.live.set(row.id, live);
  }
  return live;
}

export async function openRound(
  ctx: HubContext,
  a: AssemblyState,
  roundId: string,
  durationSec?: number | null,
): Promise<HubResult<RoundRow>> {
  const found = findRound(a, roundId);
  if (!found.ok) return found;
  if (found.value.status !== 'draft') return hubErr('ROUND_NOT_DRAFT', 'This round has already been opened.');
  for (const r of a.rounds.values()) {
    if (r.status === 'open') return hubErr('ROUND_CONFLICT', 'Another round is open: close it first.');
  }
  const now = ctx.clock.now();
  const duration = durationSec === undefined ? found.value.durationSec : durationSec;
  const row: RoundRow = {
    ...found.value,
    status: 'open',
    durationSec: duration,
    openedAt: now,
    deadline: duration ? now + duration * 1000 : null,
  };
  await ctx.store.saveRound(row);
  a.rounds.set(row.id, row);
  const live = liveRound(a, row);
  live.row = row;
  scheduleDeadline(ctx, a, live);
  announce(ctx, a, row.id);
  return hubOk(row);
}

export async function closeRound(ctx: HubContext, a: AssemblyState, roundId: string): Promise<HubResult<RoundRow>> {
  const found = findRound(a, roundId);
  if (!found.ok) return found;
  if (found.value.status !== 'open') return hubErr('ROUND_NOT_OPEN', 'This round is not open.');
  const row: RoundRow = { ...found.value, status: 'closed', closedAt: ctx.clock.now() };
  await ctx.store.saveRound(row);
  a.rounds.set(row.id, row);
  const live = liveRound(a, row);
  live.row = row;
  if (live.timer) clearTimeout(live.timer);
  live.timer = null;
  announce(ctx, a, row.id);
  return hubOk(row);
}

/** Adds time; a round without a timer gets one ending `seconds` from now. */
export async function extendRound(ctx: HubContext, a: AssemblyState, roundId: string, seconds: number): Promise<HubResult<RoundRow>> {
  const found = findRound(a, roundId);
  if (!found.ok) return found;
  if (found.value.status !== 'open') return hubErr('ROUND_NOT_OPEN', 'Only an open round can be extended.');
  const base = found.value.deadline ?? ctx.clock.now();
  const row: RoundRow = { ...found.value, deadline: Math.max(base, ctx.clock.now()) + seconds * 1000 };
  await ctx.store.saveRound(row);
  a.rounds.set(row.id, row);
  const live = liveRound(a, row);
  live.row = row;
  scheduleDeadline(ctx, a, live);
  announce(ctx, a, row.id);
  return hubOk(row);
}

function announce(ctx: HubContext, a: AssemblyState, roundId: string): void {
  ctx.listener.assemblyChanged(a);
  ctx.listener.currentRoundChanged(a);
  ctx.listener.tallyChanged(a, roundId);
}

/**
 * Auto-close at the deadline. Timers are re-armed from the stored deadline
 * at start, so a restart keeps the same deadline; one that passed while the
 * server was down closes the round at once.
 */
export function scheduleDeadline(ctx: HubContext, a: AssemblyState, live: LiveRound): void {
  if (live.timer) clearTimeout(live.timer);
  live.timer = null;
  const { deadline, status, id } = live.row;
  if (status !== 'open' || deadline === null) return;
  const fire = () => {
    const delay = deadline - ctx.clock.now();
    if (delay > 0) {
      // setTimeout caps at ~24.8 days and may fire early with a fake clock.
      live.timer = setTimeout(fire, Math.min(delay, 2 ** 31 - 1));
      live.timer.unref?.();
      return;
    }
    live.timer = null;
    const current = a.rounds.get(id);
    // In a cluster only the leader closes at the deadline (a new leader re-arms the timers).
    if (current?.status === 'open' && current.deadline === deadline && (ctx.cluster?.leads() ?? true)) {
      closeRound(ctx, a, id).catch((e: unknown) => console.error('auto-close failed', e));
    }
  };
  fire();
}
