import { codeView, fullAssemblyView, snapshot, submissionView, turnout, type AssemblyState, type HubContext, type HubListener } from '../hub/index.ts';
import { voterRound } from './state.ts';
import { rooms, type IoServer } from './types.ts';

/**
 * Turns hub changes into broadcasts. Tally changes are coalesced per
 * assembly: at most one snapshot per interval, sent as soon as the interval
 * since the last one allows, so one ballot in a quiet room shows at once and
 * five thousand a second still cost only a few messages.
 */
export function createBroadcaster(io: IoServer, ctx: HubContext, intervalMs: number): HubListener & { stop(): void } {
  const lastSent = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();

  function sendSnapshot(a: AssemblyState): void {
    timers.delete(a.row.id);
    lastSent.set(a.row.id, Date.now());
    const now = ctx.clock.now();
    const snap = snapshot(a, now);
    const staff = io.to(rooms.staff(a.row.id));
    // Consoles get a hidden round's live results; screens never do (tests/integration/hidden-results.test.ts).
    if (snap) staff.except(rooms.facilitators(a.row.id)).emit('tally:snapshot', snap);
    const mine = snapshot(a, now, 'facilitator');
    if (mine) io.to(rooms.facilitators(a.row.id)).emit('tally:snapshot', mine);
    staff.emit('turnout:updated', snap?.turnout ?? turnout(a, null));
  }

  return {
    assemblyChanged(a) {
      io.to(rooms.staff(a.row.id)).emit('assembly:updated', fullAssemblyView(a));
    },
    currentRoundChanged(a) {
      io.to(rooms.voters(a.row.id)).emit('round:updated', voterRound(a));
    },
    displayChanged(a) {
      io.to(rooms.all(a.row.id)).emit('display:updated', a.row.display);
    },
    tallyChanged(a) {
      const id = a.row.id;
      if (timers.has(id)) return;
      const wait = Math.max(0, (lastSent.get(id) ?? 0) + intervalMs - Date.now());
      const timer = setTimeout(() => sendSnapshot(a), wait);
      timers.set(id, timer);
    },
    participantRevoked(_a, participantId) {
      io.in(rooms.participant(participantId)).disconnectSockets(true);
    },
    settingsChanged(a) {
      io.to(rooms.voters(a.row.id)).emit('settings:updated', { title: a.row.title, submissions: a.row.settings.submissions, profile: a.row.settings.profile });
    },
    codeChanged(a, code) {
      io.to(rooms.staff(a.row.id)).emit('codes:updated', codeView(code));
    },
    submissionChanged(a, proposal) {
      if (proposal.authorId) io.to(rooms.participant(proposal.authorId)).emit('submission:updated', submissionView(proposal, a));
    },
    stop() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
