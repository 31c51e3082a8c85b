import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { rest, type TestServer } from '../support/server.ts';
import { hasChromium, newPage, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { roundAction } from './scenario.ts';
import { bigRoom, consoleOverflows, ROOM_TEXT, votedRound } from './bigRoom.ts';

/**
 * The console fits a 1440 px laptop (issue 13: "tables fit 1440 px"): with
 * 60 proposals, profile groups and three projectors, no part of it is wider
 * than its box — the page, its two columns, each card and each table's
 * scroll box — in English and in Czech, whose words are longer.
 */
describe.skipIf(!hasChromium)('the console at 1440×900 with 60 proposals (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it.each(['en', 'cs'] as const)('%s: results, results by group, where we disagree, proposals and projectors fit without sideways scrolling', async (lang) => {
    const room = await bigRoom(server.url, lang, 60, 120);
    const screens = [
      { name: 'main', mode: 'follow', page: null, corner: true, theme: 'dark' },
      { name: 'side-screen', mode: 'map', page: 2, corner: false, theme: 'light' },
      { name: 'entrance', mode: 'join', page: null, corner: true, theme: 'dark' },
    ];
    expect((await rest(server.url, 'PATCH', `/api/assemblies/${room.a.id}`, { token: room.a.token, body: { screens } })).body.ok).toBe(true);
    const round = await votedRound(server.url, room, { question: ROOM_TEXT[lang].question }, 60);
    await roundAction(server.url, room.a, round.id, 'close');

    const { page } = await newPage(browser, { viewport: { width: 1440, height: 900 }, locale: lang === 'cs' ? 'cs-CZ' : 'en-GB' });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${room.a.id}/facilitator#token=${room.a.token}`);
    await page.locator('.results-table tbody tr').nth(59).waitFor();
    await page.getByTestId('screen-entrance').waitFor();
    await page.locator('.proposal-row').nth(59).waitFor();
    const found: Record<string, string[]> = { results: await consoleOverflows(page) };
    // Each tab of the results in turn (their names differ by language: by position), once its table is there.
    const tabs = page.locator('[role=tablist] [role=tab]');
    expect(await tabs.count()).toBe(4);
    for (const [i, table] of [[1, '.disagree-table'], [2, '[role=tabpanel] table'], [3, '.seg-table']] as const) {
      await tabs.nth(i).click();
      await page.locator(table).first().waitFor();
      await page.waitForTimeout(300);
      found[(await tabs.nth(i).textContent()) ?? String(i)] = await consoleOverflows(page);
    }
    expect(Object.entries(found).filter(([, v]) => v.length)).toEqual([]);
    expect(errors).toEqual([]);
    room.fac.disconnect();
    for (const s of room.phones) s.disconnect();
  }, 180_000);
});
