import type { PaperDecisionRow, PaperKeyingRow, StaffLinkRow } from './types.ts';

/**
 * Stored rows of the paper-ballot tables (staff_links, paper_keyings,
 * paper_decisions) to the store's row types, for both stores: SQLite gives
 * JSON as text, PostgreSQL JSONB already parsed.
 */
type Raw = Record<string, unknown>;
const ids = (v: unknown): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : (v as string[]));

export const staffLinkRow = (r: Raw): StaffLinkRow => ({
  id: r.id as string,
  assemblyId: r.assembly_id as string,
  name: r.name as string,
  keyHash: r.key_hash as string,
  createdAt: r.created_at as number,
  revokedAt: (r.revoked_at as number | null) ?? null,
});

export const paperKeyingRow = (r: Raw): PaperKeyingRow => ({
  id: r.id as string,
  roundId: r.round_id as string,
  serial: r.serial as string,
  staffId: r.staff_id as string,
  plus: ids(r.plus),
  minus: ids(r.minus),
  codeId: (r.code_id as string | null) ?? null,
  at: r.at as number,
});

export const paperDecisionRow = (r: Raw): PaperDecisionRow => ({
  id: r.id as string,
  roundId: r.round_id as string,
  serial: r.serial as string,
  action: r.action as PaperDecisionRow['action'],
  plus: ids(r.plus),
  minus: ids(r.minus),
  codeId: (r.code_id as string | null) ?? null,
  reason: (r.reason as string | null) ?? null,
  at: r.at as number,
});

/** Column values in table order, for both dialects (lists as JSON text; PostgreSQL casts it to JSONB). */
export const staffLinkParams = (r: StaffLinkRow) => [r.id, r.assemblyId, r.name, r.keyHash, r.createdAt, r.revokedAt];
export const keyingParams = (r: PaperKeyingRow) => [r.id, r.roundId, r.serial, r.staffId, JSON.stringify(r.plus), JSON.stringify(r.minus), r.codeId, r.at];
export const decisionParams = (r: PaperDecisionRow) => [r.id, r.roundId, r.serial, r.action, JSON.stringify(r.plus), JSON.stringify(r.minus), r.codeId, r.reason, r.at];

/** The statements, in the syntax both dialects share (`?` placeholders are rewritten to `$n` for PostgreSQL). */
export const PAPER_SQL = {
  saveStaffLink: `INSERT INTO staff_links (id, assembly_id, name, key_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, revoked_at = excluded.revoked_at`,
  allStaffLinks: `SELECT * FROM staff_links ORDER BY assembly_id, created_at, id`,
  addKeying: `INSERT INTO paper_keyings (id, round_id, serial, staff_id, plus, minus, code_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  addDecision: `INSERT INTO paper_decisions (id, round_id, serial, action, plus, minus, code_id, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  keyingsOf: `SELECT * FROM paper_keyings WHERE round_id = ? ORDER BY at, id`,
  decisionsOf: `SELECT * FROM paper_decisions WHERE round_id = ? ORDER BY at, id`,
  allKeyings: `SELECT * FROM paper_keyings ORDER BY at, id`,
  allDecisions: `SELECT * FROM paper_decisions ORDER BY at, id`,
  // Severing a closed round's paper codes (types.ts `severPaperCodes`): only once the round is stored closed.
  severKeyingCode: `UPDATE paper_keyings SET code_id = ? WHERE round_id = ? AND code_id = ? AND EXISTS (SELECT 1 FROM rounds WHERE id = ? AND status = 'closed')`,
  severDecisionCode: `UPDATE paper_decisions SET code_id = ? WHERE round_id = ? AND code_id = ? AND EXISTS (SELECT 1 FROM rounds WHERE id = ? AND status = 'closed')`,
} as const;

/** A statement with `?` placeholders as PostgreSQL writes them (`$1`, `$2`, …). */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}
