import type { SessionState, VoterRoundView, VoterState } from '../../shared/protocol/views.ts';
import type { Role } from '../../shared/protocol/schemas.ts';
import {
  currentRound,
  entryState,
  fullAssemblyView,
  myBallot,
  mySubmissions,
  paperProposalView,
  publicSnapshot,
  resultsPublished,
  roundResults,
  roundView,
  screenAssemblyView,
  snapshot,
  turnout,
  type AssemblyState,
  type HubContext,
} from '../hub/index.ts';

/**
 * The current round as a phone sees it: the round and its frozen ballot
 * paper in ballot order, so a phone that reconnects sees exactly what it
 * voted on, whatever happened to the proposals since.
 */
export function voterRound(a: AssemblyState): VoterRoundView | null {
  const round = currentRound(a);
  if (!round) return null;
  const proposals = (round.paper ?? []).map((entry, position) => paperProposalView(entry, position));
  // The paper goes to phones once, as `proposals` (every phone gets this on every round change).
  const results = resultsPublished(a, round.id) ? roundResults(a, round) : null;
  return { round: { ...roundView(round), paper: null }, proposals, results };
}

export async function voterState(ctx: HubContext, a: AssemblyState, participantId: string): Promise<VoterState> {
  const current = voterRound(a);
  return {
    assembly: { id: a.row.id, title: a.row.title, joinMode: a.row.joinMode, language: a.row.settings.language, currency: a.row.settings.currency },
    current,
    myBallot: current ? await myBallot(ctx, a, current.round.id, participantId) : null,
    display: a.row.display,
    submissions: { ...a.row.settings.submissions, mine: mySubmissions(a, participantId) },
    profile: {
      questions: a.row.settings.profile,
      answers: a.profiles.get(participantId) ?? {},
      answered: a.profiles.has(participantId),
    },
  };
}

/** What a token-less screen knows of the assembly (docs/security.md). */
export function screenView(a: AssemblyState) {
  return screenAssemblyView(a.row, a.proposals, a.rounds.values(), currentRound(a)?.id ?? null);
}

export async function sessionState(
  ctx: HubContext,
  a: AssemblyState,
  role: Role,
  /** The voter's participant id, or the staff link's id. */
  id: string | null,
): Promise<SessionState> {
  if (role === 'voter') return { role, ...(await voterState(ctx, a, id ?? '')) };
  if (role === 'staff') return { role, ...entryState(a, id ?? '') };
  const now = ctx.clock.now();
  // The console sees the live tally (a hidden round's too); screens the released room view (docs/security.md, "Timing").
  const snap = role === 'facilitator' ? snapshot(a, now, 'facilitator') : publicSnapshot(a, now);
  const common = { snapshot: snap, turnout: snap?.turnout ?? turnout(a, null) };
  return role === 'facilitator' ? { role, assembly: fullAssemblyView(a), ...common } : { role, assembly: screenView(a), ...common };
}
