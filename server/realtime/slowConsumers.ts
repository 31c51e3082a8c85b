import type { IoServer } from './types.ts';

/**
 * Slow consumers (docs/security.md, "Stalls"): a client that stops reading
 * (a paused TCP socket, a phone whose radio died mid-stream, a script)
 * leaves everything sent to it queued in the server's memory until the
 * ping timeout (45 s) and the WebSocket close timeout after it. Twenty
 * such screens of one address grew the server by ~9 MB/s while a 300-
 * proposal round's snapshots flowed; three addresses passed 750 MB in a
 * minute, on the way to an out-of-memory crash of the whole hub.
 *
 * Once a second every connection's queue is looked at: the packets
 * engine.io holds while the transport waits for a drain (a stalled reader:
 * its queue grows by every snapshot) plus what the WebSocket has not yet
 * handed to the kernel. Over `maxBufferedBytes`, or over
 * `maxQueuedPackets`, the connection is cut at once (no close handshake:
 * that would queue behind the rest).
 * An honest phone or projector reconnects by itself and resyncs.
 */
export interface SlowConsumerLimits {
  maxBufferedBytes: number;
  maxQueuedPackets: number;
  everyMs: number;
}

export const DEFAULT_SLOW_CONSUMER_LIMITS: SlowConsumerLimits = { maxBufferedBytes: 8 * 1024 * 1024, maxQueuedPackets: 2000, everyMs: 1000 };

/** What engine.io exposes of a connection's queues (its transport's WebSocket, its own write buffer). */
interface EngineConn {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
  close(discard?: boolean): void;
}

/** Starts the sweep; returns its stop. */
export function dropSlowConsumers(io: IoServer, limits: SlowConsumerLimits, dropped: () => void = () => {}): () => void {
  const timer = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      const conn = socket.conn as unknown as EngineConn;
      const ws = conn.transport?.socket;
      const queue = conn.writeBuffer ?? [];
      let bytes = typeof ws?.bufferedAmount === 'number' ? ws.bufferedAmount : 0;
      for (const packet of queue) bytes += sizeOf(packet.data);
      if (bytes <= limits.maxBufferedBytes && queue.length <= limits.maxQueuedPackets) continue;
      dropped();
      // terminate() frees the socket and its queue now; close() would wait for the queue to drain.
      if (typeof ws?.terminate === 'function') ws.terminate();
      else conn.close(true);
    }
  }, limits.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** A queued packet's size: its text, or its binary length. */
function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  return typeof (data as { byteLength?: unknown } | undefined)?.byteLength === 'number' ? (data as { byteLength: number }).byteLength : 0;
}
