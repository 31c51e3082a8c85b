import {
  AssemblyUpdate,
  ProposalMerge,
  ProposalModerate,
  RoundAdvance,
  CodeRevoke,
  CodesGenerate,
  DisplaySet,
  Empty,
  ProposalCreateCmd,
  ProposalOrder,
  ProposalRef,
  ProposalUpdateCmd,
  RoundCreate,
  RoundExtend,
  RoundOpen,
  RoundRef,
  RoundUpdate,
} from '../../shared/protocol/schemas.ts';
import {
  advanceRound,
  closeRound,
  mergeProposals,
  moderateProposal,
  segmentBreakdown,
  updateAssembly,
  createProposal,
  createRound,
  deleteProposal,
  extendRound,
  generateCodes,
  listCodes,
  revokeCode,
  hubErr,
  hubOk,
  openRound,
  proposalView,
  reorderProposals,
  roundView,
  setDisplay,
  updateProposal,
  updateRound,
  fullAssemblyView,
  type AssemblyState,
  type HubContext,
  type HubResult,
} from '../hub/index.ts';
import { command } from './command.ts';
import type { IoSocket } from './types.ts';

/** Maps a hub result's value for the wire. */
function map<A, B>(r: HubResult<A>, f: (a: A) => B): HubResult<B> {
  return r.ok ? hubOk(f(r.value)) : r;
}

/** Facilitator-only commands: the role is checked before the payload is read. */
export function registerFacilitator(ctx: HubContext, socket: IoSocket): void {
  const only = ['facilitator'] as const;
  const assembly = (s: IoSocket): AssemblyState | null => ctx.assemblies.get(s.data.assemblyId ?? '') ?? null;
  const gone = () => hubErr('NOT_FOUND', 'The assembly is gone.');

  command(socket, 'proposal:create', ProposalCreateCmd, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await createProposal(ctx, a, input), proposalView) : gone();
  });
  command(socket, 'proposal:update', ProposalUpdateCmd, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await updateProposal(ctx, a, input.proposalId, input.patch), proposalView) : gone();
  });
  command(socket, 'proposal:delete', ProposalRef, only, async (input, s) => {
    const a = assembly(s);
    return a ? deleteProposal(ctx, a, input.proposalId) : gone();
  });
  command(socket, 'proposal:reorder', ProposalOrder, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await reorderProposals(ctx, a, input.proposalIds), (rows) => rows.map(proposalView)) : gone();
  });
  command(socket, 'round:create', RoundCreate, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await createRound(ctx, a, input), roundView) : gone();
  });
  command(socket, 'round:update', RoundUpdate, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await updateRound(ctx, a, input), roundView) : gone();
  });
  command(socket, 'round:open', RoundOpen, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await openRound(ctx, a, input.roundId, input.durationSec), roundView) : gone();
  });
  command(socket, 'round:close', RoundRef, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await closeRound(ctx, a, input.roundId), roundView) : gone();
  });
  command(socket, 'round:extend', RoundExtend, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await extendRound(ctx, a, input.roundId, input.seconds), roundView) : gone();
  });
  command(socket, 'codes:generate', CodesGenerate, only, async (input, s) => {
    const a = assembly(s);
    return a ? generateCodes(ctx, a, input.count) : gone();
  });
  command(socket, 'codes:list', Empty, only, (_input, s) => {
    const a = assembly(s);
    return a ? hubOk(listCodes(a)) : gone();
  });
  command(socket, 'code:revoke', CodeRevoke, only, async (input, s) => {
    const a = assembly(s);
    return a ? revokeCode(ctx, a, input.codeId, input.replace ?? false) : gone();
  });
  command(socket, 'assembly:update', AssemblyUpdate, only, async (input, s) => {
    const a = assembly(s);
    return a ? hubOk(fullAssemblyView(await updateAssembly(ctx, a, input))) : gone();
  });
  command(socket, 'proposal:moderate', ProposalModerate, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await moderateProposal(ctx, a, input), proposalView) : gone();
  });
  command(socket, 'proposal:merge', ProposalMerge, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await mergeProposals(ctx, a, input), proposalView) : gone();
  });
  command(socket, 'round:advance', RoundAdvance, only, async (input, s) => {
    const a = assembly(s);
    return a ? map(await advanceRound(ctx, a, input), roundView) : gone();
  });
  command(socket, 'breakdown:get', RoundRef, only, async (input, s) => {
    const a = assembly(s);
    return a ? segmentBreakdown(ctx, a, input.roundId) : gone();
  });
  command(socket, 'display:set', DisplaySet, only, async (input, s) => {
    const a = assembly(s);
    return a ? hubOk({ mode: await setDisplay(ctx, a, input.mode) }) : gone();
  });
}
