/**
 * The server's clock as seen from here. Deadlines are server epoch ms; a
 * phone whose clock is a minute off would show a wrong countdown, so the
 * offset is learnt from snapshots (staff) and HTTP Date headers (anyone).
 */
let offset = 0;
let fromSnapshot = false;

export function serverNow(): number {
  return Date.now() + offset;
}

/** A precise server time (tally snapshots carry one). */
export function noteServerTime(serverMs: number): void {
  offset = serverMs - Date.now();
  fromSnapshot = true;
}

/** An HTTP Date header: one-second resolution, so small offsets are ignored. */
export function noteServerDate(header: string | null): void {
  if (!header || fromSnapshot) return;
  const ms = Date.parse(header);
  if (Number.isNaN(ms)) return;
  const d = ms + 500 - Date.now();
  offset = Math.abs(d) > 2000 ? d : 0;
}
