import { io as ioClient, type Socket } from 'socket.io-client';
import type { Counts } from './ballots.ts';
import { now } from './stats.ts';

/**
 * The load bench's two clients besides the phones: a facilitator's REST
 * calls (setup, close, results) and one projector that records when each
 * tally snapshot arrives.
 */
type RestAck<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export async function rest<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const json = (await res.json()) as RestAck<T>;
  if (!json.ok) throw new Error(`${method} ${path}: ${json.error.code} ${json.error.message}`);
  return json.data;
}

export interface ResultsBody {
  results: { ballots: number; abstentions: number; options: { id: string; plus: number; minus: number }[] };
  turnout: { joined: number; online: number; voted: number };
}

export function countsFromResults(r: ResultsBody['results']): Counts {
  const c: Counts = { ballots: r.ballots, abstentions: r.abstentions, plus: {}, minus: {} };
  for (const o of r.options) {
    c.plus[o.id] = o.plus;
    c.minus[o.id] = o.minus;
  }
  return c;
}

/** Projector: a screen client that records each coalesced tally snapshot's arrival and seq. */
export async function startProjector(url: string, assemblyId: string) {
  const socket: Socket = ioClient(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('projector could not connect')), 15_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', reject);
  });
  const snapshots: { at: number; seq: number; roundId: string; status: string; ballots: number | null }[] = [];
  socket.on('tally:snapshot', (s: { seq: number; roundId: string; status: string; results: { ballots: number } | null }) => {
    snapshots.push({ at: now(), seq: s.seq, roundId: s.roundId, status: s.status, ballots: s.results?.ballots ?? null });
  });
  const ack = (await socket.timeout(15_000).emitWithAck('session:join', { assemblyId, role: 'screen' })) as RestAck<unknown>;
  if (!ack.ok) throw new Error(`projector join failed: ${ack.error.code}`);
  return { socket, snapshots };
}
