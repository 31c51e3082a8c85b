import { Empty, Join, RoundRef } from '../../shared/protocol/schemas.ts';
import { authorizeFacilitator, getAssembly, hubErr, hubOk, joinVoter, markOnline, opinionGroupsView, type HubContext } from '../hub/index.ts';
import { command } from './command.ts';
import { sessionState } from './state.ts';
import { rooms, type IoSocket } from './types.ts';

/** Leaves whatever assembly the socket was in (a socket joins one at a time). */
function leave(ctx: HubContext, socket: IoSocket): void {
  const { assemblyId, role, participantId } = socket.data;
  if (!assemblyId) return;
  for (const room of [rooms.all, rooms.staff, rooms.voters]) void socket.leave(room(assemblyId));
  if (participantId) void socket.leave(rooms.participant(participantId));
  const a = ctx.assemblies.get(assemblyId);
  if (a && role === 'voter' && participantId) markOnline(ctx, a, participantId, -1);
  socket.data = { role: null, assemblyId: null, participantId: null };
}

export function registerSession(ctx: HubContext, socket: IoSocket): void {
  socket.data.role ??= null;
  socket.data.assemblyId ??= null;
  socket.data.participantId ??= null;

  // A socket restored by connection-state recovery keeps its rooms and
  // data; it is online again.
  if (socket.recovered && socket.data.role === 'voter' && socket.data.assemblyId && socket.data.participantId) {
    const a = ctx.assemblies.get(socket.data.assemblyId);
    if (a) markOnline(ctx, a, socket.data.participantId, 1);
  }

  command(socket, 'session:join', Join, 'any', async (input) => {
    const found = getAssembly(ctx, input.assemblyId);
    if (!found.ok) return found;
    const a = found.value;
    let participantId: string | null = null;
    let token: string | undefined;
    if (input.role === 'facilitator') {
      const auth = authorizeFacilitator(ctx, a.row.id, input.token);
      if (!auth.ok) return auth;
    } else if (input.role === 'voter') {
      const joined = await joinVoter(ctx, a, input.token, input.code, input.joinId);
      if (!joined.ok) return joined;
      participantId = joined.value.participantId;
      token = joined.value.token;
    }
    leave(ctx, socket);
    socket.data = { role: input.role, assemblyId: a.row.id, participantId };
    await socket.join(rooms.all(a.row.id));
    await socket.join(input.role === 'voter' ? rooms.voters(a.row.id) : rooms.staff(a.row.id));
    if (participantId) await socket.join(rooms.participant(participantId));
    if (participantId) markOnline(ctx, a, participantId, 1);
    const state = await sessionState(ctx, a, input.role, participantId);
    return hubOk({ role: input.role, assemblyId: a.row.id, ...(token ? { token } : {}), state });
  });

  command(socket, 'state:sync', Empty, ['voter', 'facilitator', 'screen'], async (_input, s) => {
    const a = ctx.assemblies.get(s.data.assemblyId ?? '');
    if (!a || !s.data.role) return hubErr('NOT_FOUND', 'The assembly is gone.');
    return hubOk(await sessionState(ctx, a, s.data.role, s.data.participantId));
  });

  // Staff (facilitator and projector) read the opinion groups of a round.
  command(socket, 'groups:get', RoundRef, ['facilitator', 'screen'], async (input, s) => {
    const a = ctx.assemblies.get(s.data.assemblyId ?? '');
    if (!a) return hubErr('NOT_FOUND', 'The assembly is gone.');
    return opinionGroupsView(ctx, a, input.roundId);
  });

  socket.on('disconnect', () => leave(ctx, socket));
}

