/** The phone's store bound to React and to the page (socket, localStorage, the card link's code, visibility). */
import { api } from '../../lib/api.ts';
import { bindStore } from '../../lib/bindStore.ts';
import { createSocket, type CommandInput, type CommandName } from '../../lib/socket.ts';
import { browserStorage, memoryStorage, type KeyValueStorage } from '../../lib/storage.ts';
import type { VoterAssemblyView } from '../../../../shared/protocol/views.ts';
import { createVoterStore } from './voterStore.ts';

export type { JoinError, Pending, VoterStore } from './voterStore.ts';

/**
 * A kiosk (`/a/:id/kiosk`, §5.1: a shared tablet for people without a
 * phone) keeps nothing between people: each visitor's session gets its own
 * memory-only storage (the store asks for it once, at start), and
 * `forgetKioskVisitor` ends the session before a new memory is made.
 */
export const isKiosk = typeof window !== 'undefined' && /^\/a\/[^/]+\/kiosk\/?$/.test(window.location.pathname);
let kioskMemory: KeyValueStorage = memoryStorage();

const voter = createVoterStore({
  connect: createSocket,
  // A getter, not a proxy to whatever memory is current: a session keeps
  // the memory it started with, so a late write of the last visitor's
  // session can never land in the next visitor's memory.
  storage: isKiosk ? () => kioskMemory : browserStorage,
  async publicAssembly(assemblyId) {
    try {
      const res = await fetch(`/api/assemblies/${encodeURIComponent(assemblyId)}/public`, { headers: { accept: 'application/json' } });
      const body = (await res.json()) as { ok: boolean; data?: VoterAssemblyView };
      return body.ok && body.data
        ? { id: body.data.id, title: body.data.title, joinMode: body.data.joinMode, language: body.data.language, currency: body.data.currency }
        : null;
    } catch {
      return null; // the header says "D21 vote"
    }
  },
});

/**
 * Forgets the kiosk's last visitor. First their session ends (socket
 * closed, so the server hears nothing more from it; timers cancelled; any
 * ack still on its way dropped), then their token, draft, profile answers,
 * code and join id go, and only then is a fresh memory made for the next
 * visitor's session.
 */
export function forgetKioskVisitor(): void {
  voter.forgetVisitor();
  kioskMemory = memoryStorage();
}

export const useVoterStore = bindStore(voter);
export const voterCommand = <E extends CommandName>(event: E, payload: CommandInput<E>) => voter.command(event, payload);
export const addSubmission = voter.addSubmission;
export const refreshState = voter.refreshState;
/** The live session's storage: localStorage on a phone, the visitor's own memory on a kiosk (proposal drafts, the ballot order's token). */
export const visitorStorage = (): KeyValueStorage => voter.storage();
/** The live session's number (0: none): a kiosk tells one visitor's state from the next's. */
export const voterSession = (): number => voter.session();

/**
 * A printed card's QR code opens `/a/:id?code=XXXX-XXXX`: the code is taken
 * into memory and removed from the address bar at once, so it is not left
 * in the history, a bookmark or a shared link.
 */
function takeCode(): string | null {
  const url = new URL(window.location.href);
  const value = url.searchParams.get('code');
  if (value === null) return null;
  url.searchParams.delete('code');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return value.trim().slice(0, 64) || null;
}

/** Connects the phone to one assembly; returns the cleanup. */
export function startVoter(assemblyId: string): () => void {
  const stop = voter.start(assemblyId, takeCode());
  void api.config(); // learns the server's clock for countdowns
  const onVisible = () => {
    if (document.visibilityState === 'visible') voter.resume();
  };
  const onOnline = () => voter.online();
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', onOnline);
  return () => {
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('online', onOnline);
    stop();
  };
}
