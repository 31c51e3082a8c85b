/** Session commands: joining an assembly, resyncing, and the staff's opinion-group reads. */
import { activeLink, authorizeFacilitator, authorizeStaff, getAssembly, groupsNotYetPublic, hubErr, hubOk, joinVoter, opinionGroupsView, rejoinSameSocket } from '../hub/index.ts';
import { assemblyGone, onAssembly, revokedErr, type CommandTable } from './define.ts';

export const sessionCommands = {
  'session:join': {
    roles: 'any',
    async run(input, caller, hub) {
      const found = getAssembly(hub, input.assemblyId);
      if (!found.ok) return found;
      const a = found.value;
      let participantId: string | null = null;
      let staffId: string | null = null;
      let token: string | undefined;
      if (input.role === 'facilitator') {
        const auth = authorizeFacilitator(hub, a.row.id, input.token);
        if (!auth.ok) return auth;
      } else if (input.role === 'staff') {
        const auth = authorizeStaff(hub, a.row.id, input.token);
        if (!auth.ok) return auth;
        staffId = auth.value.link.id;
      } else if (input.role === 'voter') {
        if (!caller.session) return hubErr('BAD_REQUEST', 'Join over Socket.IO.');
        const policy = caller.session.joinPolicy(a);
        // Re-sending join on the same socket: the same participant, never a new one.
        const same = caller.role === 'voter' && caller.assembly?.row.id === a.row.id ? caller.participantId : null;
        if (input.code && !input.token && !same) {
          const wait = policy.codeWait();
          if (wait > 0) return hubErr('RATE_LIMITED', `Too many wrong codes from this network; try again in ${Math.ceil(wait / 1000)} s.`);
        }
        const joined = same && !input.token ? await rejoinSameSocket(hub, a, same) : await joinVoter(hub, a, input.token, input.code, input.joinId, policy);
        if (!joined.ok) return joined;
        participantId = joined.value.participantId;
        token = joined.value.token;
      }
      if (!caller.session) return hubErr('BAD_REQUEST', 'Join over Socket.IO.');
      await caller.session.enter(a, input.role, participantId, staffId);
      const state = await caller.session.state(a, input.role, staffId ?? participantId);
      return hubOk({ role: input.role, assemblyId: a.row.id, ...(token ? { token } : {}), state });
    },
  },
  'state:sync': {
    roles: ['voter', 'facilitator', 'screen', 'staff'],
    async run(_input, caller) {
      if (!caller.assembly || !caller.role || !caller.session) return assemblyGone();
      if (caller.participantId && caller.assembly.revoked.has(caller.participantId)) return revokedErr();
      const staffId = caller.session.staffId();
      if (caller.role === 'staff') {
        const link = activeLink(caller.assembly, staffId);
        if (!link.ok) return link;
      }
      return hubOk(await caller.session.state(caller.assembly, caller.role, staffId ?? caller.participantId));
    },
  },
  // Staff (facilitator and projector) read the opinion groups of a round.
  'groups:get': {
    roles: ['facilitator', 'screen'],
    run: onAssembly((input, a, hub, caller) => {
      // Token-less screens get an open round's groups only after it closes (docs/security.md, "Timing").
      const early = caller.role === 'screen' ? groupsNotYetPublic(a, input.roundId) : null;
      return early ?? opinionGroupsView(hub, a, input.roundId);
    }),
  },
} satisfies Partial<CommandTable>;
