import { KeyedBuckets, TokenBucket } from './rateLimit.ts';

/**
 * Heavy reads (docs/security.md, "Heavy reads and token-less fan-out"): a
 * reply whose size grows with the assembly (the screen view carries every
 * opened round's paper, a voter's state the current paper, a round's
 * results its paper and counts) costs the hub far more than a ballot. A
 * token-less screen or an open-mode voter costs nothing to become, so the
 * generic 20 commands a second per socket let a few sockets stall every
 * phone (20 screens asking `state:sync` of a 2 MB view: ballot acks went
 * from 3 ms to 1.5 s). These reads have their own budgets:
 * - per socket: a few at once, then one a second (a phone joins once and
 *   resyncs on reconnect; a projector polls opinion groups every 5 s);
 * - per client address, for token-less reads (screens' joins, syncs and
 *   opinion groups; REST results and opinion groups without a token): a
 *   venue has a handful of projectors;
 * - per client address, for voters' joins and syncs: sized for the whole
 *   hall behind one NAT joining and resyncing at once;
 * - screens per address: every screen receives every tally snapshot and
 *   screen view, so their number is capped.
 * The facilitator and staff links (each a credential) are not limited by these.
 */
export interface HeavyReadLimits {
  socketPerSec: number;
  socketBurst: number;
  publicPerSec: number;
  publicBurst: number;
  voterPerSec: number;
  voterBurst: number;
  screensPerAddress: number;
}

export function heavyLimitsFor(hallSize: number): HeavyReadLimits {
  return {
    socketPerSec: 1,
    socketBurst: 5,
    publicPerSec: 2,
    publicBurst: 20,
    voterPerSec: Math.max(5, hallSize / 30),
    voterBurst: 2 * hallSize,
    screensPerAddress: 20,
  };
}

/** Socket commands whose reply grows with the assembly. */
export const HEAVY_COMMANDS: ReadonlySet<string> = new Set(['session:join', 'state:sync', 'groups:get']);

type Role = 'voter' | 'facilitator' | 'staff' | 'screen';

export class HeavyReadGuard {
  private readonly publicReads: KeyedBuckets;
  private readonly voterReads: KeyedBuckets;
  private readonly screens = new Map<string, Set<string>>();

  constructor(readonly limits: HeavyReadLimits) {
    this.publicReads = new KeyedBuckets(limits.publicPerSec, limits.publicBurst);
    this.voterReads = new KeyedBuckets(limits.voterPerSec, limits.voterBurst);
  }

  socketBucket(now: number): TokenBucket {
    return new TokenBucket(this.limits.socketPerSec, this.limits.socketBurst, now);
  }

  /** A token-less read from this address (screens, REST without a token): may it run now? */
  takePublic(address: string, now: number): boolean {
    return this.publicReads.take(address, now);
  }

  /**
   * A socket command: null to go ahead, or the message of the refusal.
   * `role` is what the command acts as: the role a join asks for, else the socket's.
   */
  check(event: string, role: Role, socket: { id: string; address: string; bucket: TokenBucket }, now: number): string | null {
    if (!HEAVY_COMMANDS.has(event) || role === 'facilitator' || role === 'staff') return null;
    if (event === 'session:join' && role === 'screen' && !this.addScreen(socket.address, socket.id)) {
      return `At most ${this.limits.screensPerAddress} projector screens per network address.`;
    }
    if (!socket.bucket.take(now)) return 'Too many requests for the whole view; wait a moment.';
    const ok = role === 'voter' ? this.voterReads.take(socket.address, now) : this.publicReads.take(socket.address, now);
    return ok ? null : 'Too many requests for the whole view from this network; wait a moment.';
  }

  private addScreen(address: string, id: string): boolean {
    let set = this.screens.get(address);
    if (set?.has(id)) return true;
    if ((set?.size ?? 0) >= this.limits.screensPerAddress) return false;
    if (!set) this.screens.set(address, (set = new Set()));
    set.add(id);
    return true;
  }

  /** A socket closed: it no longer holds a screen place. */
  gone(address: string, id: string): void {
    const set = this.screens.get(address);
    if (!set?.delete(id)) return;
    if (set.size === 0) this.screens.delete(address);
  }
}
