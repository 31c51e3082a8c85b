import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCLOSURE, channel, payloadPaths, type Channel, type Receiver } from '../../shared/protocol/disclosure.ts';
import type { ClientToServerEvents } from '../../shared/protocol/events.ts';
import type { IssuedCode, RoundView, SubmissionView } from '../../shared/protocol/views.ts';
import type { CreatedStaffLink } from '../../shared/protocol/paperViews.ts';
import { ballotId, createRound, setupAssembly, waitFor } from '../support/assembly.ts';
import { connect, must, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';

/**
 * What each role receives (docs/security.md): one socket per role through
 * a whole workflow; every event, reply and REST read is checked against the
 * table in shared/protocol/disclosure.ts, field by field.
 */
type Who = 'facilitator' | 'author' | 'voter' | 'screen' | 'staff';
interface Received {
  who: Who;
  kind: Channel['kind'];
  name: string;
  data: unknown;
}

describe('what each role receives', () => {
  let server: TestServer;
  const received: Received[] = [];
  const secrets = {
    pending: 'Pending idea nobody approved',
    rejected: 'Rejected idea of one phone',
    reason: 'Moderator reason only for the author',
    draft: 'Draft question not yet asked',
    otherDesk: 'Desk B of another clerk',
  };
  let deskB: CreatedStaffLink;
  const deskBEntries: string[] = [];
  let draft: RoundView;
  let hidden: RoundView;
  let live: RoundView;
  let codes: IssuedCode[] = [];
  const mine: string[] = [];

  beforeAll(async () => {
    server = await startServer({ tallyIntervalMs: 20 });
  });
  afterAll(async () => {
    await server?.close();
  });

  const record = (who: Who, socket: TestSocket) =>
    socket.onAny((event: string, ...args: unknown[]) => received.push({ who, kind: 'event', name: event, data: args[0] }));
  async function ask<T>(who: Who, socket: TestSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
    const data = await must<T>(socket, event, payload);
    received.push({ who, kind: 'reply', name: event, data });
    return data;
  }
  async function read(who: Who, path: string, route: string, token?: string) {
    const r = await rest(server.url, 'GET', path, token ? { token } : {});
    if (r.body.ok) received.push({ who, kind: 'rest', name: route, data: r.body.data });
    return r;
  }

  it('runs a whole workflow with one socket per role', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, ['Park', 'Library', 'Bike lanes', 'Bench', 'Trees', 'Fountain'], { joinMode: 'codes' });
    const ids = proposals.map((p) => p.id);
    const fac = await connect(url);
    const screen = await connect(url);
    const phoneA = await connect(url);
    const phoneB = await connect(url);
    record('facilitator', fac);
    record('screen', screen);
    record('author', phoneA);
    record('voter', phoneB);
    await ask('facilitator', fac, 'session:join', { assemblyId, role: 'facilitator', token });
    await ask('screen', screen, 'session:join', { assemblyId, role: 'screen' });

    codes = await must<IssuedCode[]>(fac, 'codes:generate', { count: 4 });
    await must(fac, 'assembly:update', {
      submissions: { open: true, maxPerParticipant: 3 },
      profile: [{ id: 'age', label: 'Age', options: [{ id: 'young', label: 'Under 30' }, { id: 'old', label: '30 or over' }] }],
    });
    await ask('author', phoneA, 'session:join', { assemblyId, role: 'voter', code: codes[0]!.code });
    await ask('voter', phoneB, 'session:join', { assemblyId, role: 'voter', code: codes[1]!.code });
    // Two staff links for paper ballots; only desk A's socket is recorded (it must never see desk B's keyings).
    const deskA = await ask<CreatedStaffLink>('facilitator', fac, 'staff:create', { name: 'Desk A' });
    deskB = await ask<CreatedStaffLink>('facilitator', fac, 'staff:create', { name: secrets.otherDesk });
    await ask('facilitator', fac, 'staff:list', {});
    const staffA = await connect(url);
    const staffB = await connect(url);
    record('staff', staffA);
    await ask('staff', staffA, 'session:join', { assemblyId, role: 'staff', token: deskA.key });
    await must(staffB, 'session:join', { assemblyId, role: 'staff', token: deskB.key });
    await ask('author', phoneA, 'profile:answer', { answers: { age: 'young' } });
    await ask('voter', phoneB, 'profile:answer', { answers: { age: 'old' } });

    // Submissions and moderation: the console gets one proposal per change, not the whole assembly.
    const before = received.filter((r) => r.who === 'facilitator' && r.name === 'assembly:updated').length;
    const pending = await ask<SubmissionView>('author', phoneA, 'proposal:submit', { title: secrets.pending });
    const rejected = await ask<SubmissionView>('author', phoneA, 'proposal:submit', { title: secrets.rejected });
    mine.push(pending.id, rejected.id);
    await must(fac, 'proposal:moderate', { proposalId: rejected.id, action: 'reject', reason: secrets.reason });
    await waitFor(() => received.find((r) => r.who === 'author' && r.name === 'submission:updated'), 2000, 'author hears of the rejection');
    await waitFor(() => received.filter((r) => r.who === 'facilitator' && r.name === 'proposal:updated').length === 3, 2000, 'deltas');
    expect(received.filter((r) => r.who === 'facilitator' && r.name === 'assembly:updated').length).toBe(before);

    // A draft round stays the facilitator's.
    draft = await must<RoundView>(fac, 'round:create', { question: secrets.draft, proposalIds: ids.slice(0, 3), winners: 1 });

    // A hidden round: no results anywhere until it closes.
    hidden = await must<RoundView>(fac, 'round:create', { question: 'Hidden vote', proposalIds: ids, winners: 2, visibility: 'hidden' });
    await must(fac, 'round:open', { roundId: hidden.id });
    await ask('author', phoneA, 'ballot:submit', { roundId: hidden.id, ballotId: ballotId(), plus: [ids[0], ids[1]], minus: [] });
    await ask('voter', phoneB, 'ballot:submit', { roundId: hidden.id, ballotId: ballotId(), plus: [ids[2]], minus: [] });
    // Paper ballots keyed in the hidden round: serial 1 matches, serial 2 does not (resolved), serial 3 is voided.
    const paperKey = (socket: typeof staffA, serial: string, plus: string[], code: string, who: 'staff' | null) => {
      const entryId = `e${serial}${who ?? 'b'}${Date.now().toString(36)}`;
      if (!who) deskBEntries.push(entryId);
      const payload = { roundId: hidden.id, entryId, serial, plus, minus: [], code };
      return who ? ask(who, socket, 'paper:key', payload) : must(socket, 'paper:key', payload);
    };
    await paperKey(staffA, '1', [ids[3]!], codes[2]!.code, 'staff');
    await paperKey(staffB, '1', [ids[3]!], codes[2]!.code, null);
    await paperKey(staffA, '2', [ids[4]!], codes[3]!.code, 'staff');
    await paperKey(staffB, '2', [ids[5]!], codes[3]!.code, null);
    // Serial 4 carries phone B's card: the matching keyings are held, and only the console hears why (F8).
    await paperKey(staffA, '4', [ids[3]!], codes[1]!.code, 'staff');
    await paperKey(staffB, '4', [ids[3]!], codes[1]!.code, null);
    await ask('facilitator', fac, 'paper:list', { roundId: hidden.id });
    await ask('facilitator', fac, 'paper:resolve', { roundId: hidden.id, serial: '2', plus: [ids[4]], minus: [] });
    await ask('facilitator', fac, 'paper:void', { roundId: hidden.id, serial: '1', reason: 'Two marks on one proposal' });
    await ask('facilitator', fac, 'paper:resolve', { roundId: hidden.id, serial: '1', plus: [ids[3]], minus: [] });
    await ask('staff', staffA, 'state:sync', {});
    await waitFor(() => received.find((r) => r.who === 'staff' && r.name === 'paper:status'), 3000, 'desk A hears of its serials');
    await ask('screen', screen, 'state:sync', {});
    await waitFor(() => received.find((r) => r.name === 'tally:snapshot' && (r.data as { roundId: string; status: string }).roundId === hidden.id && (r.data as { status: string }).status === 'open'), 3000, 'a hidden round snapshot');
    await must(fac, 'round:close', { roundId: hidden.id });

    // A live round, with the projector switching views and reading opinion groups.
    live = await createRound(url, assemblyId, token, { question: 'Live vote', proposalIds: ids, winners: 2 });
    await must(fac, 'round:open', { roundId: live.id });
    await must(fac, 'display:set', { mode: 'live' });
    await ask('author', phoneA, 'ballot:submit', { roundId: live.id, ballotId: ballotId(), plus: [ids[0]], minus: [] });
    await ask('voter', phoneB, 'ballot:submit', { roundId: live.id, ballotId: ballotId(), plus: [ids[1]], minus: [] });
    await ask('author', phoneA, 'state:sync', {});
    await ask('voter', phoneB, 'state:sync', {});
    await must(fac, 'round:close', { roundId: live.id });
    await must(fac, 'assembly:update', { submissions: { open: false, maxPerParticipant: 3 } });
    await ask('screen', screen, 'groups:get', { roundId: live.id });
    await ask('facilitator', fac, 'groups:get', { roundId: live.id });
    await ask('facilitator', fac, 'state:sync', {});
    await ask('screen', screen, 'state:sync', {});
    await must(fac, 'code:revoke', { codeId: codes[3]!.id });
    await waitFor(() => received.find((r) => r.who === 'screen' && r.name === 'tally:snapshot' && (r.data as { status: string }).status === 'closed'), 3000, 'final snapshot');

    // REST reads: token-less callers and the facilitator.
    const base = `/api/assemblies/${assemblyId}`;
    for (const who of ['screen', 'facilitator'] as const) {
      const t = who === 'facilitator' ? token : undefined;
      await read(who, '/api/health', 'GET /api/health', t);
      await read(who, '/api/config', 'GET /api/config', t);
      await read(who, `${base}/public`, 'GET /api/assemblies/:id/public', t);
      for (const r of [hidden, live]) {
        await read(who, `${base}/rounds/${r.id}/results`, 'GET /api/assemblies/:id/rounds/:rid/results', t);
        await read(who, `${base}/rounds/${r.id}/opinion-groups`, 'GET /api/assemblies/:id/rounds/:rid/opinion-groups', t);
      }
      // Staff-only reads: a token-less caller gets an error and no data.
      const staffOnly = [
        [base, 'GET /api/assemblies/:id'],
        [`${base}/codes`, 'GET /api/assemblies/:id/codes'],
        [`${base}/report.json`, 'GET /api/assemblies/:id/report.json'],
        [`${base}/rounds/${live.id}/ballots.json`, 'GET /api/assemblies/:id/rounds/:rid/ballots.json'],
        [`${base}/rounds/${live.id}/breakdown.json`, 'GET /api/assemblies/:id/rounds/:rid/breakdown.json'],
        [`${base}/staff`, 'GET /api/assemblies/:id/staff'],
        [`${base}/rounds/${hidden.id}/paper-audit.json`, 'GET /api/assemblies/:id/rounds/:rid/paper-audit.json'],
        [`${base}/rounds/${hidden.id}/ballots.json`, 'GET /api/assemblies/:id/rounds/:rid/ballots.json'],
      ] as const;
      for (const [path, route] of staffOnly) {
        const r = await read(who, path, route, t);
        expect(r.status, `${who} ${route}`).toBe(who === 'facilitator' ? 200 : 401);
      }
      // A draft round has no results for anyone, and its question is not in the error.
      const d = await read(who, `${base}/rounds/${draft.id}/results`, 'GET /api/assemblies/:id/rounds/:rid/results', t);
      expect(d.status).toBe(409);
      expect(d.body).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_OPEN' } });
      expect(JSON.stringify(d.body)).not.toContain(secrets.draft);
    }
    for (const s of [fac, screen, phoneA, phoneB, staffA, staffB]) s.disconnect();
  });

  it('every payload has only the fields the table gives its receiver', () => {
    expect(received.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const r of received) {
      const c = channel(r.kind, r.name);
      if (!c) {
        problems.push(`${r.kind} ${r.name} is not in the table (received by ${r.who})`);
        continue;
      }
      // A voter is the author of its own submissions, and only of those.
      const as: Receiver[] = r.who === 'author' ? ['voter', 'author'] : [r.who];
      for (const path of payloadPaths(r.data, c.fields)) {
        const allowed = c.fields[path];
        if (!allowed) problems.push(`${r.kind} ${r.name}: field "${path}" is not classified`);
        else if (!allowed.some((x) => as.includes(x))) problems.push(`${r.kind} ${r.name}: ${r.who} received "${path}" (only ${allowed.join(', ')})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('token-less screens and other voters see no moderation, drafts, codes or submissions', () => {
    const seenBy = (who: Who) => JSON.stringify(received.filter((r) => r.who === who));
    for (const who of ['screen', 'voter'] as const) {
      const text = seenBy(who);
      for (const s of Object.values(secrets)) expect(text, `${who} saw "${s}"`).not.toContain(s);
      expect(text).not.toContain(draft.id);
      for (const id of mine) expect(text).not.toContain(id);
      for (const c of codes) expect(text).not.toContain(c.code);
      expect(received.some((r) => r.who === who && ['codes:updated', 'proposal:updated', 'assembly:updated', 'submission:updated'].includes(r.name))).toBe(false);
    }
    // The author sees its own reason; nobody but the facilitator sees the draft.
    expect(seenBy('author')).toContain(secrets.reason);
    expect(seenBy('author')).not.toContain(secrets.draft);
    expect(seenBy('facilitator')).toContain(secrets.draft);
  });

  it('a staff link gets its round’s paper and its own keyings: no tallies, codes, voters or another link’s keyings', () => {
    const mine = received.filter((r) => r.who === 'staff');
    expect(mine.some((r) => r.name === 'entry:updated')).toBe(true);
    const text = JSON.stringify(mine);
    for (const c of codes) expect(text).not.toContain(c.code);
    expect(text).not.toContain(secrets.otherDesk);
    expect(text).not.toContain(deskB.key);
    for (const id of deskBEntries) expect(text).not.toContain(id);
    for (const s of Object.values(secrets).filter((x) => x !== secrets.otherDesk)) expect(text).not.toContain(s);
    expect(mine.some((r) => ['tally:snapshot', 'turnout:updated', 'display:updated', 'assembly:updated', 'codes:updated', 'paper:updated'].includes(r.name))).toBe(false);
    // Nobody but the facilitator hears of desk B, and the console sees card numbers, never codes.
    const fac = JSON.stringify(received.filter((r) => r.who === 'facilitator' && r.name.startsWith('paper:')));
    expect(fac).toContain(secrets.otherDesk);
    // A held serial: the desk sees "held", never why (whether the card voted by phone); the console does.
    expect(mine.some((r) => (r.data as { serial?: string; status?: string }).serial === '4' && (r.data as { status?: string }).status === 'held')).toBe(true);
    expect(text).not.toContain('"hold"');
    expect(fac).toContain('"hold":{"kind":"phone"}');
    for (const c of codes) expect(fac).not.toContain(c.code);
    for (const who of ['screen', 'voter', 'author'] as const) expect(JSON.stringify(received.filter((r) => r.who === who))).not.toContain(secrets.otherDesk);
  });

  it('a hidden round shows no results to anyone but the facilitator while it is open', () => {
    const open = received.filter((r) => r.who !== 'facilitator' && r.name === 'tally:snapshot' && (r.data as { roundId: string; status: string }).roundId === hidden.id && (r.data as { status: string }).status === 'open');
    expect(open.length).toBeGreaterThan(0);
    for (const r of open) expect((r.data as { results: unknown }).results).toBeNull();
  });

  it('the workflow reached every pushed event of the table', () => {
    const events = DISCLOSURE.filter((c) => c.kind === 'event').map((c) => c.name);
    const seen = new Set(received.filter((r) => r.kind === 'event').map((r) => r.name));
    expect(events.filter((e) => !seen.has(e))).toEqual([]);
  });
});
