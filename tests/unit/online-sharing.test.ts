import { afterEach, describe, expect, it, vi } from 'vitest';
import { startOnlineSharing, type JoinClaim } from '../../server/cluster/online.ts';
import { newAssemblyState, onlineHere, type AssemblyState, type HubContext } from '../../server/hub/context.ts';
import type { AssemblyRow } from '../../server/store/types.ts';
import { DEFAULT_SETTINGS } from '../../shared/protocol/schemas.ts';

/**
 * Online turnout across nodes (issue 16): a person counts once, at the
 * node of their latest join, whether their phone re-homed while its old
 * socket lingers, or two tabs joined two nodes, even in the same millisecond.
 */
describe('online participants across nodes', () => {
  afterEach(() => vi.useRealTimers());
  const row: AssemblyRow = { id: 'a1', title: 't', joinMode: 'open', display: 'live', facilitatorHash: 'x', createdAt: 1, settings: { ...DEFAULT_SETTINGS } };

  function cluster(names: string[]) {
    const nodes = names.map((node) => {
      const a: AssemblyState = newAssemblyState(row, 0);
      const ctx = { assemblies: new Map([[row.id, a]]) } as unknown as HubContext;
      const sharing = startOnlineSharing({ ctx, node, send: () => undefined, claim: (c) => claims.push(c), everyMs: 60_000 });
      return { node, a, sharing };
    });
    const claims: JoinClaim[] = [];
    const deliver = () => {
      for (const c of claims.splice(0)) for (const n of nodes) n.sharing.claimed(c);
    };
    const join = (i: number, p: string) => {
      const n = nodes[i]!;
      n.a.online.set(p, (n.a.online.get(p) ?? 0) + 1);
      n.sharing.joinedHere(n.a, p);
    };
    const leave = (i: number, p: string) => {
      nodes[i]!.a.online.delete(p);
      nodes[i]!.a.away?.delete(p);
    };
    const total = () => nodes.reduce((sum, n) => sum + onlineHere(n.a), 0);
    const stop = () => nodes.forEach((n) => n.sharing.stop());
    return { nodes, join, leave, deliver, total, stop };
  }

  it('a re-homed phone whose old socket lingers counts once, at its new node', () => {
    const c = cluster(['n1', 'n2', 'n3']);
    vi.useFakeTimers({ now: 1000 });
    c.join(0, 'p');
    c.deliver();
    expect(c.total()).toBe(1);
    vi.setSystemTime(2000);
    c.join(1, 'p'); // the phone moved; n1 has not noticed its socket is gone
    c.deliver();
    expect([onlineHere(c.nodes[0]!.a), onlineHere(c.nodes[1]!.a)]).toEqual([0, 1]);
    c.leave(0, 'p'); // the old socket times out
    expect(c.total()).toBe(1);
    vi.setSystemTime(3000);
    c.join(0, 'p'); // and back again
    c.deliver();
    expect([onlineHere(c.nodes[0]!.a), onlineHere(c.nodes[1]!.a)]).toEqual([1, 0]);
    c.stop();
  });

  it('joins in any order of delivery, same millisecond or not: each person counts exactly once', () => {
    vi.useFakeTimers({ now: 5000 });
    for (let trial = 0; trial < 50; trial++) {
      const c = cluster(['n1', 'n2', 'n3']);
      const people = ['p1', 'p2', 'p3', 'p4'];
      for (let step = 0; step < 12; step++) {
        if ((trial + step) % 3) vi.setSystemTime(Date.now() + 1);
        c.join((trial * 7 + step * 5) % 3, people[(trial + step) % people.length]!);
        if ((trial * step) % 4 === 0) c.deliver(); // claims sometimes pile up and arrive late
      }
      c.deliver();
      const connected = people.filter((p) => c.nodes.some((n) => n.a.online.has(p))).length;
      expect(c.total()).toBe(connected);
      c.stop();
    }
  });
});
