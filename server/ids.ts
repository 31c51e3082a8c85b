import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Short, URL-safe, unguessable-enough ids for public entities (base64url).
 * The first character is always a letter or digit: an id never starts with
 * `-` (or `_`), so a spreadsheet cannot read an id cell as a formula and
 * exports can write ids exactly as they are.
 */
export function newId(bytes = 9): string {
  for (;;) {
    const id = randomBytes(bytes).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

/** Lower-case letters and digits without look-alikes (0/o, 1/l/i): easy to read off a projector and type. */
const JOIN_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * Assembly ids are also the join code people type from the projector:
 * 10 characters of a 31-letter lower-case alphabet (≈ 49.5 bits, like the
 * 48-bit ids before), so typing them is never a question of case.
 */
export function newJoinId(length = 10): string {
  let id = '';
  for (let i = 0; i < length; i++) id += JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)];
  return id;
}

/** 256-bit capability tokens (facilitator, participant). Shown once, stored hashed. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are 256-bit random, so a fast hash is enough (no password
 * stretching needed): a leaked database does not reveal usable tokens.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
