/**
 * Schema migrations, applied in order; PRAGMA user_version records how many
 * ran. Append only: never edit a migration that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE assemblies (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    join_mode TEXT NOT NULL,
    display TEXT NOT NULL,
    facilitator_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE proposals (
    id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL REFERENCES assemblies(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    cost INTEGER,
    position INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX proposals_assembly ON proposals(assembly_id);
  CREATE TABLE rounds (
    id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL REFERENCES assemblies(id),
    seq INTEGER NOT NULL,
    question TEXT NOT NULL,
    status TEXT NOT NULL,
    proposal_ids TEXT NOT NULL,
    winners INTEGER NOT NULL,
    plus INTEGER,
    minus INTEGER,
    ratio REAL,
    budget INTEGER,
    visibility TEXT NOT NULL,
    lock_ballots INTEGER NOT NULL,
    duration_sec INTEGER,
    deadline INTEGER,
    opened_at INTEGER,
    closed_at INTEGER,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX rounds_assembly ON rounds(assembly_id);
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL REFERENCES assemblies(id),
    token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX participants_token ON participants(assembly_id, token_hash);
  CREATE TABLE ballots (
    round_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    ballot_id TEXT NOT NULL,
    plus TEXT NOT NULL,
    minus TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (round_id, participant_id)
  ) WITHOUT ROWID;
  `,
  `
  ALTER TABLE participants ADD COLUMN revoked INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE access_codes (
    id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL REFERENCES assemblies(id),
    code_hash TEXT NOT NULL,
    label INTEGER NOT NULL,
    status TEXT NOT NULL,
    participant_id TEXT,
    replaces_id TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX access_codes_hash ON access_codes(assembly_id, code_hash);
  `,
  `
  ALTER TABLE assemblies ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE proposals ADD COLUMN status TEXT NOT NULL DEFAULT 'approved';
  ALTER TABLE proposals ADD COLUMN author_id TEXT;
  ALTER TABLE proposals ADD COLUMN reason TEXT;
  ALTER TABLE proposals ADD COLUMN merged_into TEXT;
  ALTER TABLE rounds ADD COLUMN origin TEXT;
  CREATE TABLE profiles (
    participant_id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL,
    answers TEXT NOT NULL
  );
  `,
  `
  ALTER TABLE access_codes ADD COLUMN join_id TEXT;
  ALTER TABLE proposals ADD COLUMN client_id TEXT;
  `,
  `
  CREATE INDEX participants_active ON participants(assembly_id, revoked);
  `,
  `
  ALTER TABLE rounds ADD COLUMN paper TEXT;
  ALTER TABLE rounds ADD COLUMN seal TEXT;
  CREATE TABLE ballot_receipts (
    round_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    ballot_id TEXT NOT NULL,
    plus TEXT NOT NULL,
    minus TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (round_id, participant_id, ballot_id)
  ) WITHOUT ROWID;
  `,
  `
  -- Replaced ballots keyed by the number of the ballot that replaced them
  -- (sqliteBallots.ts): appended in commit order, walked per voter by key.
  CREATE TABLE ballot_history (
    round_id TEXT NOT NULL,
    replaced_by INTEGER NOT NULL,
    participant_id TEXT NOT NULL,
    ballot_id TEXT NOT NULL,
    plus TEXT NOT NULL,
    minus TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (round_id, replaced_by)
  ) WITHOUT ROWID;
  -- Each kept ballot was replaced by the voter's next one (the next kept one, else the current ballot).
  -- One with neither (a revoked voter's, whose ballot was deleted) can never be asked for again.
  INSERT OR IGNORE INTO ballot_history (round_id, replaced_by, participant_id, ballot_id, plus, minus, seq, at)
  SELECT round_id, replaced_by, participant_id, ballot_id, plus, minus, seq, at FROM (
    SELECT r.*, coalesce(lead(r.seq) OVER (PARTITION BY r.round_id, r.participant_id ORDER BY r.seq), b.seq) AS replaced_by
    FROM ballot_receipts r LEFT JOIN ballots b ON b.round_id = r.round_id AND b.participant_id = r.participant_id
  ) WHERE replaced_by IS NOT NULL;
  DROP TABLE ballot_receipts;
  `,
  `
  -- d21-method.md §5 settings of a round (docs/practice.md).
  ALTER TABLE rounds ADD COLUMN practice TEXT NOT NULL DEFAULT '{}';
  `,
  `
  -- A closed round's results by profile answers, kept when its ballots are
  -- severed from the participants (docs/security.md, "The data file").
  CREATE TABLE round_breakdowns (
    round_id TEXT PRIMARY KEY,
    data TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  -- Paper ballots beside phones (d21-method.md §5.1, docs/practice.md): staff
  -- links for ballot entry (key stored hashed), every keying and every
  -- facilitator decision on a serial (append only: the audit log).
  CREATE TABLE staff_links (
    id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL REFERENCES assemblies(id),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE UNIQUE INDEX staff_links_key ON staff_links(key_hash);
  CREATE TABLE paper_keyings (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    serial TEXT NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff_links(id),
    plus TEXT NOT NULL,
    minus TEXT NOT NULL,
    code_id TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX paper_keyings_round ON paper_keyings(round_id, serial);
  CREATE TABLE paper_decisions (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    serial TEXT NOT NULL,
    action TEXT NOT NULL,
    plus TEXT NOT NULL,
    minus TEXT NOT NULL,
    code_id TEXT,
    reason TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX paper_decisions_round ON paper_decisions(round_id, serial);
  `,
];
