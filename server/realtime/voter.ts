import { BallotSubmit, ProfileAnswer, ProposalSubmit } from '../../shared/protocol/schemas.ts';
import { answerProfile, hubErr, submitBallot, submitProposal, type HubContext } from '../hub/index.ts';
import { command } from './command.ts';
import type { IoSocket } from './types.ts';

/** Voter commands: ballots, proposals from the phone, profile answers. */
export function registerVoter(ctx: HubContext, socket: IoSocket): void {
  command(socket, 'ballot:submit', BallotSubmit, ['voter'], (input, s) => {
    const a = ctx.assemblies.get(s.data.assemblyId ?? '');
    if (!a || !s.data.participantId) return hubErr('NOT_JOINED', 'Join an assembly first.');
    return submitBallot(ctx, a, s.data.participantId, input);
  });
  command(socket, 'proposal:submit', ProposalSubmit, ['voter'], (input, s) => {
    const a = ctx.assemblies.get(s.data.assemblyId ?? '');
    if (!a || !s.data.participantId) return hubErr('NOT_JOINED', 'Join an assembly first.');
    return submitProposal(ctx, a, s.data.participantId, input);
  });
  command(socket, 'profile:answer', ProfileAnswer, ['voter'], (input, s) => {
    const a = ctx.assemblies.get(s.data.assemblyId ?? '');
    if (!a || !s.data.participantId) return hubErr('NOT_JOINED', 'Join an assembly first.');
    return answerProfile(ctx, a, s.data.participantId, input.answers);
  });
}
