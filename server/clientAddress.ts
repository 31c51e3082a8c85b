import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * TRUST_PROXY, as Express reads 'trust proxy': 'true'/'false', a hop count,
 * or a comma-separated list of addresses, CIDR ranges and the names
 * loopback, linklocal, uniquelocal. The one setting decides the client
 * address for REST (req.ip) and for sockets (clientAddress), so rate limits
 * apply to the phone behind a proxy such as HAProxy, never to the proxy.
 */
export function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Compiles the setting into proxy-addr's trust function (what Express does with it). */
export function compileTrust(value: string): (addr: string, i: number) => boolean {
  const parsed = parseTrustProxy(value);
  if (typeof parsed === 'boolean') return () => parsed;
  if (typeof parsed === 'number') return (_addr, i) => i < parsed;
  return proxyaddr.compile(parsed);
}

/** The client's address of a socket's handshake request: X-Forwarded-For only from a trusted proxy. */
export function clientAddress(request: IncomingMessage, trust: (addr: string, i: number) => boolean): string {
  return proxyaddr(request, trust);
}
