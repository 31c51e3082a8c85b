import type Database from 'better-sqlite3';
import { PAPER_SQL, decisionParams, keyingParams, paperDecisionRow, paperKeyingRow, staffLinkParams, staffLinkRow } from './paperRows.ts';
import type { Store } from './types.ts';

/**
 * The SQLite store's paper-ballot part (types.ts): staff links, keyings and
 * decisions. `write` and `read` are the store's group-commit queue and its read.
 */
export function sqlitePaper(
  db: Database.Database,
  write: (run: () => void) => Promise<void>,
  read: <T>(run: () => T) => Promise<T>,
  file: string,
): Pick<Store, 'saveStaffLink' | 'loadStaffLinks' | 'addPaperKeying' | 'addPaperDecision' | 'loadPaper' | 'severPaperCodes'> {
  let st: ReturnType<typeof prepare> | null = null;
  const prepare = () => Object.fromEntries(Object.entries(PAPER_SQL).map(([k, text]) => [k, db.prepare(text)])) as Record<keyof typeof PAPER_SQL, Database.Statement>;
  const s = () => (st ??= prepare());
  const rows = (name: keyof typeof PAPER_SQL, ...args: unknown[]) => s()[name].all(...args) as Record<string, unknown>[];
  return {
    saveStaffLink: (row) => write(() => void s().saveStaffLink.run(...staffLinkParams(row))),
    loadStaffLinks: () => read(() => rows('allStaffLinks').map(staffLinkRow)),
    addPaperKeying: (row) => write(() => void s().addKeying.run(...keyingParams(row))),
    addPaperDecision: (row) => write(() => void s().addDecision.run(...decisionParams(row))),
    async severPaperCodes(roundId, pseudonyms) {
      await write(() => {
        // Overwritten in the file, not just unlinked (as severRound).
        db.pragma('secure_delete = ON');
        for (const [codeId, pseudonym] of Object.entries(pseudonyms)) {
          s().severKeyingCode.run(pseudonym, roundId, codeId, roundId);
          s().severDecisionCode.run(pseudonym, roundId, codeId, roundId);
        }
        db.pragma('secure_delete = OFF');
      });
      if (file !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)');
    },
    loadPaper: (roundId) =>
      read(() => ({
        keyings: (roundId === null ? rows('allKeyings') : rows('keyingsOf', roundId)).map(paperKeyingRow),
        decisions: (roundId === null ? rows('allDecisions') : rows('decisionsOf', roundId)).map(paperDecisionRow),
      })),
  };
}
