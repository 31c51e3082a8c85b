/**
 * The kiosk's idle reset (KioskScreen.tsx): a person who walks away from a
 * half-filled ballot must not leave it open for the next person. Pure
 * timing, unit-tested in tests/unit/kiosk-idle.test.ts; the screen feeds it
 * the time of the last touch, key or click.
 */

/** Seconds without a touch, key or click before "Are you still there?" shows. */
export const KIOSK_IDLE_SECONDS = 120;
/** Seconds the warning counts down before the tablet forgets the person. */
export const KIOSK_IDLE_WARNING_SECONDS = 20;
/**
 * The range `?idle=` may set (seconds). The floor leaves time to read a
 * ballot; the ceiling keeps a tablet from being set up never to forget.
 */
export const KIOSK_IDLE_BOUNDS = { min: 5, max: 600 } as const;
/** The range `?warn=` may set (seconds): long enough to read and tap, short enough to matter. */
export const KIOSK_WARNING_BOUNDS = { min: 3, max: 60 } as const;

export interface KioskTimings {
  idleSeconds: number;
  warningSeconds: number;
}

/**
 * The idle timings from the kiosk link's query (`?idle=90&warn=10`), each
 * kept within its bounds; the defaults when absent or not a number. Staff
 * (and tests) set them in the link they open on the tablet.
 */
export function kioskTimings(search: string): KioskTimings {
  const params = new URLSearchParams(search);
  const pick = (name: string, fallback: number, bounds: { min: number; max: number }): number => {
    const raw = params.get(name);
    const value = raw === null || raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(value)) return fallback;
    return Math.min(bounds.max, Math.max(bounds.min, Math.round(value)));
  };
  return {
    idleSeconds: pick('idle', KIOSK_IDLE_SECONDS, KIOSK_IDLE_BOUNDS),
    warningSeconds: pick('warn', KIOSK_IDLE_WARNING_SECONDS, KIOSK_WARNING_BOUNDS),
  };
}

export type IdlePhase = { phase: 'quiet' } | { phase: 'warning'; secondsLeft: number } | { phase: 'reset' };

/**
 * Where the idle clock stands at `now` (ms) when the last input was at
 * `lastInput` (ms): quiet, warning with whole seconds left (never 0 while
 * it shows), or time to forget the person.
 */
export function idlePhase(lastInput: number, now: number, timings: KioskTimings): IdlePhase {
  const idleMs = timings.idleSeconds * 1000;
  const resetAt = lastInput + idleMs + timings.warningSeconds * 1000;
  if (now >= resetAt) return { phase: 'reset' };
  if (now - lastInput < idleMs) return { phase: 'quiet' };
  return { phase: 'warning', secondsLeft: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
}
