/**
 * A socket's session: which assembly and role it joined, its rooms, and
 * the participant's online count. The session commands (server/commands/
 * session.ts) reach it through the SessionPort made here.
 */
import type { SessionPort } from '../commands/index.ts';
import type { AbuseGuard } from '../abuse.ts';
import { markOnline, type HubContext } from '../hub/index.ts';
import { registerCommands } from './commands.ts';
import { sessionState } from './state.ts';
import { rooms, type IoSocket } from './types.ts';

/** Leaves whatever assembly the socket was in (a socket joins one at a time). */
function leave(ctx: HubContext, socket: IoSocket): void {
  const { assemblyId, role, participantId, staffId } = socket.data;
  if (!assemblyId) return;
  for (const room of [rooms.all, rooms.facilitators, rooms.screens, rooms.voters, rooms.entry]) void socket.leave(room(assemblyId));
  if (participantId) void socket.leave(rooms.participant(participantId));
  if (staffId) void socket.leave(rooms.staffLink(staffId));
  const a = ctx.assemblies.get(assemblyId);
  if (a && role === 'voter' && participantId) markOnline(ctx, a, participantId, -1);
  socket.data = { role: null, assemblyId: null, participantId: null, staffId: null };
}

/** What the transport knows of a socket's origin, and the limits that apply to it. */
export interface SessionLimits {
  /** The client's address (through the one trusted-proxy setting). */
  address: string;
  guard: AbuseGuard;
  /** The console should hear of joins and failed codes for this assembly. */
  securityChanged(assemblyId: string): void;
}

/** Sets up a new connection: its session and every command of the table. */
export function registerSession(ctx: HubContext, socket: IoSocket, limits: SessionLimits): void {
  // New participants this socket made; re-sending join returns the same one.
  let created = 0;
  socket.data.role ??= null;
  socket.data.assemblyId ??= null;
  socket.data.participantId ??= null;
  socket.data.staffId ??= null;

  // A socket restored by connection-state recovery keeps its rooms and
  // data; it is online again.
  if (socket.recovered && socket.data.assemblyId) {
    const a = ctx.assemblies.get(socket.data.assemblyId);
    const { role, participantId, staffId } = socket.data;
    // Revoked while its link was down (a phone's card, a staff link): the revocation's disconnect never reached it, so it ends here.
    const revoked = (participantId !== null && a?.revoked.has(participantId)) || (role === 'staff' && a?.staff.get(staffId ?? '')?.revokedAt !== null);
    if (revoked) {
      socket.data = { role: null, assemblyId: null, participantId: null, staffId: null };
      socket.disconnect(true);
      return;
    }
    if (a && role === 'voter' && participantId) markOnline(ctx, a, participantId, 1);
  }

  const session: SessionPort = {
    async enter(a, role, participantId, staffId = null) {
      const d = socket.data;
      // The same phone joining again on this socket stays online once.
      const rejoined = d.role === 'voter' && role === 'voter' && d.assemblyId === a.row.id && d.participantId === participantId;
      if (!rejoined) leave(ctx, socket);
      socket.data = { role, assemblyId: a.row.id, participantId, staffId };
      // A staff link hears only of its round and its own keyings: not the display, not the room's tallies.
      if (role === 'staff') {
        await socket.join([rooms.entry(a.row.id), rooms.staffLink(staffId ?? '')]);
      } else {
        await socket.join(rooms.all(a.row.id));
        await socket.join((role === 'voter' ? rooms.voters : role === 'facilitator' ? rooms.facilitators : rooms.screens)(a.row.id));
      }
      if (participantId) await socket.join(rooms.participant(participantId));
      if (participantId && !rejoined) markOnline(ctx, a, participantId, 1);
      // The first event of every join, through the adapter (not socket.emit)
      // so it carries a recovery offset, and sent before the join's ack: a
      // client that saw the ack can be recovered after any drop.
      socket.nsp.to(socket.id).emit('session:joined', { role, assemblyId: a.row.id });
      if (role === 'facilitator') socket.emit('security:updated', limits.guard.report(a.row.id, Date.now()));
    },
    joinPolicy(a) {
      const { address, guard } = limits;
      return {
        codeWait: () => guard.codeWait(address, Date.now()),
        mayCreate: () => {
          if (created >= guard.limits.joinPerSocket || !guard.mayCreate(address, Date.now())) return false;
          created++;
          guard.created(a.row.id, address);
          limits.securityChanged(a.row.id);
          return true;
        },
        codeFailed: () => {
          guard.codeFailed(a.row.id, address, Date.now());
          limits.securityChanged(a.row.id);
        },
      };
    },
    state: (a, role, id) => sessionState(ctx, a, role, id),
    staffId: () => socket.data.staffId ?? null,
  };
  registerCommands(ctx, socket, session);

  socket.on('disconnect', () => leave(ctx, socket));
}
