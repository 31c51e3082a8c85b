import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, rest } from '../support/server.ts';

/**
 * The test helpers never wait forever (a hung CI run of the cluster test,
 * where a node died between a phone's transport opening and its Socket.IO
 * handshake). Each kind of silence ends in an error naming what did not
 * happen: a handshake never answered, a connection closed before the
 * handshake, an HTTP request never answered.
 */
describe('bounded waits in the test helpers', () => {
  let http: HttpServer | null = null;
  let io: Server | null = null;
  afterEach(async () => {
    await io?.close();
    http?.closeAllConnections();
    await new Promise((r) => http?.close(r) ?? r(undefined));
    io = null;
    http = null;
  });

  async function serve(middleware: (close: () => void) => void): Promise<string> {
    http = createServer((_req, _res) => undefined); // REST: never answers
    io = new Server(http, { transports: ['websocket'] });
    io.use((socket, _next) => middleware(() => socket.conn.close())); // never calls next(): no CONNECT
    await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }

  it('a Socket.IO handshake that is never answered fails after the timeout', async () => {
    const url = await serve(() => undefined);
    await expect(connect(url, 500)).rejects.toThrow(`socket to ${url}: no Socket.IO connect within 500 ms`);
  });

  it('a connection closed before the handshake fails at once', async () => {
    const url = await serve((close) => close());
    await expect(connect(url, 20_000)).rejects.toThrow(/closed \(.+\) before Socket.IO connected/);
  });

  it('an HTTP request never answered fails after its timeout, naming the request', async () => {
    const url = await serve(() => undefined);
    await expect(rest(url, 'GET', '/api/anything', { timeoutMs: 300 })).rejects.toThrow(`GET ${url}/api/anything: no answer within 300 ms`);
  });
});
