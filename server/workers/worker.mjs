// Entry of every worker thread in the pool (server/workers/pool.ts).
// Plain JavaScript so that Node can start it however the server itself was
// started (tsx, vitest): it registers tsx's loader in this thread, then
// loads the TypeScript task table and exports the dispatcher piscina calls.
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./tasks.ts');

export default runTask;
