/**
 * localStorage that never throws (private mode, quota, disabled storage):
 * the app still works, it just forgets on reload.
 */
export function load<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function save(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage unavailable: keep going */
  }
}

export function remove(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* ignore */
  }
}

/** Key-value storage as the stores use it: injected, so node tests pass an in-memory one. */
export interface KeyValueStorage {
  load<T>(key: string): T | null;
  save(key: string, value: unknown): void;
  remove(key: string): void;
}

/** The browser's localStorage (never throwing). */
export const browserStorage: KeyValueStorage = { load, save, remove };

/** Storage in memory, JSON round-tripped like localStorage (tests, private windows). */
export function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStorage & { dump(): Record<string, unknown> } {
  const data = new Map(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    load: <T,>(key: string) => (data.has(key) ? (JSON.parse(data.get(key)!) as T) : null),
    save: (key, value) => void data.set(key, JSON.stringify(value)),
    remove: (key) => void data.delete(key),
    dump: () => Object.fromEntries([...data].map(([k, v]) => [k, JSON.parse(v) as unknown])),
  };
}

export const keys = {
  voterToken: (assemblyId: string) => `d21:voter:${assemblyId}`,
  draft: (assemblyId: string) => `d21:draft:${assemblyId}`,
  facilitatorToken: (assemblyId: string) => `d21:facilitator:${assemblyId}`,
  myAssemblies: 'd21:assemblies',
  /** The operator key that lets this browser create assemblies. */
  operatorKey: 'd21:operator',
};
