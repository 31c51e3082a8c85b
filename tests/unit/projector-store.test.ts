import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { joinBackoffMs } from '../../client/src/lib/session.ts';
import type { AppSocket } from '../../client/src/lib/socket.ts';
import { createProjectorStore } from '../../client/src/screens/projector/projectorStore.ts';

/**
 * The projector's store without a browser or server: a fake socket answers
 * session:join from a script, fake timers drive the back-off. A join the
 * server refuses as RATE_LIMITED (one address behind the venue's NAT) is
 * tried again by itself after 1 s doubling to 30 s, jittered; the screen
 * shows a calm "reconnecting", never an error, and a stopped screen stops
 * retrying.
 */
type Reply = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
const refused: Reply = { ok: false, error: { code: 'RATE_LIMITED', message: 'Too many requests.' } };
const joined: Reply = {
  ok: true,
  data: { state: { role: 'screen', assembly: { id: 'a1', title: 'Hall', rounds: [], display: 'join' }, snapshot: null, turnout: { joined: 0, online: 0, voted: 0 } } },
};

/** A socket that is connected, records when each join was sent and answers from `script` (then joins). */
function fakeSocket(script: Reply[]) {
  const handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  const joins: number[] = [];
  const socket = {
    connected: true,
    on(event: string, fn: (...a: unknown[]) => void) {
      handlers.set(event, [...(handlers.get(event) ?? []), fn]);
      return socket;
    },
    removeAllListeners() {
      handlers.clear();
      return socket;
    },
    disconnect() {
      socket.connected = false;
      return socket;
    },
    timeout() {
      return {
        emitWithAck: async (event: string) => {
          if (event === 'session:join') joins.push(Date.now());
          return script.shift() ?? joined;
        },
      };
    },
  };
  const fire = (event: string) => {
    for (const fn of handlers.get(event) ?? []) fn();
  };
  return { socket: socket as unknown as AppSocket, joins, fire };
}

function projector(script: Reply[], random = () => 0) {
  const fake = fakeSocket(script);
  const store = createProjectorStore({ connect: () => fake.socket, publicUrl: async () => null, origin: 'http://hall.local', random });
  const stop = store.start('a1');
  fake.fire('connect');
  return { store, stop, ...fake };
}

describe('the projector retries a rate-limited join', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('back-off: 1 s doubling to 30 s, the second half random', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => joinBackoffMs(n, () => 1))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect([0, 1, 5].map((n) => joinBackoffMs(n, () => 0))).toEqual([500, 1000, 15_000]);
    for (let n = 0; n < 12; n++) {
      const d = joinBackoffMs(n);
      expect(d).toBeGreaterThanOrEqual(Math.min(30_000, 1000 * 2 ** n) / 2);
      expect(d).toBeLessThanOrEqual(30_000);
    }
  });

  it('a refused join shows "reconnecting", not an error, and is tried again after 0.5, 1, 2 s (jitter 0) until it succeeds', async () => {
    const p = projector([refused, refused, refused]);
    await vi.advanceTimersByTimeAsync(0);
    expect(p.store.getState()).toMatchObject({ retrying: true, error: null, joined: false });
    expect(p.joins).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(p.joins).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(p.joins).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(p.joins).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1999);
    expect(p.joins).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(p.joins).toHaveLength(4);
    expect(p.store.getState()).toMatchObject({ retrying: false, error: null, joined: true, connection: 'online' });
    p.stop();
  });

  it('after a success the back-off starts again from 1 s; a reconnect joins at once, not twice', async () => {
    const p = projector([refused, refused, joined, refused]);
    await vi.advanceTimersByTimeAsync(500 + 1000);
    expect(p.store.getState().joined).toBe(true);
    p.fire('disconnect');
    p.fire('connect');
    await vi.advanceTimersByTimeAsync(0);
    expect(p.store.getState()).toMatchObject({ retrying: true, joined: true, connection: 'reconnecting' });
    await vi.advanceTimersByTimeAsync(500);
    expect(p.joins).toHaveLength(5);
    expect(p.store.getState()).toMatchObject({ retrying: false, connection: 'online' });
    // A connect while a retry is pending joins once, and the pending retry is dropped.
    const q = projector([refused]);
    await vi.advanceTimersByTimeAsync(0);
    q.fire('connect');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(q.joins).toHaveLength(2);
    p.stop();
    q.stop();
  });

  it('other refusals stay errors; a stopped screen stops retrying', async () => {
    const p = projector([{ ok: false, error: { code: 'NOT_FOUND', message: 'No such assembly.' } }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(p.store.getState()).toMatchObject({ error: 'NOT_FOUND', retrying: false });
    expect(p.joins).toHaveLength(1);
    p.stop();
    const q = projector([refused, refused]);
    await vi.advanceTimersByTimeAsync(0);
    q.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(q.joins).toHaveLength(1);
  });
});
