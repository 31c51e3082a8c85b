/** The facilitator console's store bound to React and to the browser (socket, localStorage, the link's token). */
import type { DisplayMode } from '../../../../shared/protocol/schemas.ts';
import { bindStore } from '../../lib/bindStore.ts';
import { rememberAssembly } from '../../lib/recentAssemblies.ts';
import { createSocket, type CommandInput, type CommandName } from '../../lib/socket.ts';
import { browserStorage, keys } from '../../lib/storage.ts';
import { createFacilitatorStore } from './facilitatorStore.ts';

export type { FacilitatorStore } from './facilitatorStore.ts';

const facilitator = createFacilitatorStore({ connect: createSocket, storage: browserStorage, remember: rememberAssembly });

export const useFacilitatorStore = bindStore(facilitator);

/** Runs a facilitator command; returns its data or the error for the form to show inline. */
export const command = <E extends CommandName>(event: E, payload: CommandInput<E>) => facilitator.command(event, payload);

export function setDisplay(mode: DisplayMode) {
  return command('display:set', { mode });
}

/** Reads the token from the address bar's fragment, keeps it, and removes it from the address bar. */
function takeToken(assemblyId: string): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m?.[1]) {
    const token = decodeURIComponent(m[1]);
    browserStorage.save(keys.facilitatorToken(assemblyId), token);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return token;
  }
  return browserStorage.load<string>(keys.facilitatorToken(assemblyId));
}

export function startFacilitator(assemblyId: string): () => void {
  return facilitator.start(assemblyId, takeToken(assemblyId));
}
