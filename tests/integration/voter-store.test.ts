import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppSocket } from '../../client/src/lib/socket.ts';
import { keys, memoryStorage } from '../../client/src/lib/storage.ts';
import { createVoterStore, type VoterStoreApi } from '../../client/src/screens/voter/voterStore.ts';
import type { IssuedCode, RoundView } from '../../shared/protocol/views.ts';
import { createRound, openRound, setupAssembly, waitFor } from '../support/assembly.ts';
import { rest, startServer, type TestServer } from '../support/server.ts';

/**
 * The phone's store without a browser: a framework-free store with an
 * in-memory storage and a real socket.io-client to a real server. A
 * "reload" is a new store on the same storage; a lost ack is a socket
 * whose reply to one command never comes back (the server still got it).
 */
describe('the voter store in node (join, access codes, drafts, resend, lost ack, reload)', () => {
  let server: TestServer;
  const stops: (() => void)[] = [];

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });
  afterAll(() => server.close());

  /** Replies to `drop` commands are lost after the server handled them. */
  function socketFactory(drop: Record<string, number> = {}): () => AppSocket {
    return () => {
      const real = io(server.url, { transports: ['websocket'], forceNew: true }) as AppSocket;
      return new Proxy(real, {
        get(target, prop) {
          if (prop === 'timeout') {
            return (ms: number) => ({
              async emitWithAck(event: string, payload: unknown) {
                const reply: unknown = await target.timeout(ms).emitWithAck(event as 'state:sync', payload as Record<string, never>);
                if ((drop[event] ?? 0) > 0) {
                  drop[event]!--;
                  throw new Error('the ack was lost');
                }
                return reply;
              },
            });
          }
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    };
  }

  function phone(storage = memoryStorage(), drop: Record<string, number> = {}) {
    const store = createVoterStore({
      connect: socketFactory(drop),
      storage,
      publicAssembly: async () => null,
    });
    return { store, storage };
  }

  function start(store: VoterStoreApi, assemblyId: string, code: string | null = null): void {
    stops.push(store.start(assemblyId, code));
  }

  async function openVote(joinMode: 'open' | 'codes' = 'open') {
    const a = await setupAssembly(server.url, ['Trees', 'Benches', 'Bike lanes', 'Library', 'Playground'], { joinMode });
    const ids = a.proposals.map((p) => p.id);
    const round: RoundView = await createRound(server.url, a.assemblyId, a.token, { proposalIds: ids, winners: 2 });
    await openRound(server.url, a.assemblyId, a.token, round.id);
    return { ...a, ids, round };
  }

  /** The live count, as the facilitator reads it (token-less reads see released batches of five). */
  async function ballotsCounted(assemblyId: string, roundId: string, token: string): Promise<number> {
    const r = await rest<{ results: { ballots: number } }>(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${roundId}/results`, { token });
    if (!r.body.ok) throw new Error(r.body.error.message);
    return r.body.data.results.ballots;
  }

  it('joins, keeps its participant token and shows the open round', async () => {
    const v = await openVote();
    const { store, storage } = phone();
    start(store, v.assemblyId);
    await waitFor(() => store.getState().joined, 5000, 'join');
    const s = store.getState();
    expect(s.connection).toBe('online');
    expect(s.current?.round.id).toBe(v.round.id);
    expect(s.current?.proposals.map((p) => p.id)).toEqual(v.ids);
    expect(typeof storage.load<string>(keys.voterToken(v.assemblyId))).toBe('string');
  });

  it('access codes: a card link joins once; the same card on another phone and a wrong typed code are refused with what was tried; a good typed code joins', async () => {
    const v = await openVote('codes');
    const issued = await rest<IssuedCode[]>(server.url, 'POST', `/api/assemblies/${v.assemblyId}/codes`, { token: v.token, body: { count: 2 } });
    if (!issued.body.ok) throw new Error(issued.body.error.message);
    const [card1, card2] = issued.body.data.map((c) => c.code);

    const first = phone();
    start(first.store, v.assemblyId, card1!);
    await waitFor(() => first.store.getState().joined, 5000, 'first phone joins');

    const second = phone();
    start(second.store, v.assemblyId, card1!);
    await waitFor(() => second.store.getState().joinError, 5000, 'second phone refused');
    expect(second.store.getState().joinError).toMatchObject({ code: 'CODE_USED', tried: card1 });
    expect(second.store.getState().joined).toBe(false);

    second.store.getState().joinWithCode('  ZZZZ-ZZZZ ');
    await waitFor(() => second.store.getState().joinError?.code === 'CODE_INVALID', 5000, 'wrong code refused');
    expect(second.store.getState().joinError?.tried).toBe('ZZZZ-ZZZZ');

    second.store.getState().joinWithCode(card2!);
    await waitFor(() => second.store.getState().joined, 5000, 'second phone joins with its own card');
    expect(second.store.getState().joinError).toBeNull();
  });

  it('a lost answer to a card join: the retry sends the same join id and gets the phone in, not CODE_USED', async () => {
    const v = await openVote('codes');
    const issued = await rest<IssuedCode[]>(server.url, 'POST', `/api/assemblies/${v.assemblyId}/codes`, { token: v.token, body: { count: 1 } });
    if (!issued.body.ok) throw new Error(issued.body.error.message);
    const { store } = phone(memoryStorage(), { 'session:join': 1 });
    start(store, v.assemblyId, issued.body.data[0]!.code);
    await waitFor(() => store.getState().joined, 8000, 'join after the lost answer');
    expect(store.getState().joinError).toBeNull();
  });

  it('drafts: taps are kept in storage, a refused tap changes nothing, and a reload restores the unsent draft', async () => {
    const v = await openVote();
    const storage = memoryStorage();
    const before = phone(storage);
    start(before.store, v.assemblyId);
    await waitFor(() => before.store.getState().joined, 5000, 'join');
    const { plus, minus } = before.store.getState().current!.round.rules;
    expect(plus).toBeGreaterThanOrEqual(2);
    before.store.getState().toggle(v.ids[0]!, 'plus');
    before.store.getState().toggle(v.ids[1]!, 'plus');
    if (minus > 0) before.store.getState().toggle(v.ids[2]!, 'minus');
    const draft = before.store.getState().draft;
    expect(draft.plus).toEqual([v.ids[0], v.ids[1]]);
    expect(storage.load<{ roundId: string; draft: unknown }>(keys.draft(v.assemblyId))).toEqual({ roundId: v.round.id, draft, pending: null });
    // More plus votes than the rules allow: the tap is refused and the draft stays.
    for (const id of v.ids.slice(2)) before.store.getState().toggle(id, 'plus');
    expect(before.store.getState().draft.plus.length).toBeLessThanOrEqual(plus);

    const kept = before.store.getState().draft;
    for (const stop of stops.splice(0)) stop();
    const after = phone(storage);
    start(after.store, v.assemblyId);
    await waitFor(() => after.store.getState().joined, 5000, 'rejoin after reload');
    expect(after.store.getState().draft).toEqual(kept);
    expect(after.store.getState().myBallot).toBeNull();
  });

  it('a lost ballot ack: "not confirmed", then the same ballotId is sent again and counted once', async () => {
    const v = await openVote();
    const { store } = phone(memoryStorage(), { 'ballot:submit': 1 });
    start(store, v.assemblyId);
    await waitFor(() => store.getState().joined, 5000, 'join');
    store.getState().toggle(v.ids[0]!, 'plus');
    store.getState().submit();
    const ballotId = store.getState().pending!.ballotId;
    await waitFor(() => store.getState().notice.startsWith('Your ballot is not confirmed'), 5000, 'not confirmed');
    expect(store.getState().pending?.ballotId).toBe(ballotId);
    await waitFor(() => store.getState().myBallot, 10_000, 'counted after the resend');
    expect(store.getState().myBallot?.ballotId).toBe(ballotId);
    expect(store.getState().pending).toBeNull();
    expect(await ballotsCounted(v.assemblyId, v.round.id, v.token)).toBe(1);
  });

  it('a reload after a lost ack: the pending ballot comes back from storage and is confirmed under the same ballotId, counted once', async () => {
    const v = await openVote();
    const storage = memoryStorage();
    const before = phone(storage, { 'ballot:submit': 1 });
    start(before.store, v.assemblyId);
    await waitFor(() => before.store.getState().joined, 5000, 'join');
    before.store.getState().toggle(v.ids[1]!, 'plus');
    before.store.getState().submit();
    const ballotId = before.store.getState().pending!.ballotId;
    await waitFor(() => before.store.getState().notice.startsWith('Your ballot is not confirmed'), 5000, 'not confirmed');
    for (const stop of stops.splice(0)) stop(); // the phone reloads before the resend

    const after = phone(storage);
    start(after.store, v.assemblyId);
    await waitFor(() => after.store.getState().joined, 5000, 'rejoin');
    await waitFor(() => after.store.getState().myBallot, 5000, 'the counted ballot');
    expect(after.store.getState().myBallot?.ballotId).toBe(ballotId);
    expect(after.store.getState().pending).toBeNull();
    expect(after.store.getState().draft.plus).toEqual([v.ids[1]]);
    expect(await ballotsCounted(v.assemblyId, v.round.id, v.token)).toBe(1);
  });
});
