/**
 * The SQLite data file's lock: one server process per file, and never a
 * long synchronous wait on the event loop (docs/security.md, "Stalls").
 */
/** How long SQLite may block the event loop waiting for a lock (ms). */
export const BUSY_TIMEOUT_MS = 5;

export function isBusy(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
}

/** The data file is in use by another server process (or another program). */
export class DataFileLockedError extends Error {
  constructor(file: string) {
    super(
      `The data file ${file} is in use by another process (is another d21-assembly server running on it?). ` +
        'Two servers on one file would count ballots twice and accept ballots after the other closed the round: stop the other one first, or set DATA_FILE to another file.',
    );
    this.name = 'DataFileLockedError';
  }
}
