import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/bench.ts';

/**
 * A small run of the end-to-end benchmark (bench/, `npm run bench`): the
 * real server process, a projector, 200 phones in two generator processes,
 * a few seconds of ballots. It asserts that the bench runs and that nothing
 * acknowledged is lost — never timings, which depend on the machine.
 */
describe('bench smoke run', () => {
  it('runs end to end and loses no acknowledged ballot', { timeout: 120_000 }, async () => {
    const r = await runBench({ voters: 200, rate: 200, durationSec: 3, generators: 2, settleMs: 500 });

    expect(r.connected).toBe(200);
    expect(r.acked).toBeGreaterThan(0);
    expect(r.rejected).toBe(0);
    expect(r.unanswered).toBe(0);
    // Every voter whose ballot was acknowledged has exactly one stored ballot, the last acknowledged one.
    expect(r.unackedStored).toBe(0);
    expect(r.stored).toBe(r.ackedVoters);
    expect(r.lost).toBe(0);
    // The served tally equals a recount of the store and of the acknowledged ballots.
    expect(r.tallyProblems).toEqual([]);
    expect(r.tallyOk).toBe(true);
    // Every phone saw the round open, and the projector saw the ballots.
    expect(r.fanoutMissed).toBe(0);
    expect(r.projectorMissing).toBe(0);
    // The JSON the bench writes carries the fields.
    for (const k of ['voters', 'connected', 'ballotsPerSec', 'ackP50Ms', 'ackP99Ms', 'projectorP50Ms', 'projectorP99Ms', 'fanoutP99Ms', 'rssPerVoterKB', 'acked', 'stored', 'lost'] as const) {
      expect(r).toHaveProperty(k);
    }
  });
});
