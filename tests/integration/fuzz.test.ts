import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { HTTP_STATUS, type ErrorCode } from '../../shared/protocol/errors.ts';
import {
  AssemblyCreate,
  AssemblyUpdate,
  BallotSubmit,
  CodeRevoke,
  CodesGenerate,
  DisplaySet,
  Empty,
  Join,
  ProposalCreateCmd,
  ProposalInput,
  ProposalOrder,
  ProposalPatch,
  ProposalRef,
  ProposalUpdateCmd,
  RoundCreate,
  RoundExtend,
  RoundOpen,
  RoundRef,
  RoundUpdate,
} from '../../shared/protocol/schemas.ts';
import { createRound, joinVoter, openRound, setupAssembly, type Voter } from '../support/assembly.ts';
import { call, connect, must, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';

const CODES = new Set(Object.keys(HTTP_STATUS) as ErrorCode[]);

/** Any JSON-ish value, biased towards near-misses of real payloads. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false }),
  fc.record({ roundId: fc.oneof(fc.string(), fc.integer()), ballotId: fc.string(), plus: fc.array(fc.string()), minus: fc.anything() }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('title', 'proposalIds', 'winners', 'plus', 'minus', 'ratio', 'mode', 'count', 'codeId', '__proto__', 'constructor'), fc.anything({ maxDepth: 2 })),
  fc.string({ maxLength: 200 }),
);

/** What the server receives: Socket.IO and fetch carry JSON (undefined keys vanish, NaN becomes null…). */
function onTheWire(v: unknown): unknown {
  try {
    const text = JSON.stringify(v);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return v;
  }
}

/** A payload the schema refuses as received: the fuzz is about bad input, never an accidental valid command. */
const invalidFor = (schema: z.ZodType) => junk.filter((v) => !schema.safeParse(onTheWire(v)).success);
/** Over REST no body at all reads as {} (an empty PATCH changes nothing and is fine). */
const invalidBodyFor = (schema: z.ZodType) => junk.filter((v) => !schema.safeParse(onTheWire(v) ?? {}).success);

describe('fuzz: random and malformed payloads to every command and endpoint', () => {
  let server: TestServer;
  let assemblyId: string;
  let token: string;
  let roundId: string;
  let facilitator: TestSocket;
  let voter: Voter;

  beforeAll(async () => {
    server = await startServer({
      limits: { socketPerSec: 1e6, socketBurst: 1e6, ipPerSec: 1e6, ipBurst: 1e6 },
      heavy: { socketPerSec: 1e6, socketBurst: 1e6, publicPerSec: 1e6, publicBurst: 1e6, voterPerSec: 1e6, voterBurst: 1e6 },
    });
    const setup = await setupAssembly(server.url, ['A', 'B', 'C', 'D', 'E']);
    ({ assemblyId, token } = setup);
    const round = await createRound(server.url, assemblyId, token, { proposalIds: setup.proposals.map((p) => p.id), winners: 1 });
    roundId = round.id;
    await openRound(server.url, assemblyId, token, roundId);
    voter = await joinVoter(server.url, assemblyId);
    await must(voter.socket, 'ballot:submit', { roundId, ballotId: 'fuzz-seed-ballot', plus: [setup.proposals[0]!.id, setup.proposals[1]!.id], minus: [setup.proposals[2]!.id] });
    facilitator = await connect(server.url);
    await must(facilitator, 'session:join', { assemblyId, role: 'facilitator', token });
  });
  afterAll(async () => {
    voter?.socket.disconnect();
    facilitator?.disconnect();
    await server?.close();
  });

  /** Everything stored that a bad command could change. */
  async function storedState() {
    const a = await rest(server.url, 'GET', `/api/assemblies/${assemblyId}`, { token });
    const r = await rest(server.url, 'GET', `/api/assemblies/${assemblyId}/rounds/${roundId}/results`);
    const codes = await rest(server.url, 'GET', `/api/assemblies/${assemblyId}/codes`, { token });
    return JSON.stringify([a.body, r.body, codes.body]);
  }

  const commands: [string, z.ZodType, 'facilitator' | 'voter'][] = [
    ['ballot:submit', BallotSubmit, 'voter'],
    ['state:sync', Empty, 'voter'],
    ['proposal:create', ProposalCreateCmd, 'facilitator'],
    ['proposal:update', ProposalUpdateCmd, 'facilitator'],
    ['proposal:delete', ProposalRef, 'facilitator'],
    ['proposal:reorder', ProposalOrder, 'facilitator'],
    ['round:create', RoundCreate, 'facilitator'],
    ['round:update', RoundUpdate, 'facilitator'],
    ['round:open', RoundOpen, 'facilitator'],
    ['round:close', RoundRef, 'facilitator'],
    ['round:extend', RoundExtend, 'facilitator'],
    ['display:set', DisplaySet, 'facilitator'],
    ['codes:generate', CodesGenerate, 'facilitator'],
    ['codes:list', Empty, 'facilitator'],
    ['code:revoke', CodeRevoke, 'facilitator'],
    ['cosupport:get', RoundRef, 'facilitator'],
  ];

  it('every socket command answers malformed payloads with an error code and changes nothing', async () => {
    const before = await storedState();
    for (const [event, schema, role] of commands) {
      const socket = role === 'voter' ? voter.socket : facilitator;
      await fc.assert(
        fc.asyncProperty(invalidFor(schema), async (payload) => {
          const ack = await call(socket, event as 'state:sync', payload);
          expect(ack.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
          if (!ack.ok) expect(CODES.has(ack.error.code)).toBe(true);
        }),
        { numRuns: 60 },
      );
    }
    // session:join from a fresh socket, and unknown events with random arguments.
    const stranger = await connect(server.url);
    await fc.assert(
      fc.asyncProperty(invalidFor(Join), async (payload) => {
        const ack = await call(stranger, 'session:join', payload);
        expect(ack.ok).toBe(false);
        if (!ack.ok) expect(CODES.has(ack.error.code)).toBe(true);
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30 }), fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }), async (event, args) => {
        stranger.emit(event as 'state:sync', ...(args as [Record<string, never>, never]));
      }),
      { numRuns: 100 },
    );
    // Commands without an ack callback are ignored, not a crash.
    facilitator.emit('round:close' as 'state:sync', { roundId } as never, undefined as never);
    stranger.disconnect();
    expect((await rest(server.url, 'GET', '/api/health')).status).toBe(200);
    expect(await storedState()).toBe(before);
  }, 120_000);

  it('every REST endpoint answers malformed bodies and ids with an error code and changes nothing', async () => {
    const before = await storedState();
    const A = () => assemblyId;
    const withBody: [string, () => string, z.ZodType][] = [
      ['POST', () => `/api/assemblies`, AssemblyCreate],
      ['PATCH', () => `/api/assemblies/${A()}`, AssemblyUpdate],
      ['PUT', () => `/api/assemblies/${A()}/display`, DisplaySet],
      ['POST', () => `/api/assemblies/${A()}/proposals`, ProposalInput],
      ['PATCH', () => `/api/assemblies/${A()}/proposals/nope`, ProposalPatch],
      ['PUT', () => `/api/assemblies/${A()}/proposals/order`, ProposalOrder],
      ['POST', () => `/api/assemblies/${A()}/rounds`, RoundCreate],
      ['PATCH', () => `/api/assemblies/${A()}/rounds/${roundId}`, RoundUpdate.omit({ roundId: true })],
      ['POST', () => `/api/assemblies/${A()}/rounds/${roundId}/extend`, RoundExtend.omit({ roundId: true })],
      ['POST', () => `/api/assemblies/${A()}/codes`, CodesGenerate],
    ];
    for (const [method, path, schema] of withBody) {
      await fc.assert(
        fc.asyncProperty(invalidBodyFor(schema), async (payload) => {
          const res = await rest(server.url, method, path(), { token, body: payload });
          expect(res.status, `${method} ${path()} ${JSON.stringify(payload)}`).toBeGreaterThanOrEqual(400);
          expect(res.body.ok).toBe(false);
          if (!res.body.ok) expect(CODES.has(res.body.error.code)).toBe(true);
        }),
        { numRuns: 40 },
      );
    }
    // Raw garbage bodies, odd content types, random ids in paths, no token.
    const routes = [
      ['GET', '/api/assemblies/:x'],
      ['GET', '/api/assemblies/:a/rounds/:x/results'],
      ['GET', '/api/assemblies/:a/rounds/:x/results.csv'],
      ['GET', '/api/assemblies/:a/rounds/:x/ballots.json'],
      ['DELETE', '/api/assemblies/:a/proposals/:x'],
      ['POST', '/api/assemblies/:a/rounds/:x/open'],
      ['POST', '/api/assemblies/:a/rounds/:x/close'],
      ['POST', '/api/assemblies/:a/codes/:x/revoke'],
      ['POST', '/api/assemblies/:a/proposals/import'],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
        fc.string({ maxLength: 300 }),
        fc.constantFrom('application/json', 'text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data'),
        fc.boolean(),
        async ([method, route], id, raw, type, authed) => {
          const path = route.replace(':a', assemblyId).replace(':x', `zz${id}`);
          const headers: Record<string, string> = { 'content-type': type };
          if (authed) headers.authorization = `Bearer ${token}`;
          const res = await fetch(server.url + path, { method, headers, ...(method === 'GET' ? {} : { body: raw }) });
          expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
          const text = await res.text();
          const parsed = JSON.parse(text) as { ok: boolean; error?: { code: ErrorCode } };
          expect(parsed.ok).toBe(false);
          expect(CODES.has(parsed.error!.code)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
    expect((await rest(server.url, 'GET', '/api/health')).status).toBe(200);
    expect(await storedState()).toBe(before);
  }, 120_000);
});
