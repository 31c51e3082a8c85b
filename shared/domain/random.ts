/** mulberry32: a tiny deterministic PRNG (no I/O, no Math.random): repeatable runs from a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit hash of a string (FNV-1a over UTF-16 code units, then one
 * mulberry32 step to spread nearby inputs): turns a recorded text seed into a
 * PRNG seed or a draw key. Pure, the same in the browser and in Node.
 */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return Math.floor(prng(h)() * 4294967296) >>> 0;
}
