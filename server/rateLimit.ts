/**
 * Token buckets: `rate` tokens a second, up to `burst` saved. A handful of
 * lines, so hand-written: no library's promise-per-check overhead on the
 * ballot hot path.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  idleSince(): number {
    return this.last;
  }
}

export interface RateLimits {
  /** Commands per socket. */
  socketPerSec: number;
  socketBurst: number;
  /** Commands and REST requests per client address (a venue's NAT carries hundreds of phones). */
  ipPerSec: number;
  ipBurst: number;
  /** New socket connections per client address. */
  connectPerSec: number;
  connectBurst: number;
}

export const DEFAULT_LIMITS: RateLimits = {
  socketPerSec: 20,
  socketBurst: 40,
  ipPerSec: 10000,
  ipBurst: 20000,
  connectPerSec: 1000,
  connectBurst: 10000,
};

/** One bucket per key (an address), forgotten after a minute idle. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep = 0;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}
  take(key: string, now: number): boolean {
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      for (const [k, b] of this.buckets) if (now - b.idleSince() > 60_000) this.buckets.delete(k);
    }
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(this.rate, this.burst, now);
      this.buckets.set(key, b);
    }
    return b.take(now);
  }
}
