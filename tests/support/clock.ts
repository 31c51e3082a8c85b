import type { Clock, Timer } from '../../server/clock.ts';

/**
 * Fake time for deadline tests: time moves only when the test calls
 * `advance` (or `set`), which fires every due timer in deadline order, one
 * at a time, each seeing `now()` equal to its own deadline... unless the
 * test asks for a "busy" server (`set` without firing), where time moves
 * and timers are late, as on a loaded event loop.
 */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms` and fires what fell due. */
  advance(ms: number): void;
  /** Moves time to `t` without firing timers (a server too busy to run them). */
  set(t: number): void;
  /** Fires every timer that is due now (the busy loop catches up). */
  runDue(): void;
  /** Timers armed and not yet fired or cancelled. */
  pending(): number;
}

export function manualClock(start = Date.UTC(2026, 0, 1, 9, 0, 0)): ManualClock {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; fire: () => void }>();

  function due(): { id: number; at: number; fire: () => void } | null {
    let best: { id: number; at: number; fire: () => void } | null = null;
    for (const [id, t] of timers) if (t.at <= now && (!best || t.at < best.at || (t.at === best.at && id < best.id))) best = { id, ...t };
    return best;
  }
  function runDue(): void {
    for (let t = due(); t; t = due()) {
      timers.delete(t.id);
      t.fire();
    }
  }

  return {
    now: () => now,
    at(at, fire): Timer {
      const id = nextId++;
      timers.set(id, { at, fire });
      return { cancel: () => void timers.delete(id) };
    },
    advance(ms) {
      const target = now + ms;
      // Step through each deadline so a timer sees the time it was set for.
      for (;;) {
        let next = Infinity;
        for (const t of timers.values()) if (t.at > now && t.at <= target) next = Math.min(next, t.at);
        runDue();
        if (next === Infinity) break;
        now = next;
      }
      now = target;
      runDue();
    },
    set(t) {
      now = t;
    },
    runDue,
    pending: () => timers.size,
  };
}
