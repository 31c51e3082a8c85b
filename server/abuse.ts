import type { SecurityReport } from '../shared/protocol/views.ts';
import { KeyedBuckets } from './rateLimit.ts';

/**
 * Abuse limits sized for a hall behind one NAT (docs/security.md, "Limits"):
 * every phone of a venue may share one public address, so per-address
 * limits are generous and what they cannot stop is shown on the console.
 */
export interface AbuseLimits {
  /** New participants one address may create at once (the whole hall joining in a minute). */
  joinBurstPerAddress: number;
  /** …and per second after that. */
  joinPerSecPerAddress: number;
  /** New participants one socket may create in its lifetime (re-sending join returns the same one). */
  joinPerSocket: number;
  /** Failed access-code attempts an address may make before back-off starts. */
  codeFailuresFree: number;
  /** Longest back-off after repeated failures, ms. */
  codeBackoffMaxMs: number;
  /** Failed attempts from all addresses per minute before every address that failed is backed off. */
  codeFailuresGlobalPerMin: number;
  /** An address with at least this many participants is listed on the console. */
  reportJoinsFrom: number;
}

export function abuseLimitsFor(hallSize: number): AbuseLimits {
  return {
    joinBurstPerAddress: hallSize,
    joinPerSecPerAddress: Math.max(1, hallSize / 600),
    joinPerSocket: 3,
    codeFailuresFree: 20,
    codeBackoffMaxMs: 5 * 60_000,
    codeFailuresGlobalPerMin: 300,
    reportJoinsFrom: 20,
  };
}

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

export type AbuseReport = SecurityReport;

/** Per-process guard: join buckets per address, code failures with exponential back-off. */
export class AbuseGuard {
  private readonly joins: KeyedBuckets;
  private readonly failures = new Map<string, Failures>();
  private recentFailures: number[] = [];
  /** Per assembly: participants created per address, and failed code attempts. */
  private readonly perAssembly = new Map<string, { joins: Map<string, number>; failed: Map<string, number>; total: number }>();

  constructor(readonly limits: AbuseLimits) {
    this.joins = new KeyedBuckets(limits.joinPerSecPerAddress, limits.joinBurstPerAddress);
  }

  private assembly(id: string) {
    let s = this.perAssembly.get(id);
    if (!s) this.perAssembly.set(id, (s = { joins: new Map(), failed: new Map(), total: 0 }));
    return s;
  }

  /** May this address create one more participant now? (Takes a token when it may.) */
  mayCreate(address: string, now: number): boolean {
    return this.joins.take(address, now);
  }

  created(assemblyId: string, address: string): void {
    const s = this.assembly(assemblyId);
    s.joins.set(address, (s.joins.get(address) ?? 0) + 1);
  }

  /** Milliseconds this address must wait before trying a code again (0: go ahead). */
  codeWait(address: string, now: number): number {
    const f = this.failures.get(address);
    if (f && f.lockedUntil > now) return f.lockedUntil - now;
    // Many failures everywhere: only addresses that never failed may try.
    this.recentFailures = this.recentFailures.filter((t) => now - t < 60_000);
    if (f && this.recentFailures.length >= this.limits.codeFailuresGlobalPerMin) return 1000;
    return 0;
  }

  codeFailed(assemblyId: string, address: string, now: number): void {
    let f = this.failures.get(address);
    // Ten quiet minutes forgive earlier mistakes.
    if (!f || now - f.last > 10 * 60_000) this.failures.set(address, (f = { count: 0, last: now, lockedUntil: 0 }));
    f.count++;
    f.last = now;
    const over = f.count - this.limits.codeFailuresFree;
    if (over > 0) f.lockedUntil = now + Math.min(this.limits.codeBackoffMaxMs, 1000 * 2 ** Math.min(over - 1, 20));
    this.recentFailures.push(now);
    const s = this.assembly(assemblyId);
    s.total++;
    s.failed.set(address, (s.failed.get(address) ?? 0) + 1);
  }

  report(assemblyId: string, now: number): AbuseReport {
    const s = this.assembly(assemblyId);
    const joinsByAddress = [...s.joins]
      .filter(([, n]) => n >= this.limits.reportJoinsFrom)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 10)
      .map(([address, participants]) => ({ address, participants }));
    const byAddress = [...s.failed]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 10)
      .map(([address, failures]) => {
        const until = this.failures.get(address)?.lockedUntil ?? 0;
        return { address, failures, blockedUntil: until > now ? until : null };
      });
    this.recentFailures = this.recentFailures.filter((t) => now - t < 60_000);
    return {
      joinsByAddress,
      failedCodes: {
        total: s.total,
        lastMinute: this.recentFailures.length,
        blockedAddresses: [...s.failed.keys()].filter((a) => (this.failures.get(a)?.lockedUntil ?? 0) > now).length,
        byAddress,
      },
    };
  }
}
