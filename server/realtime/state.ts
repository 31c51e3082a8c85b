import type { SessionState, VoterRoundView, VoterState } from '../../shared/protocol/views.ts';
import { currentRound, fullAssemblyView, myBallot, mySubmissions, turnout, proposalView, roundView, snapshot, type AssemblyState, type HubContext } from '../hub/index.ts';

/** The current round as a phone sees it: the round and its proposals in ballot order. */
export function voterRound(a: AssemblyState): VoterRoundView | null {
  const round = currentRound(a);
  if (!round) return null;
  const proposals = round.proposalIds.flatMap((id) => {
    const p = a.proposals.get(id);
    return p ? [proposalView(p)] : [];
  });
  return { round: roundView(round), proposals };
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

export async function sessionState(
  ctx: HubContext,
  a: AssemblyState,
  role: 'voter' | 'facilitator' | 'screen',
  participantId: string | null,
): Promise<SessionState> {
  if (role === 'voter') return { role, ...(await voterState(ctx, a, participantId ?? '')) };
  const snap = snapshot(a, ctx.clock.now());
  return { role, assembly: fullAssemblyView(a), snapshot: snap, turnout: snap?.turnout ?? turnout(a, null) };
}
