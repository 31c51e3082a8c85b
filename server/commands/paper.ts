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
    run: (input, caller, hub) => (caller.assembly ? keyPaper(hub, caller.assembly, caller.session?.staffId() ?? null, input) : hubErr('NOT_JOINED', 'Open the staff link first.')),
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
