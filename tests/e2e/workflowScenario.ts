import type { ProposalView, RoundView, SubmissionView } from '../../shared/protocol/views.ts';
import { connect, must, rest, type TestSocket } from '../support/server.ts';
import { bots, castBallots, createAssembly, createRound, importProposals, roundAction } from './scenario.ts';

/**
 * Set-ups for the workflow screens (proposal phase, budget, profile
 * groups, disagreement), shared by the screenshot, accessibility and
 * workflow suites. Everything deterministic, so pictures repeat.
 */

export type Assembly = { id: string; token: string };

export async function facilitator(url: string, a: Assembly): Promise<TestSocket> {
  const s = await connect(url);
  await must(s, 'session:join', { assemblyId: a.id, role: 'facilitator', token: a.token });
  return s;
}

export async function proposals(url: string, a: Assembly): Promise<ProposalView[]> {
  const r = await rest<{ proposals: ProposalView[] }>(url, 'GET', `/api/assemblies/${a.id}`, { token: a.token });
  if (!r.body.ok) throw new Error(r.body.error.message);
  return r.body.data.proposals;
}

/** Ideas from the floor, with two pairs of duplicates. */
export const SUBMISSIONS = [
  ['Shorter waits for GP appointments', 'Same-week appointments for anyone who asks, by phone or online.'],
  ['More mental health support in schools', 'A trained counsellor in every secondary school, two days a week.'],
  ['Shorter waiting times at the GP', 'It takes three weeks to see a doctor.'],
  ['Free parking for hospital staff', ''],
  ['Mental-health first aiders in every school', 'Train two teachers per school.'],
  ['Open data on NHS spending', 'Publish every payment over £500 each month.'],
  ['Volunteer drivers for hospital appointments', 'For people who cannot use public transport.'],
] as const;

/** Opens submissions and has `voters` phones propose SUBMISSIONS (round-robin). */
export async function submitIdeas(url: string, a: Assembly, fac: TestSocket, count = SUBMISSIONS.length): Promise<{ voters: TestSocket[]; submitted: SubmissionView[] }> {
  await must(fac, 'assembly:update', { submissions: { open: true, maxPerParticipant: 3 } });
  const voters = await bots(url, a.id, 4);
  const submitted: SubmissionView[] = [];
  for (let i = 0; i < count; i++) {
    const [title, description] = SUBMISSIONS[i]!;
    submitted.push(await must<SubmissionView>(voters[i % voters.length]!, 'proposal:submit', { title, ...(description ? { description } : {}) }));
  }
  return { voters, submitted };
}

/** Sets costs on the standard proposals (PROPOSALS' third column). */
export async function budgetAssembly(url: string, title: string): Promise<{ a: Assembly; ids: string[] }> {
  const a = await createAssembly(url, title);
  const ps = await importProposals(url, a, true);
  return { a, ids: ps.map((p) => p.id) };
}

/**
 * Plus-only ballots (NYC): the like-weights of castBallots, five plus each
 * at most. Deterministic.
 */
export async function castPlusOnly(sockets: TestSocket[], roundId: string, ids: string[], seed = 3): Promise<void> {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const like = [9, 6, 7, 4, 8, 3, 5, 2, 3];
  for (const [n, s] of sockets.entries()) {
    const plus = new Set<string>();
    const want = 2 + Math.floor(rnd() * 4);
    let guard = 0;
    while (plus.size < Math.min(want, ids.length) && guard++ < 100) {
      const total = like.reduce((t, w, i) => t + (plus.has(ids[i]!) ? 0 : w), 0);
      let r = rnd() * total;
      for (const [i, w] of like.entries()) {
        if (plus.has(ids[i]!) || i >= ids.length) continue;
        r -= w;
        if (r <= 0) {
          plus.add(ids[i]!);
          break;
        }
      }
    }
    await must(s, 'ballot:submit', { roundId, ballotId: `nyc-ballot-${seed}-${n}`, plus: [...plus], minus: [] });
  }
}

/**
 * The Paris picture: per proposal, the chance of a plus and of a minus.
 * Nuclear and the carbon tax split the room; trees and solar roofs unite it.
 */
export const CLIMATE = [
  ['Carbon tax on flights', 0.55, 0.4],
  ['Car-free city centre', 0.5, 0.35],
  ['Plant 10,000 trees', 0.8, 0.06],
  ['New nuclear power station', 0.45, 0.45],
  ['Night trains to Berlin and Rome', 0.35, 0.1],
  ['Tax on red meat', 0.25, 0.5],
  ['Solar panels on every school roof', 0.7, 0.05],
  ['Ban gas boilers in new homes', 0.4, 0.25],
] as const;

export async function climateRound(url: string, a: Assembly, voters: TestSocket[]): Promise<{ round: RoundView; ids: string[] }> {
  const csv = ['title', ...CLIMATE.map(([t]) => `"${t}"`)].join('\n');
  const r = await rest<ProposalView[]>(url, 'POST', `/api/assemblies/${a.id}/proposals/import`, { token: a.token, csv });
  if (!r.body.ok) throw new Error(r.body.error.message);
  const ids = r.body.data.map((p) => p.id);
  // 8 proposals, 2 winners → 3 plus, 1 minus; a minus needs no plus here so every voter can object.
  const round = await createRound(url, a, { question: 'Which measures should the city take first?', proposalIds: ids, winners: 2, plus: 4, minus: 2, ratio: 0 });
  await roundAction(url, a, round.id, 'open');
  let x = 11;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (const [n, s] of voters.entries()) {
    const plus: string[] = [];
    const minus: string[] = [];
    const start = Math.floor(rnd() * CLIMATE.length);
    for (let k = 0; k < CLIMATE.length; k++) {
      const i = (start + k) % CLIMATE.length;
      const [, p, m] = CLIMATE[i]!;
      const u = rnd();
      if (u < p && plus.length < 4) plus.push(ids[i]!);
      else if (u > 1 - m && minus.length < 2) minus.push(ids[i]!);
    }
    await must(s, 'ballot:submit', { roundId: round.id, ballotId: `paris-ballot-${n}`, plus, minus });
  }
  return { round, ids };
}

/** Profile questions and voters who answer them (one group kept under five, to show suppression). */
export const PROFILE = [
  { id: 'age', label: 'Age band', options: [{ id: 'young', label: 'Under 30' }, { id: 'mid', label: '30–59' }, { id: 'old', label: '60 and over' }] },
  { id: 'area', label: 'Neighbourhood', options: [{ id: 'north', label: 'North bank' }, { id: 'south', label: 'South bank' }, { id: 'centre', label: 'Old town' }] },
];

export async function profileVoters(url: string, a: Assembly, fac: TestSocket, n = 30): Promise<{ voters: TestSocket[]; groups: { age: string | null; area: string | null }[] }> {
  await must(fac, 'assembly:update', { profile: PROFILE });
  const voters = await bots(url, a.id, n);
  const groups: { age: string | null; area: string | null }[] = [];
  for (const [i, v] of voters.entries()) {
    // 13 young, 12 mid-aged, 3 over 60, 2 skip; areas 12 north, 11 south, 5 old town, 2 skip.
    const age = i < 13 ? 'young' : i < 25 ? 'mid' : i < 28 ? 'old' : null;
    const area = i >= 28 ? null : ['north', 'south', 'north', 'south', 'centre'][i % 5]!;
    groups.push({ age, area });
    await must(v, 'profile:answer', { answers: { age, area } });
  }
  return { voters, groups };
}

/**
 * Ballots that differ by age group: the young back the skate park and the
 * Wi-Fi, the middle-aged the library and bike lanes, the over-60s the
 * shelters and toilets and object to the skate park; everyone likes trees.
 * Weights follow PROPOSALS' order. Deterministic.
 */
export async function castByGroup(voters: TestSocket[], groups: { age: string | null }[], roundId: string, ids: string[], seed = 17): Promise<void> {
  const likes: Record<string, number[]> = {
    young: [5, 3, 2, 9, 6, 1, 8, 1, 6],
    mid: [7, 5, 7, 2, 7, 3, 2, 3, 3],
    old: [2, 5, 8, 1, 5, 9, 1, 8, 2],
    none: [4, 4, 4, 4, 4, 4, 4, 4, 4],
  };
  const dislikes: Record<string, number[]> = {
    young: [0, 0, 2, 0, 0, 5, 0, 1, 0],
    mid: [0, 0, 0, 6, 0, 0, 2, 0, 0],
    old: [3, 0, 0, 7, 0, 0, 2, 0, 0],
    none: [1, 1, 1, 1, 1, 1, 1, 1, 1],
  };
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = (weights: number[], used: Set<number>): number | null => {
    const total = weights.reduce((t, w, i) => t + (used.has(i) ? 0 : w), 0);
    if (total <= 0) return null;
    let r = rnd() * total;
    for (const [i, w] of weights.entries()) {
      if (used.has(i) || w === 0) continue;
      r -= w;
      if (r <= 0) return i;
    }
    return null;
  };
  for (const [n, v] of voters.entries()) {
    const g = groups[n]?.age ?? 'none';
    const used = new Set<number>();
    const plus: string[] = [];
    const nPlus = 2 + Math.floor(rnd() * 2);
    for (let k = 0; k < nPlus; k++) {
      const i = pick(likes[g]!, used);
      if (i === null) break;
      used.add(i);
      plus.push(ids[i]!);
    }
    const minus: string[] = [];
    if (plus.length >= 2 && rnd() < 0.6) {
      const i = pick(dislikes[g]!, used);
      if (i !== null) minus.push(ids[i]!);
    }
    await must(v, 'ballot:submit', { roundId, ballotId: `grp-${roundId}-${n}`, plus, minus });
  }
}

/**
 * A neighbourhood assembly with profile questions: vote 1 on all nine
 * projects (voters answered the questions; one age group is too small to
 * show), then vote 2 on the top four, both closed.
 */
export async function groupsAssembly(url: string, withShortlist = true): Promise<{ a: Assembly; fac: TestSocket; voters: TestSocket[]; r1: RoundView; r2: RoundView | null }> {
  const a = await createAssembly(url, 'Riverside neighbourhood assembly');
  const fac = await facilitator(url, a);
  const ids = (await importProposals(url, a, true)).map((p) => p.id);
  const { voters, groups } = await profileVoters(url, a, fac, 30);
  const r1 = await createRound(url, a, { question: 'Which projects should the town fund next year?', proposalIds: ids, winners: 2 });
  await roundAction(url, a, r1.id, 'open');
  await castByGroup(voters, groups, r1.id, ids);
  await roundAction(url, a, r1.id, 'close');
  if (!withShortlist) return { a, fac, voters, r1, r2: null };
  const r2 = await must<RoundView>(fac, 'round:advance', { fromRoundId: r1.id, k: 4, tieBreak: 'include', winners: 1, question: 'Shortlist: which one goes to the council first?' });
  await roundAction(url, a, r2.id, 'open');
  // Ballots may change while the round is open: re-vote until one proposal clearly wins (deterministic seeds).
  for (let seed = 5; seed < 25; seed++) {
    await castBallots(voters.slice(0, 27), r2.id, r2.proposalIds, r2.rules, seed);
    const res = await rest<{ results: { tiedAtCut: string[] } }>(url, 'GET', `/api/assemblies/${a.id}/rounds/${r2.id}/results`);
    if (res.body.ok && res.body.data.results.tiedAtCut.length === 0) break;
  }
  await roundAction(url, a, r2.id, 'close');
  return { a, fac, voters, r1, r2 };
}

/** A Paris-style assembly: 30 voters on eight climate measures, the round left open. */
export async function climateAssembly(url: string): Promise<{ a: Assembly; voters: TestSocket[]; round: RoundView }> {
  const a = await createAssembly(url, 'Paris climate simulation');
  const voters = await bots(url, a.id, 30);
  const { round } = await climateRound(url, a, voters);
  return { a, voters, round };
}

/** The proposal phase in full swing: five waiting, one approved, one rejected. */
export async function moderationAssembly(url: string): Promise<{ a: Assembly; fac: TestSocket; voters: TestSocket[] }> {
  const a = await createAssembly(url, 'NHS Citizen assembly');
  const fac = await facilitator(url, a);
  const { voters, submitted } = await submitIdeas(url, a, fac);
  await must(fac, 'proposal:moderate', { proposalId: submitted[3]!.id, action: 'reject', reason: 'Outside the remit of this assembly' });
  await must(fac, 'proposal:moderate', { proposalId: submitted[5]!.id, action: 'approve' });
  return { a, fac, voters };
}

/** A budget round (NYC preset, 430,000) with 40 plus-only ballots, still open. */
export async function budgetRound(url: string): Promise<{ a: Assembly; voters: TestSocket[]; round: RoundView }> {
  const { a, ids } = await budgetAssembly(url, 'Riverside participatory budget');
  const round = await createRound(url, a, { question: 'Which projects should the neighbourhood fund?', proposalIds: ids, winners: 3, preset: 'nyc', budget: 430000, durationSec: 900 });
  const voters = await bots(url, a.id, 40);
  await roundAction(url, a, round.id, 'open');
  await castPlusOnly(voters, round.id, ids);
  return { a, voters, round };
}
