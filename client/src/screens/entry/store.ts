/** The entry screen's store bound to React and to the browser (socket, localStorage, the link's key). */
import { bindStore } from '../../lib/bindStore.ts';
import { createSocket } from '../../lib/socket.ts';
import { browserStorage } from '../../lib/storage.ts';
import { createEntryStore, entryKeyStorage } from './entryStore.ts';

const entry = createEntryStore({ connect: createSocket, storage: browserStorage });

export const useEntryStore = bindStore(entry);

/** Reads the key from the address bar's fragment (`#key=…`), keeps it, and removes it from the address bar. */
function takeKey(assemblyId: string): string | null {
  const m = /(?:^#|&)key=([^&]+)/.exec(window.location.hash);
  if (m?.[1]) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return decodeURIComponent(m[1]);
  }
  return browserStorage.load<string>(entryKeyStorage(assemblyId));
}

export function startEntry(assemblyId: string): () => void {
  return entry.start(assemblyId, takeKey(assemblyId));
}
