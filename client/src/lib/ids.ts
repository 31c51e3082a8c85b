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

/** An id for a profile question or option from its label: ASCII letters, digits, - and _, unique among `taken`. */
export function slugId(label: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\+/g, ' plus')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || fallback;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}
