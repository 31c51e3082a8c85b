/**
 * PostgreSQL schema migrations, applied in order under an advisory lock (so
 * three nodes starting together migrate once); `schema_migrations` records
 * how many ran. Append only: never edit a migration that has shipped.
 *
 * Times are epoch milliseconds (BIGINT); lists are JSONB. Ballots are one
 * row per voter and round (the last ballot counts); `round_tallies` holds
 * one partial tally per round and node process, so no row is updated by
 * every node for every ballot: a round's tally is the sum of its partials.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE assemblies (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    join_mode TEXT NOT NULL,
    display TEXT NOT NULL,
    facilitator_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    settings JSONB NOT NULL DEFAULT '{}'
  );
  CREATE TABLE proposals (
    id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL REFERENCES assemblies(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    cost BIGINT,
    position INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'approved',
    author_id TEXT,
    reason TEXT,
    merged_into TEXT,
    client_id TEXT
  );
  CREATE INDEX proposals_assembly ON proposals(assembly_id);
  CREATE TABLE rounds (
    id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL REFERENCES assemblies(id),
    seq INTEGER NOT NULL,
    question TEXT NOT NULL,
    status TEXT NOT NULL,
    proposal_ids JSONB NOT NULL,
    winners INTEGER NOT NULL,
    plus INTEGER,
    minus INTEGER,
    ratio DOUBLE PRECISION,
    budget BIGINT,
    visibility TEXT NOT NULL,
    lock_ballots BOOLEAN NOT NULL,
    duration_sec INTEGER,
    deadline BIGINT,
    opened_at BIGINT,
    closed_at BIGINT,
    created_at BIGINT NOT NULL,
    origin JSONB
  );
  CREATE INDEX rounds_assembly ON rounds(assembly_id);
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL REFERENCES assemblies(id),
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT false
  );
  CREATE UNIQUE INDEX participants_token ON participants(assembly_id, token_hash);
  CREATE INDEX participants_active ON participants(assembly_id, revoked);
  CREATE TABLE access_codes (
    id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL REFERENCES assemblies(id),
    code_hash TEXT NOT NULL,
    label INTEGER NOT NULL,
    status TEXT NOT NULL,
    participant_id TEXT,
    replaces_id TEXT,
    join_id TEXT,
    created_at BIGINT NOT NULL
  );
  CREATE UNIQUE INDEX access_codes_hash ON access_codes(assembly_id, code_hash);
  CREATE TABLE profiles (
    participant_id TEXT PRIMARY KEY,
    assembly_id TEXT NOT NULL,
    answers JSONB NOT NULL
  );
  CREATE TABLE ballots (
    round_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    ballot_id TEXT NOT NULL,
    plus JSONB NOT NULL,
    minus JSONB NOT NULL,
    seq INTEGER NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (round_id, participant_id)
  );
  CREATE TABLE round_tallies (
    round_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    ballots INTEGER NOT NULL,
    abstentions INTEGER NOT NULL,
    plus JSONB NOT NULL,
    minus JSONB NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (round_id, node_id)
  );
  `,
  `
  -- Socket.IO's PostgreSQL adapter keeps broadcasts over NOTIFY's 8000-byte limit here.
  CREATE TABLE socket_io_attachments (
    id BIGSERIAL UNIQUE,
    created_at TIMESTAMPTZ DEFAULT now(),
    payload BYTEA
  );
  `,
  `
  -- Sealed rounds (docs/protocol.md): the paper frozen at open, the sealed result
  -- stored as text (its digest is over exact bytes), and ballots a newer one replaced.
  ALTER TABLE rounds ADD COLUMN paper TEXT;
  ALTER TABLE rounds ADD COLUMN seal TEXT;
  CREATE TABLE ballot_receipts (
    round_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    ballot_id TEXT NOT NULL,
    plus JSONB NOT NULL,
    minus JSONB NOT NULL,
    seq INTEGER NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (round_id, participant_id, ballot_id)
  );
  `,
  `
  -- d21-method.md §5 settings of a round (docs/practice.md).
  ALTER TABLE rounds ADD COLUMN practice JSONB NOT NULL DEFAULT '{}';
  `,
  `
  -- A closed round's results by profile answers, kept when its ballots are
  -- severed from the participants (docs/security.md, "The data file").
  CREATE TABLE round_breakdowns (
    round_id TEXT PRIMARY KEY,
    data TEXT NOT NULL
  );
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
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
  );
  CREATE UNIQUE INDEX staff_links_key ON staff_links(key_hash);
  CREATE TABLE paper_keyings (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    serial TEXT NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff_links(id),
    plus JSONB NOT NULL,
    minus JSONB NOT NULL,
    code_id TEXT,
    at BIGINT NOT NULL
  );
  CREATE INDEX paper_keyings_round ON paper_keyings(round_id, serial);
  CREATE TABLE paper_decisions (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES rounds(id),
    serial TEXT NOT NULL,
    action TEXT NOT NULL,
    plus JSONB NOT NULL,
    minus JSONB NOT NULL,
    code_id TEXT,
    reason TEXT,
    at BIGINT NOT NULL
  );
  CREATE INDEX paper_decisions_round ON paper_decisions(round_id, serial);
  `,
];
