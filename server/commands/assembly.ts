/** Facilitator commands on the assembly: settings, what the projector shows, access codes. */
import { fullAssemblyView, generateCodes, hubOk, listCodes, revokeCode, setDisplay, updateAssembly } from '../hub/index.ts';
import { onAssembly, only, type CommandTable } from './define.ts';

export const assemblyCommands = {
  'assembly:update': {
    roles: only,
    run: onAssembly(async (input, a, hub) => hubOk(fullAssemblyView(await updateAssembly(hub, a, input)))),
    rest: { method: 'patch', path: '' },
  },
  'display:set': {
    roles: only,
    run: onAssembly(async (input, a, hub) => hubOk({ mode: await setDisplay(hub, a, input.mode) })),
    rest: { method: 'put', path: '/display' },
  },
  'codes:generate': {
    roles: only,
    run: onAssembly((input, a, hub) => generateCodes(hub, a, input.count)),
    rest: { method: 'post', path: '/codes', status: 201 },
  },
  'codes:list': {
    roles: only,
    run: onAssembly((_input, a) => hubOk(listCodes(a))),
    rest: { method: 'get', path: '/codes', body: 'none' },
  },
  'code:revoke': {
    roles: only,
    run: onAssembly((input, a, hub) => revokeCode(hub, a, input.codeId, input.replace ?? false)),
    rest: { method: 'post', path: '/codes/:cid/revoke', params: { cid: 'codeId' } },
  },
} satisfies Partial<CommandTable>;
