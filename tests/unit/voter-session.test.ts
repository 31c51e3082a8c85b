import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppSocket } from '../../client/src/lib/socket.ts';
import { keys, memoryStorage } from '../../client/src/lib/storage.ts';
import { createVoterStore, RESEND_MS, type VoterStoreApi } from '../../client/src/screens/voter/voterStore.ts';
import type { VoterStore } from '../../client/src/screens/voter/voterState.ts';
import type { BallotReceipt, RoundView, SubmissionView, VoterAssemblyView, VoterRoundView, VoterState } from '../../shared/protocol/views.ts';

/**
 * The voter store's sessions with a fake socket (no server): once a
 * session has ended — a kiosk's forgetVisitor ("Start over", the idle
 * reset, "Next person") or a phone's stop (unmount) — nothing that comes
 * late from it may change the state, write to any storage, or send
 * anything to the server: no ack, socket event, resend or join timer,
 * reconnect or title lookup. One row per kind of late callback; each row
 * is run after forgetVisitor (with the next visitor already on the code
 * screen, on a fresh memory, as the kiosk does it) and after stop.
 */

const A = 'asm1';
const P1 = 'p1';
const P2 = 'p2';

/** A socket.io client stand-in: records commands, answers them when the test says, delivers server events. */
class FakeSocket {
  connected = false;
  /**
   * False: an answer already received when the session ended still comes
   * back to its caller afterwards (its continuation was queued). socket.io
   * itself fails awaited acks on disconnect (true), which hides the guard.
   */
  cutAcksOnDisconnect = true;
  connects = 0;
  private handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  /** Every handler ever added, even after removeAllListeners: replays an event that was already being delivered when the session ended. */
  private everAdded: [string, (...args: unknown[]) => void][] = [];
  private managerHandlers = new Map<string, Set<() => void>>();
  private managerEverAdded: [string, () => void][] = [];
  private rejects = new Set<(e: Error) => void>();
  readonly emitted: { event: string; payload: Record<string, unknown>; reply(r: unknown): void; lose(): void }[] = [];

  readonly io = {
    on: (event: string, fn: () => void) => {
      if (!this.managerHandlers.has(event)) this.managerHandlers.set(event, new Set());
      this.managerHandlers.get(event)!.add(fn);
      this.managerEverAdded.push([event, fn]);
      return this.io;
    },
    off: (event: string, fn: () => void) => {
      this.managerHandlers.get(event)?.delete(fn);
      return this.io;
    },
  };

  on(event: string, fn: (...args: unknown[]) => void): this {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(fn);
    this.everAdded.push([event, fn]);
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  /** Connects (or reconnects): the 'connect' listeners run. */
  connect(): this {
    this.connects++;
    this.connected = true;
    this.fire('connect');
    return this;
  }
  /** Like socket.io: the client's disconnect fails every ack still awaited. */
  disconnect(): this {
    const was = this.connected;
    this.connected = false;
    if (this.cutAcksOnDisconnect) {
      for (const reject of this.rejects) reject(new Error('socket has been disconnected'));
      this.rejects.clear();
    }
    if (was) this.fire('disconnect', 'io client disconnect');
    return this;
  }
  /** The server closed the connection (it restarts). */
  serverDisconnect(): void {
    this.connected = false;
    this.fire('disconnect', 'io server disconnect');
  }
  timeout(_ms: number) {
    return {
      emitWithAck: (event: string, payload: Record<string, unknown>) =>
        new Promise<unknown>((resolve, reject) => {
          this.rejects.add(reject);
          this.emitted.push({
            event,
            payload,
            reply: (r) => {
              this.rejects.delete(reject);
              resolve(r);
            },
            lose: () => {
              this.rejects.delete(reject);
              reject(new Error('operation has timed out'));
            },
          });
        }),
    };
  }
  /** A server event to the listeners there are now. */
  fire(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }
  /** A server event to every listener this socket ever had (one already queued when the session ended). */
  late(event: string, ...args: unknown[]): void {
    for (const [e, fn] of this.everAdded) if (e === event) fn(...args);
  }
  /** A manager event (reconnect_attempt) to every listener it ever had. */
  lateManager(event: string): void {
    for (const [e, fn] of this.managerEverAdded) if (e === event) fn();
  }
  /** The last command of this name. */
  last(event: string) {
    const found = this.emitted.filter((e) => e.event === event).at(-1);
    if (!found) throw new Error(`no ${event} was sent (sent: ${this.emitted.map((e) => e.event).join(', ')})`);
    return found;
  }
}

const rules = { options: 3, winners: 1, plus: 2, minus: 1, ratio: 2 };
function roundView(status: RoundView['status'] = 'open', id = 'r1'): VoterRoundView {
  // Only what the phone reads; the rest of a RoundView does not matter here.
  const round = { id, assemblyId: A, seq: 1, question: 'Which?', status, proposalIds: [P1, P2, 'p3'], rules, lockBallots: false, shuffled: false, deadline: null } as unknown as RoundView;
  return { round, proposals: [P1, P2, 'p3'].map((p, i) => ({ id: p, title: `Proposal ${p}`, description: '', cost: null, position: i })), results: null };
}
const assembly: VoterAssemblyView = { id: A, title: 'Town hall', joinMode: 'codes', language: 'en', currency: null };
function voterState(extra: Partial<VoterState> = {}): VoterState & { role: 'voter' } {
  return {
    role: 'voter',
    assembly,
    current: roundView(),
    myBallot: null,
    display: 'live',
    submissions: { open: true, maxPerParticipant: 3, mine: [] },
    profile: { questions: [], answers: {}, answered: false },
    ...extra,
  };
}
const joined = (token: string, state = voterState()) => ({ ok: true, data: { role: 'voter', assemblyId: A, token, state } });
const refused = (code: string) => ({ ok: false, error: { code, message: code } });
const receipt = (ballotId: string, plus: string[]): BallotReceipt => ({ roundId: 'r1', ballotId, plus, minus: [], at: 1, seq: 1 });
const submission: SubmissionView = { id: 's1', title: 'A late idea', description: '', status: 'pending', reason: null, mergedIntoTitle: null, createdAt: 1 };
const question = { id: 'q1', label: 'Age', options: [{ id: 'o1', label: 'Under 30' }, { id: 'o2', label: '30 or over' }] };

/** The data fields of the state (actions left out), for before/after comparisons. */
function data(s: VoterStore): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
}

interface Tablet {
  store: VoterStoreApi;
  sockets: FakeSocket[];
  memories: ReturnType<typeof memoryStorage>[];
  titles: { resolve(v: VoterAssemblyView | null): void }[];
  stop: () => void;
}

/** A kiosk tablet: the store with a fresh memory per visitor (store.ts's getter), started, connected, and joined with a card. */
async function tabletWithVisitor(): Promise<Tablet> {
  const sockets: FakeSocket[] = [];
  const memories = [memoryStorage()];
  const titles: Tablet['titles'] = [];
  const store = createVoterStore({
    connect: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s as unknown as AppSocket;
    },
    storage: () => memories.at(-1)!,
    publicAssembly: () => new Promise((resolve) => titles.push({ resolve })),
  });
  const stop = store.start(A, null);
  const sock = sockets[0]!;
  sock.connect();
  sock.last('session:join').reply(refused('CODE_REQUIRED'));
  await flush();
  store.getState().joinWithCode('AAAA-1111');
  sock.last('session:join').reply(joined('token-visitor-1'));
  await flush();
  expect(store.getState().joined).toBe(true);
  return { store, sockets, memories, titles, stop };
}

async function flush(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

type End = 'forgetVisitor' | 'stop';

/**
 * Ends visitor 1's session. forgetVisitor: as forgetKioskVisitor does it
 * (end, then a fresh memory), then the old screen's cleanup, then the next
 * visitor's screen starts and lands on the code screen. stop: a phone's
 * unmount, nothing after it.
 */
async function end(t: Tablet, how: End): Promise<void> {
  if (how === 'stop') {
    t.stop();
    await flush();
    return;
  }
  t.store.forgetVisitor();
  t.memories.push(memoryStorage());
  t.stop(); // the old VoterScreen's cleanup comes after: it must not touch the next session
  t.store.start(A, null);
  const next = t.sockets.at(-1)!;
  expect(next).not.toBe(t.sockets[0]);
  next.connect();
  const join = next.last('session:join');
  expect(join.payload).toEqual({ assemblyId: A, role: 'voter' }); // no token, no code: a new phone
  join.reply(refused('CODE_REQUIRED'));
  await flush();
  expect(t.store.getState().joinError?.code).toBe('CODE_REQUIRED');
  expect(t.store.getState().joined).toBe(false);
}

/** One kind of late callback: `before` runs while visitor 1's session is live, `late` after it ended. */
interface Row {
  name: string;
  /** The answer was already in when the session ended; its continuation runs after (see cutAcksOnDisconnect). */
  lateAnswer?: true;
  before(t: Tablet): Promise<void> | void;
  late(t: Tablet, old: FakeSocket): Promise<void> | void;
}

const vote = (t: Tablet) => {
  t.store.getState().toggle(P1, 'plus');
  t.store.getState().submit();
  expect(t.store.getState().sending).toBe(true);
};

const rows: Row[] = [
  {
    name: 'the ballot:submit ack (counted) arrives after the end',
    lateAnswer: true,
    before: vote,
    late: (_t, old) => old.last('ballot:submit').reply({ ok: true, data: receipt(old.last('ballot:submit').payload.ballotId as string, [P1]) }),
  },
  {
    name: 'the end cuts off the ballot:submit ack (no answer: the resend path)',
    before: vote,
    late: () => {},
  },
  {
    name: 'the ballot:submit is refused (ROUND_NOT_OPEN: the resync path) after the end',
    lateAnswer: true,
    before: vote,
    late: (_t, old) => old.last('ballot:submit').reply(refused('ROUND_NOT_OPEN')),
  },
  {
    name: 'a resend timer set before the end fires after it',
    before: async (t) => {
      vote(t);
      t.sockets[0]!.last('ballot:submit').reply(refused('INTERNAL'));
      await flush();
      expect(t.store.getState().pending).not.toBeNull();
    },
    late: () => {},
  },
  {
    name: 'the answer to a rejoin (with a token) arrives after the end',
    lateAnswer: true,
    before: (t) => {
      const old = t.sockets[0]!;
      old.disconnect();
      old.connect(); // a reconnect: join again with the token
      expect(old.last('session:join').payload.token).toBe('token-visitor-1');
    },
    late: (_t, old) => old.last('session:join').reply(joined('token-late', voterState({ myBallot: receipt('b-old', [P1]) }))),
  },
  {
    name: 'the answer to a typed code (a new token) arrives after the end',
    lateAnswer: true,
    before: (t) => {
      t.store.getState().joinWithCode('BBBB-2222');
    },
    late: (_t, old) => old.last('session:join').reply(joined('token-from-late-code')),
  },
  {
    name: 'an unanswered join (TIMEOUT) set its retry timer before the end',
    before: async (t) => {
      t.store.getState().joinWithCode('BBBB-2222');
      t.sockets[0]!.last('session:join').lose();
      await flush();
    },
    late: () => {},
  },
  {
    name: 'a join refused as RATE_LIMITED set its retry timer before the end',
    before: async (t) => {
      t.store.getState().joinWithCode('BBBB-2222');
      t.sockets[0]!.last('session:join').reply(refused('RATE_LIMITED'));
      await flush();
    },
    late: () => {},
  },
  {
    name: 'the state:sync answer (refreshState) arrives after the end',
    lateAnswer: true,
    before: (t) => void t.store.refreshState(),
    late: (_t, old) => old.last('state:sync').reply({ ok: true, data: voterState({ myBallot: receipt('b-old', [P1, P2]) }) }),
  },
  {
    name: 'the profile:answer ack arrives after the end',
    lateAnswer: true,
    before: async (t) => {
      const old = t.sockets[0]!;
      old.fire('settings:updated', { title: 'Town hall', submissions: { open: true, maxPerParticipant: 3 }, profile: [question] });
      await flush();
      t.store.getState().answerProfile({ q1: 'o1' });
    },
    late: (_t, old) => old.last('profile:answer').reply({ ok: true, data: { answers: { q1: 'o1' } } }),
  },
  {
    name: 'a command (proposal:submit) is answered after the end',
    lateAnswer: true,
    before: (t) => {
      const reply = t.store.command('proposal:submit', { title: 'A late idea', submissionId: 'sub-1' });
      void reply.then((r) => {
        // What ProposeSection does with the answer.
        expect(r.ok).toBe(false);
        if (r.ok) t.store.addSubmission(r.data);
      });
    },
    late: (_t, old) => old.last('proposal:submit').reply({ ok: true, data: submission }),
  },
  {
    name: 'round:updated (a new round) was on its way at the end',
    before: () => {},
    late: (_t, old) => old.late('round:updated', roundView('open', 'r2')),
  },
  {
    name: 'display:updated was on its way at the end',
    before: () => {},
    late: (_t, old) => old.late('display:updated', 'final'),
  },
  {
    name: 'settings:updated (profile questions, a rename) was on its way at the end',
    before: () => {},
    late: (_t, old) => old.late('settings:updated', { title: 'Renamed', submissions: { open: true, maxPerParticipant: 3 }, profile: [question] }),
  },
  {
    name: 'submission:updated was on its way at the end',
    before: () => {},
    late: (_t, old) => old.late('submission:updated', { ...submission, status: 'approved' }),
  },
  {
    name: 'the old socket connects again (a reconnect already under way)',
    before: () => {},
    late: (_t, old) => {
      old.connect();
      old.late('connect');
    },
  },
  {
    name: 'reconnect_attempt on the old socket\'s manager',
    before: () => {},
    late: (_t, old) => old.lateManager('reconnect_attempt'),
  },
  {
    name: 'the server closed the connection just before the end (its reconnect timer)',
    before: (t) => t.sockets[0]!.serverDisconnect(),
    late: () => {},
  },
  {
    name: 'the title lookup of a refused code answers after the end',
    before: async (t) => {
      const old = t.sockets[0]!;
      // A revoked participant: the session drops to the code screen and looks up the title.
      t.store.setState({ assembly: null });
      old.disconnect();
      old.connect();
      old.last('session:join').reply(refused('CODE_REVOKED'));
      await flush();
      expect(t.titles.length).toBeGreaterThan(0);
    },
    late: (t) => t.titles[0]!.resolve({ ...assembly, title: 'Late title' }),
  },
];

describe('voter store sessions: nothing late from an ended session reaches the state, storage or server', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const how of ['forgetVisitor', 'stop'] as const) {
    describe(`after ${how}`, () => {
      for (const row of rows) {
        it(row.name, async () => {
          const t = await tabletWithVisitor();
          const old = t.sockets[0]!;
          if (row.lateAnswer) old.cutAcksOnDisconnect = false;
          await row.before(t);
          await end(t, how);
          expect(old.connected).toBe(false);

          const state = data(t.store.getState());
          const stores = t.memories.map((m) => JSON.stringify(m.dump()));
          const sentOld = old.emitted.length;
          const sentNew = t.sockets.slice(1).map((s) => s.emitted.length);

          await row.late(t, old);
          const connectsOld = old.connects; // a row may reconnect the old socket itself; the store must not
          // Long enough for every resend, join retry and reconnect timer there is.
          await vi.advanceTimersByTimeAsync(RESEND_MS * 10 + 60_000);

          expect(data(t.store.getState())).toEqual(state);
          expect(t.memories.map((m) => JSON.stringify(m.dump()))).toEqual(stores);
          expect(old.emitted.length).toBe(sentOld);
          expect(old.connects).toBe(connectsOld);
          // The next visitor's socket sent nothing of visitor 1's (no ballot, no token, no profile).
          expect(t.sockets.slice(1).map((s) => s.emitted.length)).toEqual(sentNew);
          if (how === 'forgetVisitor') {
            expect(t.memories.at(-1)!.dump()).toEqual({});
            expect(t.store.getState()).toMatchObject({ joined: false, myBallot: null, pending: null, sending: false, draft: { plus: [], minus: [] } });
          }
        });
      }
    });
  }
});

describe('voter store sessions: the kiosk race of "Send ballot" and "Start over"', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('send, then forget in the same instant: the ballot may count on the server, but the next visitor starts from the code screen with nothing of it', async () => {
    const t = await tabletWithVisitor();
    const old = t.sockets[0]!;
    vote(t);
    const ballotId = old.last('ballot:submit').payload.ballotId as string;
    await end(t, 'forgetVisitor');
    const next = t.sockets[1]!;
    // The server counted it and answered: too late, the answer was cut off with the socket.
    old.last('ballot:submit').reply({ ok: true, data: receipt(ballotId, [P1]) });
    await vi.advanceTimersByTimeAsync(60_000);
    // Visitor 2 types their own card: their own fresh ballot, nothing restored.
    t.store.getState().joinWithCode('CCCC-3333');
    expect(next.last('session:join').payload).toMatchObject({ code: 'CCCC-3333' });
    expect(next.last('session:join').payload).not.toHaveProperty('token');
    next.last('session:join').reply(joined('token-visitor-2'));
    await flush();
    expect(t.store.getState()).toMatchObject({ joined: true, myBallot: null, pending: null, draft: { plus: [], minus: [] } });
    expect(next.emitted.map((e) => e.event)).toEqual(['session:join', 'session:join']);
    expect(JSON.stringify(t.memories.at(-1)!.dump())).not.toContain(ballotId);
    expect(t.memories.at(-1)!.load(keys.voterToken(A))).toBe('token-visitor-2');
  });

  it('forget, then a tap on the old "Send ballot" in the same instant: nothing is sent, nothing saved', async () => {
    const t = await tabletWithVisitor();
    const old = t.sockets[0]!;
    t.store.getState().toggle(P1, 'plus');
    t.store.forgetVisitor();
    t.memories.push(memoryStorage());
    t.store.getState().submit(); // the old screen's button, before React has removed it
    t.store.getState().toggle(P2, 'plus');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(old.emitted.filter((e) => e.event === 'ballot:submit')).toEqual([]);
    expect(t.memories.at(-1)!.dump()).toEqual({});
    expect(t.store.getState()).toMatchObject({ joined: false, pending: null, sending: false, draft: { plus: [], minus: [] } });
  });

  it('the old screen\'s cleanup after the next visitor started leaves the next session alone', async () => {
    const t = await tabletWithVisitor();
    t.store.forgetVisitor();
    t.memories.push(memoryStorage());
    t.store.start(A, null);
    const next = t.sockets[1]!;
    next.connect();
    t.stop(); // late
    expect(next.connected).toBe(true);
    expect(t.store.session()).toBeGreaterThan(0);
    expect(t.store.storage()).toBe(t.memories.at(-1));
  });

  it('each session keeps the storage it started with (a kiosk getter is asked once per start)', async () => {
    const t = await tabletWithVisitor();
    const first = t.memories[0]!;
    expect(t.store.storage()).toBe(first);
    expect(first.load(keys.voterToken(A))).toBe('token-visitor-1');
    t.memories.push(memoryStorage()); // swapped without a forget: the running session still writes to its own
    t.store.getState().toggle(P1, 'plus');
    expect(first.load(keys.draft(A))).toMatchObject({ draft: { plus: [P1] } });
    expect(t.memories.at(-1)!.dump()).toEqual({});
  });
});
