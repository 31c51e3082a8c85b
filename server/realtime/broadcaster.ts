import {
  codeView,
  entryState,
  entryView,
  paperBallotView,
  fullAssemblyView,
  noteCounted,
  proposalView,
  publicSnapshot,
  snapshot,
  submissionView,
  turnout,
  type AssemblyState,
  type HubContext,
  type HubListener,
} from '../hub/index.ts';
import { screenView, voterRound } from './state.ts';
import { rooms, type IoServer } from './types.ts';

/**
 * Turns hub changes into broadcasts, each to the roles allowed to receive
 * it (the table in shared/protocol/disclosure.ts). Tally changes are
 * coalesced per assembly: at most one snapshot per interval.
 */
export function createBroadcaster(io: IoServer, ctx: HubContext, intervalMs: number): HubListener & { stop(): void } {
  const lastSent = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** The last screen view sent per assembly: screens hear only of changes they can see. */
  const lastScreen = new Map<string, string>();

  function sendSnapshot(a: AssemblyState): void {
    timers.delete(a.row.id);
    lastSent.set(a.row.id, Date.now());
    const now = ctx.clock.now();
    const snap = snapshot(a, now);
    // The console sees the live tally (a hidden round's too); screens the released room view (docs/security.md, "Timing").
    // Computed once when the room may see the results anyway (results are the costly part).
    const mine = snap && snap.results === null ? snapshot(a, now, 'facilitator') : snap;
    const pub = publicSnapshot(a, now, snap);
    for (const [room, s] of [[rooms.facilitators(a.row.id), mine], [rooms.screens(a.row.id), pub]] as const) {
      if (s) io.to(room).emit('tally:snapshot', s);
      io.to(room).emit('turnout:updated', s?.turnout ?? turnout(a, null));
    }
  }

  function screensChanged(a: AssemblyState): void {
    const view = screenView(a);
    const json = JSON.stringify(view);
    if (lastScreen.get(a.row.id) === json) return;
    lastScreen.set(a.row.id, json);
    io.to(rooms.screens(a.row.id)).emit('screen:updated', view);
  }

  return {
    assemblyChanged(a) {
      io.to(rooms.facilitators(a.row.id)).emit('assembly:updated', fullAssemblyView(a));
      screensChanged(a);
    },
    proposalChanged(a, proposal) {
      io.to(rooms.facilitators(a.row.id)).emit('proposal:updated', proposalView(proposal));
      // Only a proposal on an opened ballot is on the screens at all.
      for (const r of a.rounds.values()) {
        if (r.status !== 'draft' && r.proposalIds.includes(proposal.id)) return screensChanged(a);
      }
    },
    currentRoundChanged(a) {
      io.to(rooms.voters(a.row.id)).emit('round:updated', voterRound(a));
      // Each staff link gets its own state: the round to key for and its own keyings there.
      for (const link of a.staff.values()) if (link.revokedAt === null) io.to(rooms.staffLink(link.id)).emit('entry:updated', entryState(a, link.id));
    },
    displayChanged(a) {
      io.to(rooms.all(a.row.id)).emit('display:updated', a.row.display);
    },
    tallyChanged(a, roundId, participantId) {
      if (participantId) noteCounted(a, roundId, participantId);
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
      io.to(rooms.facilitators(a.row.id)).emit('codes:updated', codeView(code));
    },
    submissionChanged(a, proposal) {
      if (proposal.authorId) io.to(rooms.participant(proposal.authorId)).emit('submission:updated', submissionView(proposal, a));
    },
    staffRevoked(_a, staffId) {
      io.in(rooms.staffLink(staffId)).disconnectSockets(true);
    },
    paperChanged(a, roundId, serial) {
      const rp = a.paper.get(roundId);
      const sp = rp?.serials.get(serial);
      if (!rp || !sp) return;
      io.to(rooms.facilitators(a.row.id)).emit('paper:updated', { roundId, ballot: paperBallotView(a, sp) });
      // Each link that keyed the serial hears where its own keying stands; never another link's ballot.
      for (const k of sp.keyings) io.to(rooms.staffLink(k.staffId)).emit('paper:status', entryView(k, rp));
    },
    stop() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
