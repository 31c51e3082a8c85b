/** The PostgreSQL store's statements (apart from ballots: see ballots.ts). */

/** The round $1 is stored as closed. */
const CLOSED = `EXISTS (SELECT 1 FROM rounds WHERE id = $1 AND status = 'closed')`;

export const sql = {
  insertAssembly: `INSERT INTO assemblies (id, title, join_mode, display, facilitator_hash, created_at, settings)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  updateAssembly: `UPDATE assemblies SET title = $2, join_mode = $3, display = $4, settings = $5 WHERE id = $1`,
  allAssemblies: `SELECT * FROM assemblies ORDER BY created_at, id`,
  saveProposal: `INSERT INTO proposals (id, assembly_id, title, description, cost, position, created_at, status, author_id, reason, merged_into, client_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
    ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, cost = excluded.cost,
      position = excluded.position, status = excluded.status, reason = excluded.reason, merged_into = excluded.merged_into`,
  deleteProposal: `DELETE FROM proposals WHERE id = $1`,
  allProposals: `SELECT * FROM proposals ORDER BY assembly_id, position, id`,
  saveRound: `INSERT INTO rounds (id, assembly_id, seq, question, status, proposal_ids, winners, plus, minus, ratio,
      budget, visibility, lock_ballots, duration_sec, deadline, opened_at, closed_at, created_at, origin, paper, seal, practice)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
    ON CONFLICT (id) DO UPDATE SET question = excluded.question, status = excluded.status,
      proposal_ids = excluded.proposal_ids, winners = excluded.winners, plus = excluded.plus, minus = excluded.minus,
      ratio = excluded.ratio, budget = excluded.budget, visibility = excluded.visibility, lock_ballots = excluded.lock_ballots,
      duration_sec = excluded.duration_sec, deadline = excluded.deadline, opened_at = excluded.opened_at,
      closed_at = excluded.closed_at, origin = excluded.origin, paper = excluded.paper, seal = excluded.seal, practice = excluded.practice
    -- Two nodes' lifecycle commands on one round: the first to commit wins and
    -- the other finds a state it cannot move from (see lifecycle.ts).
    WHERE NOT (
      (rounds.status = 'closed' AND (excluded.status <> 'closed' OR rounds.closed_at IS DISTINCT FROM excluded.closed_at))
      OR (rounds.status = 'open' AND excluded.status = 'draft')
      OR (rounds.status = 'draft' AND excluded.status = 'open' AND EXISTS (
        SELECT 1 FROM rounds o WHERE o.assembly_id = excluded.assembly_id AND o.status = 'open' AND o.id <> excluded.id))
    )`,
  /** Taken before a round opens: two nodes opening two rounds of one assembly are serialised. */
  lockAssembly: `SELECT 1 FROM assemblies WHERE id = $1 FOR NO KEY UPDATE`,
  allRounds: `SELECT * FROM rounds ORDER BY assembly_id, seq`,
  addParticipant: `INSERT INTO participants (id, assembly_id, token_hash, created_at, revoked) VALUES ($1, $2, $3, $4, $5)`,
  revokeParticipant: `UPDATE participants SET revoked = true WHERE id = $1`,
  setParticipantToken: `UPDATE participants SET token_hash = $2 WHERE id = $1`,
  revokedParticipants: `SELECT id, assembly_id FROM participants WHERE revoked`,
  findParticipant: `SELECT * FROM participants WHERE assembly_id = $1 AND token_hash = $2`,
  countParticipants: `SELECT count(*) AS n FROM participants WHERE assembly_id = $1 AND NOT revoked`,
  saveCode: `INSERT INTO access_codes (id, assembly_id, code_hash, label, status, participant_id, replaces_id, created_at, join_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    ON CONFLICT (id) DO UPDATE SET status = excluded.status, participant_id = excluded.participant_id, join_id = excluded.join_id`,
  allCodes: `SELECT * FROM access_codes ORDER BY assembly_id, label`,
  saveProfile: `INSERT INTO profiles (participant_id, assembly_id, answers) VALUES ($1, $2, $3)
    ON CONFLICT (participant_id) DO UPDATE SET answers = excluded.answers`,
  allProfiles: `SELECT * FROM profiles`,
  // In pages along the primary key (server/store/pages.ts): rows are parsed on the hub's thread.
  loadBallots: `SELECT * FROM ballots WHERE round_id = $1 AND participant_id > $2 ORDER BY participant_id LIMIT $3`,
  getBallot: `SELECT * FROM ballots WHERE round_id = $1 AND participant_id = $2`,
  getReceipt: `SELECT round_id, participant_id, ballot_id, plus, minus, seq, at FROM ballots WHERE round_id = $1 AND participant_id = $2 AND ballot_id = $3
    UNION ALL SELECT round_id, participant_id, ballot_id, plus, minus, seq, at FROM ballot_receipts WHERE round_id = $1 AND participant_id = $2 AND ballot_id = $3`,
  ballotIds: `SELECT ballot_id FROM ballot_receipts WHERE round_id = $1 AND participant_id = $2`,
  countBallots: `SELECT count(*) AS n FROM ballots WHERE round_id = $1`,
  maxSeq: `SELECT coalesce(max(seq), 0) AS n FROM ballots WHERE round_id = $1`,
  partials: `SELECT ballots, abstentions, plus, minus, version FROM round_tallies WHERE round_id = $1`,
  // Severing a closed round (types.ts `severRound`): every statement acts only once the round is stored closed.
  // Ids and rows sort bytewise (COLLATE "C"), as SQLite and JavaScript sort them.
  sealBallots: `INSERT INTO ballots (round_id, participant_id, ballot_id, plus, minus, seq, at)
    SELECT $1, 'sealed:' || lpad((row_number() OVER (ORDER BY p::text COLLATE "C", m::text COLLATE "C"))::text, 9, '0'), '', p, m, 0, 0 FROM (
      SELECT (SELECT coalesce(jsonb_agg(x ORDER BY x COLLATE "C"), '[]'::jsonb) FROM jsonb_array_elements_text(b.plus) x) AS p,
             (SELECT coalesce(jsonb_agg(x ORDER BY x COLLATE "C"), '[]'::jsonb) FROM jsonb_array_elements_text(b.minus) x) AS m
      FROM ballots b
      WHERE b.round_id = $1 AND b.participant_id NOT LIKE 'sealed:%' AND ${CLOSED}) s`,
  dropLinkedBallots: `DELETE FROM ballots WHERE round_id = $1 AND participant_id NOT LIKE 'sealed:%' AND ${CLOSED}`,
  dropReceipts: `DELETE FROM ballot_receipts WHERE round_id = $1 AND ${CLOSED}`,
  saveBreakdown: `INSERT INTO round_breakdowns (round_id, data) SELECT $1, $2 WHERE ${CLOSED}
    ON CONFLICT (round_id) DO UPDATE SET data = excluded.data`,
  loadBreakdown: `SELECT data FROM round_breakdowns WHERE round_id = $1`,
} as const;
