import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Short, URL-safe, unguessable-enough ids for public entities. */
export function newId(bytes = 9): string {
  return randomBytes(bytes).toString('base64url');
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
