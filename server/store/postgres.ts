import { readInPages } from './pages.ts';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { emptyPartial, sumPartials, writeBallots, type BallotWrite, type Partial } from './postgres/ballots.ts';
import { createGroupCommit } from './postgres/groupCommit.ts';
import { RoundConflictError } from './postgres/lifecycle.ts';
import { PG_MIGRATIONS } from './postgres/migrations.ts';
import { accessCodeRow, assemblyRow, ballotRow, codeParams, proposalParams, proposalRow, roundParams, roundRow } from './rows.ts';
import { sql } from './postgres/sql.ts';
import { PAPER_SQL as P, decisionParams, keyingParams, numbered, paperDecisionRow, paperKeyingRow, staffLinkParams, staffLinkRow } from './paperRows.ts';
import type { SegmentBreakdown } from '../../shared/protocol/views.ts';
import type { RoundCounts, Store } from './types.ts';

export { RoundNotOpenError } from './postgres/ballots.ts';
export { RoundConflictError } from './postgres/lifecycle.ts';

export interface PostgresOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** Schema to keep the tables in (created if absent); tests use one each. Default: the server's search_path. */
  schema?: string;
  /** Connections in the pool (one runs the group commit, the rest serve reads). */
  poolSize?: number;
  /** This process's name in `round_tallies`; random per start by default. */
  nodeId?: string;
}

type Statement = [text: string, values: unknown[]];
/** `refused`: the last statement changed no row, so the write is turned down with this error (the rest of the batch commits). */
type Write = { resolve: () => void; reject: (e: unknown) => void } & ({ statements: Statement[]; refused?: Error } | { ballot: BallotWrite });

// BIGINT (times in ms, counts) as numbers: every value stored is below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The PostgreSQL store (selected with DATABASE_URL): the only truth for a
 * cluster of nodes. Writes go through one group-commit queue per node (one
 * transaction per batch, each write's promise resolving after COMMIT);
 * ballots are counted into this node's partial tally in the same
 * transaction (see postgres/ballots.ts), and `countRound` sums the partials.
 */
export type PostgresStore = Store & {
  nodeId: string;
  /** The round's counts with the sum of its partials' versions (grows with every ballot batch on any node). */
  roundTally(roundId: string): Promise<RoundCounts & { version: number }>;
};

export function createPostgresStore(options: PostgresOptions): PostgresStore {
  const nodeId = options.nodeId ?? randomBytes(6).toString('hex');
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Bad schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 8,
    types,
    // No wait is endless: a busy pool, a stuck statement or a transaction left open fail (and the
    // write is not acked, so the phone resends) instead of holding a ballot's ack or a row lock forever.
    connectionTimeoutMillis: 10_000,
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 30_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that drops (server restart) must not crash the node.
  pool.on('error', (e) => console.error('postgres pool error:', e.message));

  const partials = new Map<string, Partial>();
  let drafts = new Map<string, Partial>();
  const gc = createGroupCommit<Write>(pool, async (client, batch) => {
    drafts = new Map();
    const rejected = new Map<Write, unknown>();
    const draftOf = (roundId: string) => {
      let d = drafts.get(roundId);
      if (!d) {
        const p = partials.get(roundId) ?? emptyPartial();
        d = { ...p, plus: { ...p.plus }, minus: { ...p.minus } };
        drafts.set(roundId, d);
      }
      return d;
    };
    let run: { w: Write; b: BallotWrite }[] = [];
    const flushRun = async () => {
      if (run.length > 0) await writeBallots(client, run, nodeId, draftOf, rejected);
      run = [];
    };
    for (const w of batch) {
      if ('ballot' in w) {
        run.push({ w, b: w.ballot });
        continue;
      }
      await flushRun();
      let changed: number | null = null;
      for (const [text, values] of w.statements) changed = (await client.query(text, values)).rowCount;
      if (w.refused && changed === 0) rejected.set(w, w.refused);
    }
    await flushRun();
    return { rejected, committed: () => drafts.forEach((d, id) => partials.set(id, d)) };
  });

  const write = (statements: Statement[], refused?: Error) =>
    new Promise<void>((resolve, reject) => gc.push({ statements, resolve, reject, ...(refused ? { refused } : {}) }));
  const writeBallot = (ballot: BallotWrite) => new Promise<void>((resolve, reject) => gc.push({ ballot, resolve, reject }));
  /** Reads see every write queued before them. */
  async function read<T>(text: string, values: unknown[], map: (rows: Record<string, unknown>[]) => T): Promise<T> {
    await gc.settled();
    return map((await pool.query(text, values)).rows);
  }

  return {
    nodeId,
    roundTally: async (roundId) => sumPartials((await pool.query(sql.partials, [roundId])).rows as Partial[], 0),
    async init() {
      const client = await pool.connect();
      try {
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query('BEGIN');
        // Migrations of a large database may take long, and wait for another node's migrations.
        await client.query('SET LOCAL statement_timeout = 0');
        await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('d21-migrations:' || current_schema(), 0))`);
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL)`);
        const done = Number((await client.query(`SELECT coalesce(max(version), 0) AS v FROM schema_migrations`)).rows[0].v);
        for (let v = done; v < PG_MIGRATIONS.length; v++) {
          await client.query(PG_MIGRATIONS[v]!);
          await client.query(`INSERT INTO schema_migrations (version) VALUES ($1)`, [v + 1]);
        }
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await gc.settled();
      await pool.end();
    },

    createAssembly: (r) => write([[sql.insertAssembly, [r.id, r.title, r.joinMode, r.display, r.facilitatorHash, r.createdAt, JSON.stringify(r.settings)]]]),
    updateAssembly: (r) => write([[sql.updateAssembly, [r.id, r.title, r.joinMode, r.display, JSON.stringify(r.settings)]]]),
    loadAssemblies: () => read(sql.allAssemblies, [], (rows) => rows.map(assemblyRow)),

    saveProposal: (r) => write([[sql.saveProposal, proposalParams(r)]]),
    saveProposals: (rows) => write(rows.map((r) => [sql.saveProposal, proposalParams(r)])),
    deleteProposal: (id) => write([[sql.deleteProposal, [id]]]),
    loadProposals: () => read(sql.allProposals, [], (rows) => rows.map(proposalRow)),

    saveRound: (r) =>
      write([...(r.status === 'open' ? [[sql.lockAssembly, [r.assemblyId]] as Statement] : []), [sql.saveRound, roundParams(r)]], new RoundConflictError(r)),
    loadRounds: () => read(sql.allRounds, [], (rows) => rows.map(roundRow)),

    addParticipant: (r) => write([[sql.addParticipant, [r.id, r.assemblyId, r.tokenHash, r.createdAt, r.revoked]]]),
    findParticipant: (assemblyId, tokenHash) =>
      read(sql.findParticipant, [assemblyId, tokenHash], ([r]) =>
        r
          ? {
              id: r.id as string,
              assemblyId: r.assembly_id as string,
              tokenHash: r.token_hash as string,
              createdAt: r.created_at as number,
              revoked: r.revoked as boolean,
            }
          : null,
      ),
    countParticipants: (assemblyId) => read(sql.countParticipants, [assemblyId], ([r]) => r!.n as number),
    revokeParticipant: (id) => write([[sql.revokeParticipant, [id]]]),
    setParticipantToken: (id, tokenHash) => write([[sql.setParticipantToken, [id, tokenHash]]]),
    loadRevokedParticipants: () => read(sql.revokedParticipants, [], (rows) => rows.map((r) => ({ id: r.id as string, assemblyId: r.assembly_id as string }))),

    saveProfile: (participantId, assemblyId, answers) => write([[sql.saveProfile, [participantId, assemblyId, JSON.stringify(answers)]]]),
    loadProfiles: () =>
      read(sql.allProfiles, [], (rows) =>
        rows.map((r) => ({ participantId: r.participant_id as string, assemblyId: r.assembly_id as string, answers: r.answers as Record<string, string | null> })),
      ),

    addAccessCodes: (rows) => write(rows.map((r) => [sql.saveCode, codeParams(r)])),
    saveAccessCode: (r) => write([[sql.saveCode, codeParams(r)]]),
    loadAccessCodes: () => read(sql.allCodes, [], (rows) => rows.map(accessCodeRow)),

    saveBallot: (row) => writeBallot({ roundId: row.roundId, participantId: row.participantId, row }),
    deleteBallot: (roundId, participantId) => writeBallot({ roundId, participantId, row: null }),
    // In pages, yielding between them (like SQLite): 10,000 rows parsed at once held the hub's event loop (issue 15).
    loadBallots: (roundId) => readInPages((after, n) => read(sql.loadBallots, [roundId, after, n], (rows) => rows.map(ballotRow)), (b) => b.participantId),
    getReceipt: async (roundId, participantId, ballotId) => {
      const r = (await pool.query(sql.getReceipt, [roundId, participantId, ballotId])).rows[0] as Record<string, unknown> | undefined;
      return r ? ballotRow(r) : null;
    },
    ballotIds: async (roundId, participantId) => (await pool.query(sql.ballotIds, [roundId, participantId])).rows.map((r: { ballot_id: string }) => r.ballot_id),
    getBallot: async (roundId, participantId) => {
      const r = (await pool.query(sql.getBallot, [roundId, participantId])).rows[0] as Record<string, unknown> | undefined;
      return r ? ballotRow(r) : null;
    },
    countRound: async (roundId) => {
      const parts = await read(sql.partials, [roundId], (rows) => rows as unknown as Partial[]);
      const maxSeq = (await pool.query(sql.maxSeq, [roundId])).rows[0].n as number;
      const { version: _, ...counts } = sumPartials(parts, maxSeq);
      return counts;
    },
    countBallots: (roundId) => read(sql.countBallots, [roundId], ([r]) => r!.n as number),
    // Dead row versions stay in the table until (auto)vacuum: docs/security.md, "The data file".
    severRound: (roundId, breakdown) =>
      write([
        [sql.saveBreakdown, [roundId, JSON.stringify(breakdown)]],
        [sql.sealBallots, [roundId]],
        [sql.dropLinkedBallots, [roundId]],
        [sql.dropReceipts, [roundId]],
      ]),
    loadBreakdown: (roundId) => read(sql.loadBreakdown, [roundId], ([r]) => (r ? (JSON.parse(r.data as string) as SegmentBreakdown[]) : null)),

    saveStaffLink: (r) => write([[numbered(P.saveStaffLink), staffLinkParams(r)]]),
    loadStaffLinks: () => read(P.allStaffLinks, [], (rows) => rows.map(staffLinkRow)),
    addPaperKeying: (r) => write([[numbered(P.addKeying), keyingParams(r)]]),
    addPaperDecision: (r) => write([[numbered(P.addDecision), decisionParams(r)]]),
    severPaperCodes: (roundId, pseudonyms) =>
      write(
        Object.entries(pseudonyms).flatMap(([codeId, p]): Statement[] => [
          [numbered(P.severKeyingCode), [p, roundId, codeId, roundId]],
          [numbered(P.severDecisionCode), [p, roundId, codeId, roundId]],
        ]),
      ),
    loadPaper: async (roundId) => ({
      keyings: await read(numbered(roundId === null ? P.allKeyings : P.keyingsOf), roundId === null ? [] : [roundId], (rows) => rows.map(paperKeyingRow)),
      decisions: await read(numbered(roundId === null ? P.allDecisions : P.decisionsOf), roundId === null ? [] : [roundId], (rows) => rows.map(paperDecisionRow)),
    }),
  };
}
