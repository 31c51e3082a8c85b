/**
 * The bare Socket.IO hub of `npm run bench -- --reference` (issue 16): the
 * same Socket.IO server options as the product (server/app.ts) and the same
 * wire (a voter joins, hears `round:updated`, sends `ballot:submit` and gets
 * an ack), but nothing else: no validation, no store, no tally, no rate
 * limits. The product's CPU per ballot and ack p99 are reported as ratios
 * to this hub's, measured in the same bench run on the same machine, so the
 * ratio says what the product's own work costs over the transport.
 *
 * Control over HTTP from the orchestrator: `POST /round/:id/:status`
 * broadcasts `round:updated` to every socket. Prints "running on port N"
 * (like server/index.ts) and its event-loop delay at SIGTERM.
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

const http = createServer((req, res) => {
  const m = /^\/round\/([^/]+)\/(open|closed)$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !m) {
    res.writeHead(404).end();
    return;
  }
  io.emit('round:updated', { round: { id: m[1], status: m[2] } });
  res.writeHead(204).end();
});
const io = new Server(http, {
  maxHttpBufferSize: 128 * 1024,
  perMessageDeflate: false,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
  pingInterval: 25_000,
  pingTimeout: 20_000,
});
let seq = 0;
io.on('connection', (socket) => {
  socket.on('session:join', (_payload: unknown, ack: unknown) => {
    if (typeof ack === 'function') ack({ ok: true, data: { role: 'voter' } });
  });
  socket.on('ballot:submit', (_payload: unknown, ack: unknown) => {
    if (typeof ack === 'function') ack({ ok: true, data: { seq: ++seq } });
  });
});

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '0.0.0.0', () => {
  const address = http.address();
  console.log(`reference hub running on port ${typeof address === 'object' && address ? address.port : '?'}`);
});
process.on('SIGTERM', () => {
  loop.disable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  console.log(`event-loop delay: ${JSON.stringify({ p50Ms: ms(loop.percentile(50)), p99Ms: ms(loop.percentile(99)), maxMs: ms(loop.max) })}`);
  io.disconnectSockets(true);
  void io.close(() => process.exit(0));
});
