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
 * phone) keeps nothing between people: its storage is memory only, and
 * `forgetKioskVisitor` drops it before the next person joins.
 */
export const isKiosk = typeof window !== 'undefined' && /^\/a\/[^/]+\/kiosk\/?$/.test(window.location.pathname);
let kioskMemory = memoryStorage();
const kioskStorage: KeyValueStorage = {
  load: (key) => kioskMemory.load(key),
  save: (key, value) => kioskMemory.save(key, value),
  remove: (key) => kioskMemory.remove(key),
};
/** Forgets the kiosk's last visitor (token, draft, profile answers); the session itself ends with VoterScreen's unmount. */
export function forgetKioskVisitor(): void {
  kioskMemory = memoryStorage();
  voter.forgetVisitor();
}

const voter = createVoterStore({
  connect: createSocket,
  storage: isKiosk ? kioskStorage : browserStorage,
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

export const useVoterStore = bindStore(voter);
export const voterCommand = <E extends CommandName>(event: E, payload: CommandInput<E>) => voter.command(event, payload);
export const addSubmission = voter.addSubmission;
export const refreshState = voter.refreshState;

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
