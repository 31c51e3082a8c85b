/** Injected time, so tests can control deadlines. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
