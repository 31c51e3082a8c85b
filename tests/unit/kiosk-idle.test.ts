import { describe, expect, it } from 'vitest';
import { KIOSK_IDLE_BOUNDS, KIOSK_IDLE_SECONDS, KIOSK_IDLE_WARNING_SECONDS, KIOSK_WARNING_BOUNDS, idlePhase, kioskTimings } from '../../client/src/screens/voter/kioskIdle.ts';

/** The kiosk's idle reset timing (KioskScreen.tsx): the link's overrides, kept in bounds, and the clock's phases. */
describe('kiosk idle reset timing', () => {
  it('defaults to 120 s and a 20 s warning; ?idle= and ?warn= override them within bounds', () => {
    expect(kioskTimings('')).toEqual({ idleSeconds: KIOSK_IDLE_SECONDS, warningSeconds: KIOSK_IDLE_WARNING_SECONDS });
    expect([KIOSK_IDLE_SECONDS, KIOSK_IDLE_WARNING_SECONDS]).toEqual([120, 20]);
    expect(kioskTimings('?idle=30&warn=10')).toEqual({ idleSeconds: 30, warningSeconds: 10 });
    expect(kioskTimings('?idle=7.6')).toEqual({ idleSeconds: 8, warningSeconds: 20 });
    // Out of range: clamped, so a link cannot make a tablet that never forgets (or forgets mid-sentence).
    expect(kioskTimings('?idle=0&warn=0')).toEqual({ idleSeconds: KIOSK_IDLE_BOUNDS.min, warningSeconds: KIOSK_WARNING_BOUNDS.min });
    expect(kioskTimings('?idle=999999&warn=999')).toEqual({ idleSeconds: KIOSK_IDLE_BOUNDS.max, warningSeconds: KIOSK_WARNING_BOUNDS.max });
    expect(kioskTimings('?idle=-5')).toEqual({ idleSeconds: KIOSK_IDLE_BOUNDS.min, warningSeconds: 20 });
    // Not a number: the defaults.
    expect(kioskTimings('?idle=never&warn=')).toEqual({ idleSeconds: 120, warningSeconds: 20 });
    expect(kioskTimings('?idle=Infinity')).toEqual({ idleSeconds: 120, warningSeconds: 20 });
  });

  it('is quiet until the idle time, then warns with whole seconds left, then resets', () => {
    const timings = { idleSeconds: 10, warningSeconds: 5 };
    expect(idlePhase(0, 0, timings)).toEqual({ phase: 'quiet' });
    expect(idlePhase(0, 9_999, timings)).toEqual({ phase: 'quiet' });
    expect(idlePhase(0, 10_000, timings)).toEqual({ phase: 'warning', secondsLeft: 5 });
    expect(idlePhase(0, 10_001, timings)).toEqual({ phase: 'warning', secondsLeft: 5 });
    expect(idlePhase(0, 14_001, timings)).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(idlePhase(0, 15_000, timings)).toEqual({ phase: 'reset' });
    // Input moves the clock: measured from the last input.
    expect(idlePhase(12_000, 15_000, timings)).toEqual({ phase: 'quiet' });
  });
});
