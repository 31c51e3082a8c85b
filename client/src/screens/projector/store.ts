/** The projector's store bound to React and to the browser (socket, server URL). */
import { api } from '../../lib/api.ts';
import { bindStore } from '../../lib/bindStore.ts';
import { createSocket } from '../../lib/socket.ts';
import { createProjectorStore } from './projectorStore.ts';

export type { ProjectorStore } from './projectorStore.ts';

const projector = createProjectorStore({
  connect: createSocket,
  publicUrl: async () => {
    const r = await api.config();
    return r.ok ? r.data.publicUrl || null : null;
  },
  origin: window.location.origin,
});

export const useProjectorStore = bindStore(projector);
export const startProjector = (assemblyId: string) => projector.start(assemblyId);
export const fetchGroups = (roundId: string) => projector.fetchGroups(roundId);
