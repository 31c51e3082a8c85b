/** Facilitator commands on rounds: create, edit, open, close, extend, publish to phones, advance the top K, results by group. */
import { advanceRound, closeRound, coSupportView, createRound, extendRound, openRound, publishResults, roundView, segmentBreakdown, updateRound } from '../hub/index.ts';
import { mapResult, onAssembly, only, type CommandTable } from './define.ts';

export const roundCommands = {
  'round:create': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await createRound(hub, a, input), roundView)),
    rest: { method: 'post', path: '/rounds', status: 201 },
  },
  'round:update': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await updateRound(hub, a, input), roundView)),
    rest: { method: 'patch', path: '/rounds/:rid', params: { rid: 'roundId' } },
  },
  'round:open': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await openRound(hub, a, input.roundId, input.durationSec), roundView)),
    rest: { method: 'post', path: '/rounds/:rid/open', params: { rid: 'roundId' } },
  },
  'round:close': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await closeRound(hub, a, input.roundId), roundView)),
    rest: { method: 'post', path: '/rounds/:rid/close', params: { rid: 'roundId' }, body: 'none' },
  },
  'round:extend': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await extendRound(hub, a, input.roundId, input.seconds), roundView)),
    rest: { method: 'post', path: '/rounds/:rid/extend', params: { rid: 'roundId' } },
  },
  'round:publish': {
    roles: only,
    run: onAssembly((input, a, hub) => publishResults(hub, a, input.roundId, input.published)),
    rest: { method: 'post', path: '/rounds/:rid/publish', params: { rid: 'roundId' } },
  },
  'round:advance': {
    roles: only,
    run: onAssembly(async (input, a, hub) => mapResult(await advanceRound(hub, a, input), roundView)),
    rest: { method: 'post', path: '/rounds/:rid/advance', params: { rid: 'fromRoundId' }, status: 201 },
  },
  // REST: the breakdown.json / breakdown.csv exports (server/http/exports.ts).
  'breakdown:get': {
    roles: only,
    run: onAssembly((input, a, hub) => segmentBreakdown(hub, a, input.roundId)),
  },
  // §5.8 co-support; REST: the co-support.json / co-support.csv exports (server/http/exports.ts).
  'cosupport:get': {
    roles: only,
    run: onAssembly((input, a, hub) => coSupportView(hub, a, input.roundId)),
  },
} satisfies Partial<CommandTable>;
