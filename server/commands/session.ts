/** Session commands: joining an assembly, resyncing, and the staff's opinion-group reads. */
import { authorizeFacilitator, getAssembly, hubErr, hubOk, joinVoter, opinionGroupsView } from '../hub/index.ts';
import { assemblyGone, onAssembly, type CommandTable } from './define.ts';

export const sessionCommands = {
  'session:join': {
    roles: 'any',
    async run(input, caller, hub) {
      const found = getAssembly(hub, input.assemblyId);
      if (!found.ok) return found;
      const a = found.value;
      let participantId: string | null = null;
      let token: string | undefined;
      if (input.role === 'facilitator') {
        const auth = authorizeFacilitator(hub, a.row.id, input.token);
        if (!auth.ok) return auth;
      } else if (input.role === 'voter') {
        const joined = await joinVoter(hub, a, input.token, input.code, input.joinId);
        if (!joined.ok) return joined;
        participantId = joined.value.participantId;
        token = joined.value.token;
      }
      if (!caller.session) return hubErr('BAD_REQUEST', 'Join over Socket.IO.');
      await caller.session.enter(a, input.role, participantId);
      const state = await caller.session.state(a, input.role, participantId);
      return hubOk({ role: input.role, assemblyId: a.row.id, ...(token ? { token } : {}), state });
    },
  },
  'state:sync': {
    roles: ['voter', 'facilitator', 'screen'],
    async run(_input, caller) {
      if (!caller.assembly || !caller.role || !caller.session) return assemblyGone();
      return hubOk(await caller.session.state(caller.assembly, caller.role, caller.participantId));
    },
  },
  // Staff (facilitator and projector) read the opinion groups of a round.
  'groups:get': {
    roles: ['facilitator', 'screen'],
    run: onAssembly((input, a, hub) => opinionGroupsView(hub, a, input.roundId)),
  },
} satisfies Partial<CommandTable>;
