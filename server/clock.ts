/**
 * Injected time: the hub reads the time and arms its timers (round
 * deadlines) only through a Clock, so tests run deadlines on fake time
 * (tests/support/clock.ts) and a busy server still decides "open or
 * closed" from one clock reading.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /**
   * Calls `fire` once, no earlier than `at` (epoch ms) as this clock tells
   * time. The handle cancels it; cancelling a fired timer does nothing.
   */
  at(at: number, fire: () => void): Timer;
}

export interface Timer {
  cancel(): void;
}

/** setTimeout caps delays at ~24.8 days; longer waits are re-armed. */
const MAX_DELAY = 2 ** 31 - 1;

/** Wall-clock time and Node timers (unref'd: a pending deadline never keeps the process alive). */
export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fire) {
    let handle: NodeJS.Timeout | null = null;
    let cancelled = false;
    const arm = () => {
      const delay = at - Date.now();
      if (delay > 0) {
        // Timers may fire a little early: check again and re-arm.
        handle = setTimeout(arm, Math.min(delay, MAX_DELAY));
        handle.unref?.();
        return;
      }
      handle = null;
      if (!cancelled) fire();
    };
    arm();
    return {
      cancel() {
        cancelled = true;
        if (handle) clearTimeout(handle);
        handle = null;
      },
    };
  },
};
