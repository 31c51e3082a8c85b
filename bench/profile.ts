import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per
 * function and per origin (a package, a project file, node internals, GC).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Share of sampled time the process was running JS or native code (not idle). */
  busyMs: number;
  topFunctions: { name: string; where: string; selfMs: number; pct: number }[];
  byOrigin: { origin: string; selfMs: number; pct: number }[];
}

function origin(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const proj = /\/(server|shared|bench)\/(.*)$/.exec(url);
  if (proj) return `${proj[1]}/${proj[2]}`;
  return url;
}

export function summarizeProfile(file: string, top = 25, fromMs?: number, toMs?: number): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // Sample i is taken at startTime + sum(timeDeltas[0..i]) µs on a monotonic
  // clock; windows are given relative to the profile's start (process start).
  let t = prof.startTime;
  const first = prof.startTime;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0;
    t += dt;
    const relMs = (t - first) / 1000;
    if (fromMs !== undefined && relMs < fromMs) continue;
    if (toMs !== undefined && relMs > toMs) continue;
    const id = prof.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + dt / 1000);
  }
  let total = 0;
  let idle = 0;
  const fn = new Map<string, { name: string; where: string; selfMs: number }>();
  const org = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    total += ms;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += ms;
      continue;
    }
    const where = n.callFrame.url ? `${n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|server|shared|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const e = fn.get(key) ?? { name, where, selfMs: 0 };
    e.selfMs += ms;
    fn.set(key, e);
    const o = origin(n.callFrame.url, name);
    org.set(o, (org.get(o) ?? 0) + ms);
  }
  const busy = total - idle;
  const pct = (ms: number) => Math.round((1000 * ms) / Math.max(busy, 1e-9)) / 10;
  return {
    file,
    totalMs: Math.round(total),
    busyMs: Math.round(busy),
    topFunctions: [...fn.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((e) => ({ ...e, selfMs: Math.round(e.selfMs), pct: pct(e.selfMs) })),
    byOrigin: [...org.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([o, ms]) => ({ origin: o, selfMs: Math.round(ms), pct: pct(ms) })),
  };
}

/**
 * The main thread's .cpuprofile in a folder. Node names them
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main
 * thread (tsx's loader runs on another one).
 */
export function findProfile(dir: string): string | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const main = files.filter((f) => f.split('.')[4] === '0');
  const pick = main.length ? main : files;
  return pick.length ? join(dir, pick[pick.length - 1]!) : null;
}

export function formatProfile(p: ProfileSummary): string {
  const lines = [`CPU profile ${p.file}: ${p.busyMs} ms busy of ${p.totalMs} ms sampled`, '', 'self time by origin:'];
  for (const o of p.byOrigin.slice(0, 15)) lines.push(`  ${o.pct.toFixed(1).padStart(5)}%  ${String(o.selfMs).padStart(7)} ms  ${o.origin}`);
  lines.push('', 'hottest functions (self time):');
  for (const f of p.topFunctions) lines.push(`  ${f.pct.toFixed(1).padStart(5)}%  ${String(f.selfMs).padStart(7)} ms  ${f.name}  ${f.where}`);
  return lines.join('\n');
}
