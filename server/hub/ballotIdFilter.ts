/**
 * A fixed-size Bloom filter of the ballot ids each voter has replaced in
 * one open round: (participant id, ballot id) pairs.
 *
 * It answers "certainly not used before" or "maybe": a submit whose id is
 * certainly new skips the store lookup for an earlier receipt (the common
 * case: a voter changing their ballot), and only a "maybe" (a real resend
 * of an earlier id, or a rare false positive) asks the store. It never
 * answers "certainly not" for a pair that was added, so idempotency holds
 * exactly (docs/protocol.md, "Ballot receipts"); its memory is fixed
 * (`bits` / 8 bytes) whatever the number of ballot changes, and only the
 * false-positive rate grows with them (about 0.06 % at 120,000 changes,
 * 13 % at a million with the default size): the store stays the truth.
 */
export class BallotIdFilter {
  private readonly words: Uint32Array;
  private readonly mask: number;

  /** `bits` is rounded up to a power of two (default 2^22 bits = 512 KiB). */
  constructor(bits = 1 << 22) {
    let size = 32;
    while (size < bits) size *= 2;
    this.words = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  /** Records that this voter used this ballot id. */
  add(participantId: string, ballotId: string): void {
    const [h1, h2] = hashes(participantId, ballotId);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      this.words[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  /** False only if `add` was never called with this pair. */
  mayHave(participantId: string, ballotId: string): boolean {
    const [h1, h2] = hashes(participantId, ballotId);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      if ((this.words[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Bits set per pair: 3 keeps false positives low up to a few hundred thousand pairs at 2^22 bits. */
const PROBES = 3;

/**
 * Two 32-bit FNV-1a hashes (different offsets) of the pair, combined as
 * h1 + i·h2 (Kirsch–Mitzenmacher double hashing); h2 is odd so the probes
 * of one pair never coincide.
 */
function hashes(participantId: string, ballotId: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x5bd1e995;
  for (let i = 0; i < participantId.length; i++) {
    const c = participantId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193);
  }
  // A separator no id contains, so ("ab", "c") and ("a", "bc") hash apart.
  h1 = Math.imul(h1 ^ 0xffff, 0x01000193);
  h2 = Math.imul(h2 ^ 0xffff, 0x01000193);
  for (let i = 0; i < ballotId.length; i++) {
    const c = ballotId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so nearby ids spread over the whole table.
  h1 = fmix(h1);
  h2 = fmix(h2 ^ 0x9e3779b9);
  return [h1 >>> 0, (h2 | 1) >>> 0];
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
