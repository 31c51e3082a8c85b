/** Facilitator commands on proposals: create, edit, delete, reorder, moderate, merge. */
import { createProposal, deleteProposal, mergeProposals, moderateProposal, proposalView, reorderProposals, updateProposal } from '../hub/index.ts';
import { mapResult, onAssembly, only, type CommandTable } from './define.ts';

export const proposalCommands = {
  'proposal:create': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await createProposal(hub, a, input), proposalView)),
    rest: { method: 'post', path: '/proposals', status: 201 },
  },
  'proposal:update': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await updateProposal(hub, a, input.proposalId, input.patch), proposalView)),
    rest: { method: 'patch', path: '/proposals/:pid', params: { pid: 'proposalId' }, body: 'patch' },
  },
  'proposal:delete': {
    roles: only,
    run: onAssembly((input, a, hub) => deleteProposal(hub, a, input.proposalId)),
    rest: { method: 'delete', path: '/proposals/:pid', params: { pid: 'proposalId' }, body: 'none' },
  },
  'proposal:reorder': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await reorderProposals(hub, a, input.proposalIds), (rows) => rows.map(proposalView))),
    rest: { method: 'put', path: '/proposals/order' },
  },
  'proposal:moderate': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await moderateProposal(hub, a, input), proposalView)),
    rest: { method: 'post', path: '/proposals/:pid/moderate', params: { pid: 'proposalId' } },
  },
  'proposal:merge': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await mergeProposals(hub, a, input), proposalView)),
    rest: { method: 'post', path: '/proposals/merge' },
  },
} satisfies Partial<CommandTable>;
