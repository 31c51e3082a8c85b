import { keys, load, save } from './storage.ts';

export interface RecentAssembly {
  id: string;
  title: string;
  at: number;
}

/** Assemblies facilitated from this browser (their tokens are kept per assembly). */
export function recentAssemblies(): RecentAssembly[] {
  const list = load<RecentAssembly[]>(keys.myAssemblies);
  if (!Array.isArray(list)) return [];
  return list.filter((a) => typeof a?.id === 'string' && load<string>(keys.facilitatorToken(a.id)) !== null);
}

export function rememberAssembly(id: string, title: string): void {
  const rest = recentAssemblies().filter((a) => a.id !== id);
  save(keys.myAssemblies, [{ id, title, at: Date.now() }, ...rest].slice(0, 20));
}
