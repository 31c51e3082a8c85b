import type { Page } from 'playwright-core';
import type { CreatedAssembly, ProposalView, RoundView } from '../../shared/protocol/views.ts';
import { connect, must, rest, type TestSocket } from '../support/server.ts';

/** Shared set-up for the screenshot and accessibility suites: an assembly, proposals, bot voters. */

export const PROPOSALS = [
  ['Protected bike lanes on Main Street', 'Separate cycle lanes from traffic along the whole of Main Street.', 180000],
  ['Community garden behind the library', 'Raised beds, a tool shed and a water tap, run by volunteers.', 40000],
  ['Longer library opening hours', 'Open until 22:00 on weekdays and on Sunday afternoons.', 60000],
  ['Skate park in Riverside Park', 'A concrete skate park for all ages next to the playground.', 150000],
  ['200 street trees', 'Plant shade trees on the ten hottest streets.', 90000],
  ['Heated bus shelters', 'Covered, lit and heated shelters at the 12 busiest stops.', 120000],
  ['Free Wi-Fi in the town square', '', 20000],
  ['Public toilets at the market', 'Accessible toilets open during market hours.', 70000],
  ['Youth centre evening programme', 'Music, sport and homework help four evenings a week.', 50000],
] as const;

export async function createAssembly(url: string, title: string): Promise<{ id: string; token: string }> {
  const r = await rest<CreatedAssembly>(url, 'POST', '/api/assemblies', { body: { title } });
  if (!r.body.ok) throw new Error(r.body.error.message);
  return { id: r.body.data.assembly.id, token: r.body.data.facilitatorToken };
}

export async function importProposals(url: string, a: { id: string; token: string }, withCost = false): Promise<ProposalView[]> {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const csv = [withCost ? 'title,description,cost' : 'title,description', ...PROPOSALS.map(([t, d, c]) => [quote(t), quote(d), ...(withCost ? [String(c)] : [])].join(','))].join('\n');
  const r = await rest<ProposalView[]>(url, 'POST', `/api/assemblies/${a.id}/proposals/import`, { token: a.token, csv });
  if (!r.body.ok) throw new Error(r.body.error.message);
  return r.body.data;
}

export async function createRound(url: string, a: { id: string; token: string }, body: Record<string, unknown>): Promise<RoundView> {
  const r = await rest<RoundView>(url, 'POST', `/api/assemblies/${a.id}/rounds`, { token: a.token, body });
  if (!r.body.ok) throw new Error(r.body.error.message);
  return r.body.data;
}

export async function roundAction(url: string, a: { id: string; token: string }, roundId: string, action: 'open' | 'close'): Promise<void> {
  const r = await rest(url, 'POST', `/api/assemblies/${a.id}/rounds/${roundId}/${action}`, { token: a.token, body: {} });
  if (!r.body.ok) throw new Error(r.body.error.message);
}

export async function setDisplay(url: string, a: { id: string; token: string }, mode: 'join' | 'live' | 'final' | 'disagree' | 'blank'): Promise<void> {
  const r = await rest(url, 'PUT', `/api/assemblies/${a.id}/display`, { token: a.token, body: { mode } });
  if (!r.body.ok) throw new Error(r.body.error.message);
}

/** Simulated phones: joined sockets that cast ballots. */
export async function bots(url: string, assemblyId: string, n: number): Promise<TestSocket[]> {
  const sockets: TestSocket[] = [];
  for (let i = 0; i < n; i++) {
    const s = await connect(url);
    await must(s, 'session:join', { assemblyId, role: 'voter' });
    sockets.push(s);
  }
  return sockets;
}

/** A small deterministic PRNG so the pictures are the same on every run. */
function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

/**
 * Casts believable ballots: popularity weights for plus votes, a divisive
 * proposal that draws many minus votes too.
 */
export async function castBallots(sockets: TestSocket[], roundId: string, ids: string[], rules: { plus: number; minus: number }, seed = 7): Promise<void> {
  const rnd = prng(seed);
  const like = [9, 5, 6, 8, 7, 3, 2, 3, 4, 5, 5, 5];
  const dislike = [3, 0.3, 0.3, 6, 0.5, 1, 2, 0.5, 0.6, 1, 1, 1];
  const pick = (weights: number[], exclude: Set<string>) => {
    const pool = ids.map((id, i) => ({ id, w: exclude.has(id) ? 0 : (weights[i] ?? 1) }));
    const total = pool.reduce((s, p) => s + p.w, 0);
    let r = rnd() * total;
    for (const p of pool) {
      r -= p.w;
      if (r <= 0 && p.w > 0) return p.id;
    }
    return pool.find((p) => p.w > 0)?.id ?? null;
  };
  let n = 0;
  for (const s of sockets) {
    const used = new Set<string>();
    const plus: string[] = [];
    const minus: string[] = [];
    const nPlus = Math.min(rules.plus, 1 + Math.floor(rnd() * rules.plus));
    for (let i = 0; i < nPlus; i++) {
      const id = pick(like, used);
      if (id) {
        plus.push(id);
        used.add(id);
      }
    }
    if (rules.minus > 0 && plus.length >= 2 && rnd() < 0.6) {
      const id = pick(dislike, used);
      if (id) minus.push(id);
    }
    await must(s, 'ballot:submit', { roundId, ballotId: `bot-ballot-${seed}-${n++}`, plus, minus });
  }
}

export async function settle(page: Page, ms = 900): Promise<void> {
  await page.waitForTimeout(ms);
}
