import type { RoundResults } from '../../shared/domain/index.ts';
import type { BallotReceipt, CreatedAssembly, ProposalView, RoundView, TallySnapshot } from '../../shared/protocol/views.ts';
import { connect, must, rest, type TestSocket } from './server.ts';

/** Creates an assembly with proposals over REST, as a script would. */
export async function setupAssembly(url: string, titles: string[], extra: { costs?: number[]; joinMode?: 'open' | 'codes' } = {}) {
  const created = await rest<CreatedAssembly>(url, 'POST', '/api/assemblies', {
    body: { title: 'Test assembly', ...(extra.joinMode ? { joinMode: extra.joinMode } : {}) },
  });
  if (!created.body.ok) throw new Error(JSON.stringify(created.body));
  const { assembly, facilitatorToken: token } = created.body.data;
  const proposals: ProposalView[] = [];
  for (const [i, title] of titles.entries()) {
    const cost = extra.costs?.[i];
    const r = await rest<ProposalView>(url, 'POST', `/api/assemblies/${assembly.id}/proposals`, {
      token,
      body: { title, ...(cost !== undefined ? { cost } : {}) },
    });
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    proposals.push(r.body.data);
  }
  return { assemblyId: assembly.id, token, proposals };
}

export async function createRound(url: string, assemblyId: string, token: string, body: Record<string, unknown>): Promise<RoundView> {
  const r = await rest<RoundView>(url, 'POST', `/api/assemblies/${assemblyId}/rounds`, { token, body });
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  return r.body.data;
}

export async function openRound(url: string, assemblyId: string, token: string, roundId: string, body: Record<string, unknown> = {}): Promise<RoundView> {
  const r = await rest<RoundView>(url, 'POST', `/api/assemblies/${assemblyId}/rounds/${roundId}/open`, { token, body });
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  return r.body.data;
}

export async function closeRound(url: string, assemblyId: string, token: string, roundId: string): Promise<RoundView> {
  const r = await rest<RoundView>(url, 'POST', `/api/assemblies/${assemblyId}/rounds/${roundId}/close`, { token });
  if (!r.body.ok) throw new Error(JSON.stringify(r.body));
  return r.body.data;
}

export interface Voter {
  socket: TestSocket;
  token: string;
  /** Every event this phone received, to prove it never saw others' ballots. */
  events: { event: string; args: unknown[] }[];
}

export async function joinVoter(url: string, assemblyId: string, token?: string): Promise<Voter> {
  const socket = await connect(url);
  const events: Voter['events'] = [];
  socket.onAny((event: string, ...args: unknown[]) => events.push({ event, args }));
  const joined = await must<{ token: string }>(socket, 'session:join', { assemblyId, role: 'voter', ...(token ? { token } : {}) });
  return { socket, token: joined.token, events };
}

export async function joinStaff(url: string, assemblyId: string, role: 'facilitator' | 'screen', token?: string) {
  const socket = await connect(url);
  const snapshots: TallySnapshot[] = [];
  socket.on('tally:snapshot', (s) => snapshots.push(s));
  await must(socket, 'session:join', { assemblyId, role, ...(token ? { token } : {}) });
  return { socket, snapshots };
}

let counter = 0;
export function ballotId(): string {
  return `b${Date.now().toString(36)}${(counter++).toString(36).padStart(6, '0')}`;
}

export async function vote(v: Voter, roundId: string, plus: string[], minus: string[], id = ballotId()): Promise<BallotReceipt> {
  return must<BallotReceipt>(v.socket, 'ballot:submit', { roundId, ballotId: id, plus, minus });
}

/** Independent count, plain loops, no shared/domain code. */
export function independentCount(ballots: Iterable<{ plus: readonly string[]; minus: readonly string[] }>) {
  const plus: Record<string, number> = {};
  const minus: Record<string, number> = {};
  let n = 0;
  for (const b of ballots) {
    n++;
    for (const id of b.plus) plus[id] = (plus[id] ?? 0) + 1;
    for (const id of b.minus) minus[id] = (minus[id] ?? 0) + 1;
  }
  return { n, plus, minus };
}

/** Plus/minus of results, per option id, with zeros dropped, for comparing with independentCount. */
export function countsOf(results: RoundResults) {
  const plus: Record<string, number> = {};
  const minus: Record<string, number> = {};
  for (const o of results.options) {
    if (o.plus) plus[o.id] = o.plus;
    if (o.minus) minus[o.id] = o.minus;
  }
  return { n: results.ballots, plus, minus };
}

/** Polls `check` every 10 ms; after `timeoutMs` fails with "timed out waiting for <what>" (`what` may be computed then). */
export async function waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5000, what: string | (() => string) = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
