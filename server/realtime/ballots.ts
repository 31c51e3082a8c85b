import { BallotSubmit } from '../../shared/protocol/schemas.ts';
import { hubErr, submitBallot, type HubContext } from '../hub/index.ts';
import { command } from './command.ts';
import type { IoSocket } from './types.ts';

export function registerBallots(ctx: HubContext, socket: IoSocket): void {
  command(socket, 'ballot:submit', BallotSubmit, ['voter'], (input, s) => {
    const a = ctx.assemblies.get(s.data.assemblyId ?? '');
    if (!a || !s.data.participantId) return hubErr('NOT_JOINED', 'Join an assembly first.');
    return submitBallot(ctx, a, s.data.participantId, input);
  });
}
