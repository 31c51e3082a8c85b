/**
 * Paper ballots beside phones (docs/practice.md "Paper ballots"): the
 * facilitator's staff links and decisions, and a staff link's keying.
 */
import { createStaffLink, hubErr, keyPaper, listStaffLinks, hubOk, paperListView, resolvePaper, revokeStaffLink, voidPaper } from '../hub/index.ts';
import { onAssembly, only, type CommandTable } from './define.ts';

export const paperCommands = {
  'staff:create': {
    roles: only,
    run: onAssembly((input, a, hub) => createStaffLink(hub, a, input.name)),
    rest: { method: 'post', path: '/staff', status: 201 },
  },
  'staff:list': {
    roles: only,
    run: onAssembly((_input, a) => hubOk(listStaffLinks(a))),
    rest: { method: 'get', path: '/staff', body: 'none' },
  },
  'staff:revoke': {
    roles: only,
    run: onAssembly((input, a, hub) => revokeStaffLink(hub, a, input.staffId)),
    rest: { method: 'post', path: '/staff/:sid/revoke', params: { sid: 'staffId' }, body: 'none' },
  },
  // A staff link keys one paper ballot (Socket.IO only: the entry screen).
  'paper:key': {
    roles: ['staff'],
    async run(input, caller, hub) {
      if (!caller.assembly) return hubErr('NOT_JOINED', 'Open the staff link first.');
      // A typed code is a code attempt like a phone's: the same per-address back-off and console count (docs/security.md, "Limits").
      const policy = input.code && caller.session ? caller.session.joinPolicy(caller.assembly) : null;
      const wait = policy?.codeWait() ?? 0;
      if (wait > 0) return hubErr('RATE_LIMITED', `Too many wrong codes from this network; try again in ${Math.ceil(wait / 1000)} s.`);
      const keyed = await keyPaper(hub, caller.assembly, caller.session?.staffId() ?? null, input);
      if (!keyed.ok && keyed.code === 'CODE_INVALID') policy?.codeFailed?.();
      return keyed;
    },
  },
  'paper:list': {
    roles: only,
    run: onAssembly((input, a, hub) => paperListView(hub, a, input.roundId)),
    rest: { method: 'get', path: '/rounds/:rid/paper', params: { rid: 'roundId' }, body: 'none' },
  },
  'paper:resolve': {
    roles: only,
    run: onAssembly((input, a, hub) => resolvePaper(hub, a, input)),
    rest: { method: 'post', path: '/rounds/:rid/paper/resolve', params: { rid: 'roundId' } },
  },
  'paper:void': {
    roles: only,
    run: onAssembly((input, a, hub) => voidPaper(hub, a, input)),
    rest: { method: 'post', path: '/rounds/:rid/paper/void', params: { rid: 'roundId' } },
  },
} satisfies Partial<CommandTable>;
