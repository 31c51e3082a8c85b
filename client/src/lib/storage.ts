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

export const keys = {
  voterToken: (assemblyId: string) => `d21:voter:${assemblyId}`,
  draft: (assemblyId: string) => `d21:draft:${assemblyId}`,
  facilitatorToken: (assemblyId: string) => `d21:facilitator:${assemblyId}`,
  myAssemblies: 'd21:assemblies',
};
