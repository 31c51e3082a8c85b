import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { hasChromium, laptop, newPage, projector, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { createAssembly, createRound, roundAction, setDisplay } from './scenario.ts';
import { roomCost, roomTitles } from './bigRoom.ts';
import { burst, idsOverPages, importRows, startSampling, stopSampling, viewProblems, voters, VOTERS } from './roomScenario.ts';

/**
 * The projector's other views at real size (issue 13): a round hidden until
 * close (turnout only on the screen, the results in the facilitator's
 * console alone) and a participatory budget, live and final, at 9, 22 and
 * 60 proposals with 300 phones on sockets.
 */
describe.skipIf(!hasChromium)('hidden and budget rounds at real size: 9, 22 and 60 proposals, 300 voters on sockets', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it.each([9, 22, 60])('%i proposals: the hidden round shows turnout only, the budget walk pages every proposal; text ≥ 32 px, no overlap, axe clean', async (n) => {
    const a = await createAssembly(server.url, `Budget of ${n}`);
    // Realistic titles and costs (25 000 … 500 000, many alike): net-score ties across the budget line, as in a real room.
    const proposals = await importRows(server.url, a, roomTitles('en', n).map((t, i) => `"${t}",,${roomCost(i)}`), true);
    const all = proposals.map((p) => p.id);
    const phones = await voters(server.url, a.id);
    const { page } = await newPage(browser, { ...projector, bypassCSP: true });
    const errors = watchErrors(page);

    // A hidden round: the screen shows turnout, the console shows the facilitator alone the results.
    const hidden = await createRound(server.url, a, { proposalIds: all, winners: 3, visibility: 'hidden', question: 'Shortlist for the council' });
    await roundAction(server.url, a, hidden.id, 'open');
    await setDisplay(server.url, a, 'live');
    await page.goto(`${server.url}/a/${a.id}/screen?pageMs=1000`);
    await burst(phones, hidden.id, all, hidden.rules, n);
    await page.getByTestId('pj-hidden-turnout').filter({ hasText: `${VOTERS} of ${VOTERS}` }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.pj-bar-row, .pj-map-point').count()).toBe(0);
    const problems = await viewProblems(page, 'hidden');
    const { page: console } = await newPage(browser, { ...laptop, viewport: { width: 1440, height: 900 } });
    await console.goto(`${server.url}/a/${a.id}/facilitator#token=${a.token}`);
    await console.getByText('Only you see this').first().waitFor();
    expect(await console.locator('.results-table tbody tr').count()).toBe(n);
    await console.close();
    await roundAction(server.url, a, hidden.id, 'close');

    // The budget: a third of what all proposals cost.
    const total = all.reduce((sum, _, i) => sum + roomCost(i), 0);
    const round = await createRound(server.url, a, { proposalIds: all, winners: 3, budget: Math.round(total / 3), question: 'What should the town fund?' });
    await roundAction(server.url, a, round.id, 'open');
    await page.locator('.pj-live.pj-budget .pjb-list .pjb-row').first().waitFor();
    await startSampling(page, '.pjb-list .pjb-row');
    await burst(phones, round.id, all, round.rules, n + 1);
    await page.getByTestId('pj-ballots').filter({ hasText: `${VOTERS} ballots` }).waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => (window as unknown as { samples: number }).samples >= 40, undefined, { timeout: 30_000, polling: 100 });
    expect((await stopSampling(page)).overlaps).toEqual([]);
    expect((await idsOverPages(page, '.pjb-list .pjb-row', n)).size).toBe(n);
    problems.push(...(await viewProblems(page, 'budget (live)')));

    await roundAction(server.url, a, round.id, 'close');
    await setDisplay(server.url, a, 'final');
    await page.locator('.pj-final.pj-budget .pjb-list .pjb-row').first().waitFor();
    expect((await idsOverPages(page, '.pjb-list .pjb-row', n)).size).toBe(n);
    problems.push(...(await viewProblems(page, 'budget (final)')));
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    for (const s of phones) s.disconnect();
  }, 240_000);
});
