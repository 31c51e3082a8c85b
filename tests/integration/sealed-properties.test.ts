import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalBallots, validateBallot, verifySeal, type SealedRound } from '../../shared/domain/index.ts';
import type { BallotReceipt } from '../../shared/protocol/views.ts';
import type { ErrorCode } from '../../shared/protocol/errors.ts';
import {
  buildReport,
  closeRound,
  createAssembly,
  createProposal,
  createRound,
  deleteProposal,
  extendRound,
  joinVoter,
  mergeProposals,
  moderateProposal,
  openRound,
  stopHub,
  submitBallot,
  updateProposal,
  visibleResults,
  createHub,
  currentRound,
  type AssemblyState,
  type HubContext,
  type HubResult,
} from '../../server/hub/index.ts';
import { createSqliteStore } from '../../server/store/sqlite.ts';
import type { Store } from '../../server/store/types.ts';
import { manualClock, type ManualClock } from '../support/clock.ts';
import { backends, type Backend } from '../support/stores.ts';
import { tempDataFile } from '../support/server.ts';

/**
 * Issue 10's kinds as properties: random sequences of facilitator commands
 * (edit, moderate, merge, delete, create, open, close, extend, read
 * results), ballots, clock moves (on time and "busy": timers late) and
 * restarts, some fired in the same tick, against the hub on a real SQLite
 * file and on PostgreSQL (DATABASE_URL). After every step:
 *  - never two open rounds;
 *  - a closed round's sealed result and digest never change (restarts included)
 *    and verify against the stored ballots;
 *  - a sealed result counts exactly the acknowledged ballots (the last per
 *    voter): nothing refused, nothing received after close or deadline;
 *  - every ballot is judged by the rules and paper the phone was shown.
 */

const PROPOSALS = 6;
const VOTERS = 5;
const BALLOT_CODES: ErrorCode[] = ['TOO_MANY_PLUS', 'TOO_MANY_MINUS', 'MINUS_NEEDS_PLUS', 'UNKNOWN_OPTION', 'DUPLICATE_OPTION', 'PLUS_AND_MINUS'];

type Step =
  | { k: 'create'; pick: number[]; winners: number; timed: boolean }
  | { k: 'open' | 'close' | 'results'; round: number }
  | { k: 'extend'; round: number; seconds: number }
  | { k: 'edit'; p: number; field: 'title' | 'description' | 'cost' }
  | { k: 'moderate'; p: number; action: 'approve' | 'reject' | 'reopen' }
  | { k: 'merge'; target: number; source: number }
  | { k: 'delete'; p: number }
  | { k: 'ballot'; voter: number; round: number | null; plus: number[]; minus: number[] }
  | { k: 'time'; ms: number; busy: boolean }
  | { k: 'restart' };

const idx = (max: number) => fc.integer({ min: 0, max });
const command: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('create' as const), pick: fc.uniqueArray(idx(PROPOSALS - 1), { minLength: 2, maxLength: PROPOSALS }), winners: fc.integer({ min: 1, max: 2 }), timed: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constantFrom('open' as const, 'close' as const, 'results' as const), round: idx(5) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('extend' as const), round: idx(5), seconds: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('edit' as const), p: idx(PROPOSALS - 1), field: fc.constantFrom('title' as const, 'description' as const, 'cost' as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('moderate' as const), p: idx(PROPOSALS - 1), action: fc.constantFrom('approve' as const, 'approve' as const, 'reject' as const, 'reopen' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('merge' as const), target: idx(PROPOSALS - 1), source: idx(PROPOSALS - 1) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), p: idx(PROPOSALS - 1) }) },
  { weight: 18, arbitrary: fc.record({ k: fc.constant('ballot' as const), voter: idx(VOTERS - 1), round: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: idx(5) }), plus: fc.uniqueArray(idx(PROPOSALS - 1), { maxLength: 3 }), minus: fc.uniqueArray(idx(PROPOSALS), { maxLength: 1 }) }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('time' as const), ms: fc.integer({ min: 1, max: 40_000 }), busy: fc.boolean() }) },
);
/** A step is one command, a batch fired in the same tick, or a restart. */
const step = fc.oneof(
  { weight: 8, arbitrary: command.map((c) => [c]) },
  { weight: 2, arbitrary: fc.array(command, { minLength: 2, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant([{ k: 'restart' as const }]) },
);

interface World {
  backend: Backend;
  clock: ManualClock;
  store: Store;
  ctx: HubContext;
  a: AssemblyState;
  proposalIds: string[];
  voters: string[];
  /** Round ids in creation order. */
  rounds: string[];
  /** Seals as first seen. */
  seals: Map<string, SealedRound>;
  /** Acknowledged ballots per round and voter (receipts). */
  accepted: Map<string, Map<string, BallotReceipt>>;
}

/** SQLite committing every event-loop turn (the fastest runs); PostgreSQL as the tests open it. */
function sqliteNoGap(): Backend {
  const file = tempDataFile();
  return {
    name: 'sqlite',
    async open() {
      const store = createSqliteStore({ file, synchronous: 'NORMAL', commitIntervalMs: 0 });
      await store.init();
      return store;
    },
    async dispose() {},
  };
}

/** A process start on the backend's place: a restart is a new store and hub on the same data. */
async function boot(backend: Backend, clock: ManualClock): Promise<{ store: Store; ctx: HubContext }> {
  const store = await backend.open();
  return { store, ctx: await createHub(store, clock) };
}

/** Lets queued lifecycle work (a deadline close) finish. */
async function settle(w: World): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await w.a.lifecycle;
    await new Promise((r) => setImmediate(r));
  }
}

function run(w: World, s: Exclude<Step, { k: 'restart' } | { k: 'time' }>): Promise<unknown> {
  const { ctx, a } = w;
  const pid = (i: number) => w.proposalIds[i]!;
  const rid = (i: number) => w.rounds[i % Math.max(1, w.rounds.length)] ?? 'none';
  switch (s.k) {
    case 'create':
      return createRound(ctx, a, { proposalIds: s.pick.map(pid), winners: s.winners, ...(s.timed ? { durationSec: 60 } : {}) }).then((r) => {
        if (r.ok) w.rounds.push(r.value.id);
      });
    case 'open':
      return openRound(ctx, a, rid(s.round));
    case 'close':
      return closeRound(ctx, a, rid(s.round));
    case 'extend':
      return extendRound(ctx, a, rid(s.round), s.seconds);
    case 'results':
      return Promise.resolve(visibleResults(a, rid(s.round)));
    case 'edit':
      return updateProposal(ctx, a, pid(s.p), s.field === 'cost' ? { cost: Math.floor(ctx.clock.now() % 1000) } : { [s.field]: `edited ${ctx.clock.now()}` });
    case 'moderate':
      return moderateProposal(ctx, a, { proposalId: pid(s.p), action: s.action });
    case 'merge':
      return mergeProposals(ctx, a, { targetId: pid(s.target), sourceIds: [pid(s.source)] });
    case 'delete':
      return deleteProposal(ctx, a, pid(s.p));
    case 'ballot': {
      // null: the round the phones show now (the open one, else the last opened).
      const roundId = s.round === null ? (currentRound(a)?.id ?? 'none') : rid(s.round);
      const round = a.rounds.get(roundId);
      // What this voter's phone shows now: the round's frozen paper and rules.
      const paper = round?.paper ?? [];
      const shownRules = a.live.get(roundId)?.rules;
      const ids = (picks: number[]) => picks.map((i) => paper[i]?.id ?? `ghost${i}`);
      const ballot = { roundId, ballotId: `b${w.voters[s.voter]}${ctx.clock.now()}${Math.random().toString(36).slice(2, 8)}`, plus: ids(s.plus), minus: ids(s.minus) };
      const sentAt = ctx.clock.now();
      const wasOpen = round?.status === 'open';
      return submitBallot(ctx, a, w.voters[s.voter]!, ballot).then((r: HubResult<BallotReceipt>) => {
        const expected = shownRules ? validateBallot(ballot, shownRules, new Set(paper.map((p) => p.id))) : null;
        if (r.ok) {
          expect(wasOpen, 'accepted only while open').toBe(true);
          expect(round!.deadline === null || sentAt < round!.deadline, 'accepted only before the deadline').toBe(true);
          expect(expected?.ok, 'accepted only if valid under the rules shown').toBe(true);
          const perRound = w.accepted.get(roundId) ?? new Map<string, BallotReceipt>();
          w.accepted.set(roundId, perRound);
          const before = perRound.get(w.voters[s.voter]!);
          if (!before || before.seq < r.value.seq) perRound.set(w.voters[s.voter]!, r.value);
        } else if (BALLOT_CODES.includes(r.code)) {
          expect(expected && !expected.ok && expected.code, 'refused by the rule the phone would show').toBe(r.code);
        }
      });
    }
  }
}

async function check(w: World): Promise<void> {
  const open = [...w.a.rounds.values()].filter((r) => r.status === 'open');
  expect(open.length).toBeLessThanOrEqual(1);
  expect((await w.store.loadRounds()).filter((r) => r.assemblyId === w.a.row.id && r.status === 'open').length).toBeLessThanOrEqual(1);
  for (const r of w.a.rounds.values()) {
    if (r.status !== 'closed') continue;
    expect(r.seal).not.toBeNull();
    const first = w.seals.get(r.id);
    if (first) expect(r.seal).toEqual(first);
    else {
      w.seals.set(r.id, r.seal!);
      // Exactly the acknowledged ballots are counted (the last one per voter).
      const mine = [...(w.accepted.get(r.id)?.values() ?? [])];
      expect(r.seal!.result.ballots).toBe(mine.length);
      const stored = await w.store.loadBallots(r.id);
      // The same ballots, severed from the voters once closed (docs/security.md, "The data file").
      expect(canonicalBallots(stored)).toEqual(canonicalBallots(mine));
      expect(stored.every((b) => b.participantId.startsWith('sealed:') && b.ballotId === '' && b.seq === 0 && b.at === 0)).toBe(true);
      expect(verifySeal(r.seal!, stored).ok).toBe(true);
    }
    const shown = visibleResults(w.a, r.id);
    expect(shown.ok && shown.value).toEqual(first?.result ?? r.seal!.result);
  }
}

// SQLite (60 runs) and PostgreSQL (fewer: each run migrates a fresh schema).
const STORES = [
  { name: 'sqlite', make: sqliteNoGap, runs: 60, timeoutMs: 120_000 },
  ...backends()
    .filter((b) => b.name === 'postgres')
    .map((b) => ({ ...b, runs: 15, timeoutMs: 300_000 })),
];

for (const { name, make, runs, timeoutMs } of STORES) describe(`sealed rounds under random interleavings (fast-check): ${name}`, () => {
  it('commands, ballots, clock moves and restarts never bend a round', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        const backend = make();
        const clock = manualClock();
        const booted = await boot(backend, clock);
        const { state: a } = await createAssembly(booted.ctx, { title: 'Property' });
        const w: World = { backend, clock, ...booted, a, proposalIds: [], voters: [], rounds: [], seals: new Map(), accepted: new Map() };
        for (let i = 0; i < PROPOSALS; i++) {
          const p = await createProposal(w.ctx, a, { title: `P${i}`, cost: 10 * (i + 1) });
          if (p.ok) w.proposalIds.push(p.value.id);
        }
        for (let i = 0; i < VOTERS; i++) {
          const v = await joinVoter(w.ctx, a, undefined);
          if (v.ok) w.voters.push(v.value.participantId);
        }
        // Two drafts to start from, the timed one open.
        await run(w, { k: 'create', pick: [0, 1, 2, 3, 4, 5], winners: 1, timed: true });
        await run(w, { k: 'create', pick: [0, 1, 2, 3], winners: 2, timed: false });
        await run(w, { k: 'open', round: 0 });
        try {
          for (const batch of steps) {
            if (batch[0]!.k === 'restart') {
              await settle(w);
              stopHub(w.ctx);
              await w.store.close();
              Object.assign(w, await boot(backend, clock));
              w.a = w.ctx.assemblies.get(a.row.id)!;
            } else {
              const done: Promise<unknown>[] = [];
              for (const s of batch) {
                if (s.k === 'time') {
                  if (s.busy) clock.set(clock.now() + s.ms);
                  else clock.advance(s.ms);
                } else if (s.k !== 'restart') done.push(run(w, s));
              }
              await Promise.all(done);
            }
            await settle(w);
            await check(w);
          }
          // The report reads the same sealed results.
          const report = await buildReport(w.ctx, w.a);
          for (const rr of report.rounds) if (rr.round.status === 'closed') expect(rr.results).toEqual(w.seals.get(rr.round.id)?.result);
        } finally {
          stopHub(w.ctx);
          await w.store.close();
          await backend.dispose();
        }
      }),
      { numRuns: runs },
    );
  }, timeoutMs);
});
