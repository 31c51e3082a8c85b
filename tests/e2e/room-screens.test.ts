import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { rest, type TestServer } from '../support/server.ts';
import { axeScan, hasChromium, newPage, projector, serious, startBrowserSuite, stopBrowserSuite, watchErrors, shotDir } from '../support/browser.ts';
import { bots, castBallots, createAssembly, createRound, roundAction, setDisplay } from './scenario.ts';
import { importMany, smallText } from './roomScenario.ts';

const OUT = shotDir;

/**
 * Several projectors (issue 13): each projector link has its own mode,
 * pinned page, join corner and theme, chosen from the console; the
 * consensus map's quadrant lines are set per assembly.
 */
describe.skipIf(!hasChromium)('two projectors in different modes, set from the console (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it('the hall follows the console on live bars; the side screen keeps the map, light, page 2 pinned, no corner; the console changes them', async () => {
    const a = await createAssembly(server.url, 'Two screens');
    const ids = (await importMany(server.url, a, 30)).map((p) => p.id);
    const round = await createRound(server.url, a, { proposalIds: ids, winners: 3, question: 'Which proposals go to the council?' });
    await roundAction(server.url, a, round.id, 'open');
    await setDisplay(server.url, a, 'live');
    await castBallots(await bots(server.url, a.id, 40), round.id, ids, round.rules);
    const screens = [{ name: 'side', mode: 'map', page: 2, corner: false, theme: 'light' }];
    const set = await rest(server.url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { screens, map: { support: 0.2, opposition: null } } });
    expect(set.body.ok).toBe(true);

    const hall = (await newPage(browser, { ...projector, bypassCSP: true })).page;
    const side = (await newPage(browser, { ...projector, bypassCSP: true })).page;
    const errors = [...watchErrors(hall), ...watchErrors(side)];
    await hall.goto(`${server.url}/a/${a.id}/screen`);
    await side.goto(`${server.url}/a/${a.id}/screen?screen=side`);
    await hall.locator('.pj-live .pj-bar-row').first().waitFor();
    await side.locator('.pj-mapview .pj-mapview-list li').first().waitFor();

    // The hall: live bars, dark, the corner; the side screen: the map alone, light, no corner, page 2 kept.
    expect(await hall.evaluate(() => document.documentElement.classList.contains('projector-light'))).toBe(false);
    expect(await side.evaluate(() => document.documentElement.classList.contains('projector-light'))).toBe(true);
    expect(await hall.getByTestId('pj-corner').count()).toBe(1);
    expect(await side.getByTestId('pj-corner').count()).toBe(0);
    await side.getByTestId('pj-page').filter({ hasText: /^Page 2 of 3/ }).waitFor();
    await side.waitForTimeout(9000); // past one turn of the pages: still page 2
    expect(await side.getByTestId('pj-page').textContent()).toMatch(/^Page 2 of 3/);
    // Every proposal on the side screen's map; the support line at the assembly's 20 %.
    expect(new Set(await side.locator('.pj-map-point').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id)))).toEqual(new Set(ids));
    for (const page of [hall, side]) {
      expect(await smallText(page)).toEqual([]);
      expect(serious(await axeScan(page))).toEqual([]);
    }
    await side.screenshot({ path: join(OUT, 'projector-side-map-light.png'), animations: 'disabled' });

    // The console's display control moves the hall only; the side screen keeps its map.
    await setDisplay(server.url, a, 'disagree');
    await hall.locator('.pj-disagree .pjd-row').first().waitFor();
    expect(await side.locator('.pj-mapview').count()).toBe(1);

    // From the console: the side screen to the join screen, dark; the hall to the light theme.
    const { page: console } = await newPage(browser, { viewport: { width: 1440, height: 900 }, bypassCSP: true });
    errors.push(...watchErrors(console));
    await console.goto(`${server.url}/a/${a.id}/facilitator#token=${a.token}`);
    const sideRow = console.getByTestId('screen-side');
    await sideRow.getByLabel('Shows').selectOption('join');
    await side.locator('.pj-join').waitFor();
    await sideRow.getByLabel('Theme').selectOption('dark');
    await side.waitForFunction(() => !document.documentElement.classList.contains('projector-light'));
    await console.getByTestId('screen-main').getByLabel('Theme').selectOption('light');
    await hall.waitForFunction(() => document.documentElement.classList.contains('projector-light'));
    expect(await smallText(hall)).toEqual([]);
    expect(serious(await axeScan(hall))).toEqual([]);
    await hall.screenshot({ path: join(OUT, 'projector-disagree-light.png'), animations: 'disabled' });
    // The corner switched off from the console.
    // (A controlled box: it changes when the server confirms, so click, then wait for the screen.)
    await console.getByTestId('screen-main').getByLabel('QR code and join code in the corner').click();
    await hall.getByTestId('pj-corner').waitFor({ state: 'detached' });
    expect(serious(await axeScan(console))).toEqual([]);

    // The final results in the light theme: the same rules.
    await roundAction(server.url, a, round.id, 'close');
    await setDisplay(server.url, a, 'final');
    await hall.locator('.pj-final .pj-final-row.status-winner').first().waitFor();
    expect(await smallText(hall)).toEqual([]);
    expect(serious(await axeScan(hall))).toEqual([]);
    await hall.screenshot({ path: join(OUT, 'projector-final-light.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
  }, 120_000);
});
