const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A client-generated ballot id (8–64 chars of [A-Za-z0-9_-]). Uses
 * getRandomValues, which works on plain-http LAN pages where
 * crypto.randomUUID (secure contexts only) does not.
 */
export function newBallotId(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  let id = 'b';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
