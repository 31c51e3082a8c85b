/** Voter commands: ballots, proposals from the phone, profile answers. */
import { answerProfile, submitBallot, submitProposal } from '../hub/index.ts';
import { asVoter, type CommandTable } from './define.ts';

export const voterCommands = {
  'ballot:submit': { roles: ['voter'], run: asVoter((input, a, participantId, hub) => submitBallot(hub, a, participantId, input)) },
  'proposal:submit': { roles: ['voter'], run: asVoter((input, a, participantId, hub) => submitProposal(hub, a, participantId, input)) },
  'profile:answer': { roles: ['voter'], run: asVoter((input, a, participantId, hub) => answerProfile(hub, a, participantId, input.answers)) },
} satisfies Partial<CommandTable>;
