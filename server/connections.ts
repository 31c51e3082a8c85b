import { readFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Raw connection limits (docs/security.md, "Connections"): a cap on open
 * TCP connections per peer address, and a deadline for a connection to
 * send its first request, so silent connections cannot use up the process's
 * file descriptors. Upgraded WebSockets clear the deadline (ws sets the
 * socket's timeout to 0) and are kept alive by Socket.IO's pings.
 */
export interface ConnectionLimits {
  /** Open TCP connections per peer address (behind a proxy: all phones share the proxy's). */
  perAddress: number;
  /** A connection that has not finished an HTTP request within this many ms is closed. */
  handshakeMs: number;
}

export function limitConnections(http: HttpServer, limits: ConnectionLimits): { open: (address: string) => number } {
  const open = new Map<string, number>();
  http.headersTimeout = limits.handshakeMs;
  http.requestTimeout = Math.max(limits.handshakeMs, 30_000);
  http.keepAliveTimeout = 5_000;
  http.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const n = (open.get(address) ?? 0) + 1;
    if (n > limits.perAddress) {
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
    // Silent from the start: closed. The first request resets this (Node's
    // HTTP server manages timeouts from then on; ws clears it on upgrade).
    socket.setTimeout(limits.handshakeMs, () => socket.destroy());
  });
  // A request arrived: from now on Node's header, request and keep-alive timeouts apply.
  http.on('request', (req) => req.socket.setTimeout(0));
  return { open: (address) => open.get(address) ?? 0 };
}

/**
 * The process's soft limit on open files (Linux /proc), or null where it
 * cannot be read. Each phone holds one connection, one descriptor.
 */
export function openFileLimit(): number | null {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (!m) return null;
    return m[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(m[1]);
  } catch {
    return null;
  }
}

/** A warning when the open-file limit is below what the hall needs (phones + SQLite + headroom), else null. */
export function fileLimitWarning(hallSize: number, limit = openFileLimit()): string | null {
  const needed = hallSize + 100;
  if (limit === null || limit >= needed) return null;
  return `The open-file limit (ulimit -n) is ${limit}, below the ${needed} this hall size needs (HALL_SIZE=${hallSize} phones + 100). Raise it (ulimit -n ${needed * 2}, or LimitNOFILE= in a systemd unit), or phones beyond it will not connect.`;
}
