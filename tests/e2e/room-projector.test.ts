import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { rest, type TestServer } from '../support/server.ts';
import { hasChromium, newPage, projector, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { createAssembly, createRound, roundAction, setDisplay } from './scenario.ts';
import { burst, idsOverPages, importMany, startSampling, stopSampling, viewProblems, voters, VOTERS } from './roomScenario.ts';

/** Samples the rows' boxes every 50 ms for at least `samples` samples (pages turn every second meanwhile). */
async function sampledOverlaps(page: Page, selector: string, samples: number): Promise<string[]> {
  await startSampling(page, selector);
  await page.waitForFunction((k) => (window as unknown as { samples: number }).samples >= k, samples, { timeout: 30_000, polling: 100 });
  const sampled = await stopSampling(page);
  expect(sampled.samples).toBeGreaterThanOrEqual(samples);
  return sampled.overlaps;
}

const ids = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id ?? ''));

describe.skipIf(!hasChromium)('the projector at real size: 9, 22 and 60 proposals, 300 voters on sockets', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it.each([9, 22, 60])('%i proposals: join, live, map, disagree and final views: no overlap in a burst or a page turn, every proposal shown, text ≥ 32 px, axe clean', async (n) => {
    const a = await createAssembly(server.url, `Assembly of ${n}`);
    const all = (await importMany(server.url, a, n)).map((p) => p.id);
    const round = await createRound(server.url, a, { proposalIds: all, winners: 3, question: 'Which proposals should the council take up first?' });
    await roundAction(server.url, a, round.id, 'open');
    // A side screen keeps the consensus map alone (a screen's own mode).
    const screens = [{ name: 'side', mode: 'map', page: null, corner: true, theme: 'dark' }];
    expect((await rest(server.url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { screens } })).body.ok).toBe(true);
    const phones = await voters(server.url, a.id);
    const { page } = await newPage(browser, { ...projector, bypassCSP: true });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}/screen?pageMs=1000`);
    await page.getByTestId('joined-count').filter({ hasText: String(VOTERS) }).waitFor();
    const problems = await viewProblems(page, 'join');

    // The burst: 300 ballots at once, sampled every 50 ms until it has settled.
    await setDisplay(server.url, a, 'live');
    await page.locator('.pj-live .pj-bar-row').first().waitFor();
    await startSampling(page, '.pj-bar-row');
    await burst(phones, round.id, all, round.rules, n);
    await page.getByTestId('pj-ballots').filter({ hasText: `${VOTERS} ballots` }).waitFor({ timeout: 15_000 });
    // Keep sampling past the settling (at least 40 samples, ~2 s; longer on a loaded machine).
    await page.waitForFunction(() => (window as unknown as { samples: number }).samples >= 40, undefined, { timeout: 30_000, polling: 100 });
    const sampled = await stopSampling(page);
    expect(sampled.samples).toBeGreaterThanOrEqual(40);
    expect(sampled.overlaps).toEqual([]);

    // Every proposal on some page of the list, and all on the map, no two dots on each other.
    expect((await idsOverPages(page, '.pj-bar-row', n)).size).toBe(n);
    expect(new Set(await ids(page, '.pj-map-point'))).toEqual(new Set(all));
    const mapOverlaps = await page.locator('.pj-map-dot').evaluateAll((els) => {
      const c = els.map((e) => ({ x: Number(e.getAttribute('cx')), y: Number(e.getAttribute('cy')), r: Number(e.getAttribute('r')) }));
      let k = 0;
      for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) if (Math.hypot(c[i]!.x - c[j]!.x, c[i]!.y - c[j]!.y) < c[i]!.r + c[j]!.r - 0.5) k++;
      return k;
    });
    expect(mapOverlaps).toBe(0);
    if (n > 9) await page.getByTestId('pj-page').filter({ hasText: /Page \d of \d/ }).waitFor();
    problems.push(...(await viewProblems(page, 'live')));

    // The side screen: the map alone, every proposal plotted and on some page of its key.
    const side = (await newPage(browser, { ...projector, bypassCSP: true })).page;
    errors.push(...watchErrors(side));
    await side.goto(`${server.url}/a/${a.id}/screen?screen=side&pageMs=1000`);
    await side.locator('.pj-mapview .pj-mapview-list li').first().waitFor();
    expect(new Set(await ids(side, '.pj-map-point'))).toEqual(new Set(all));
    expect((await idsOverPages(side, '.pj-mapview-list li', n)).size).toBe(n);
    expect(await sampledOverlaps(side, '.pj-mapview-list li', 20)).toEqual([]);
    problems.push(...(await viewProblems(side, 'map')));

    // Where we disagree, live: paged, every proposal on a page, rows apart while the pages turn.
    await setDisplay(server.url, a, 'disagree');
    await page.locator('.pj-disagree .pjd-list .pjd-row').first().waitFor();
    expect((await idsOverPages(page, '.pjd-list .pjd-row', n)).size).toBe(n);
    expect(await sampledOverlaps(page, '.pjd-list .pjd-row', 20)).toEqual([]);
    problems.push(...(await viewProblems(page, 'disagree (open)')));

    // After the close the room's opinion groups join the view (map of the room, bridging proposals).
    await roundAction(server.url, a, round.id, 'close');
    await page.locator('.pj-disagree.with-map').waitFor({ timeout: 15_000 });
    expect((await idsOverPages(page, '.pjd-list .pjd-row', n)).size).toBe(n);
    expect(await sampledOverlaps(page, '.pjd-list .pjd-row, .pjg-row, .pjm', 20)).toEqual([]);
    problems.push(...(await viewProblems(page, 'disagree (closed, with groups)')));

    await setDisplay(server.url, a, 'final');
    await page.locator('.pj-final .pj-final-row.status-winner').first().waitFor();
    expect((await idsOverPages(page, '.pj-final-list > li', n)).size).toBe(n);
    problems.push(...(await viewProblems(page, 'final')));
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    for (const s of phones) s.disconnect();
  }, 240_000);
});
