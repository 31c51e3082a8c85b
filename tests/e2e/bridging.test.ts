import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { must, rest, type TestServer } from '../support/server.ts';
import { hasChromium, laptop, newPage, projector, shotPath, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { bots, createAssembly, settle } from './scenario.ts';

/**
 * Bridging proposals on the console and the projector (docs/opinion-groups.md,
 * "Bridging proposals"): only proposals every opinion group backs clearly are
 * called bridging. A room split into camps has none, and both screens say so
 * in words, in English and Czech; a room with one proposal everyone backs
 * shows that one. In a plus-only round with groups, "where we disagree"
 * shows the proposals the groups back differently, the same one first as
 * the map beside it. Pictures in test-results/screenshots (bridging-*.png).
 */
describe.skipIf(!hasChromium)('bridging proposals and group disagreement (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  const CAMPS = [
    ['North tram line', 'North swimming pool', 'North park benches'],
    ['South market hall', 'South library hours', 'South bus shelter'],
    ['Riverside cycle path', 'Riverside playground', 'Riverside trees'],
  ];
  const COMMON = 'Repair the town hall roof';

  /**
   * A plus-only round of 3 camps × 8 voters: each voter backs their camp's three
   * proposals (every fourth swaps one for the next camp's first); with
   * `common`, everyone also backs COMMON. Closed, so token-less screens see the groups.
   */
  async function room(title: string, common: boolean): Promise<{ id: string; token: string; close: () => void }> {
    const a = await createAssembly(server.url, title);
    const titles = [...(common ? [COMMON] : []), ...CAMPS.flat()];
    const imported = await rest<{ id: string; title: string }[]>(server.url, 'POST', `/api/assemblies/${a.id}/proposals/import`, { token: a.token, csv: ['title', ...titles].join('\n') });
    if (!imported.body.ok) throw new Error(imported.body.error.message);
    const id = Object.fromEntries(imported.body.data.map((p) => [p.title, p.id]));
    const plus = common ? 4 : 3;
    const created = await rest<{ id: string }>(server.url, 'POST', `/api/assemblies/${a.id}/rounds`, { token: a.token, body: { proposalIds: titles.map((t) => id[t]), winners: 1, plus, minus: 0, ratio: 0 } });
    if (!created.body.ok) throw new Error(created.body.error.message);
    const roundId = created.body.data.id;
    await rest(server.url, 'POST', `/api/assemblies/${a.id}/rounds/${roundId}/open`, { token: a.token, body: {} });
    const crowd = await bots(server.url, a.id, 24);
    for (const [i, s] of crowd.entries()) {
      const camp = i % 3;
      const own = CAMPS[camp]!.map((t) => id[t]!);
      if (i % 4 === 3) own[2] = id[CAMPS[(camp + 1) % 3]![0]!]!;
      await must(s, 'ballot:submit', { roundId, ballotId: `bridging-${title.length}-${i}`, plus: common ? [id[COMMON]!, ...own] : own, minus: [] });
    }
    await rest(server.url, 'POST', `/api/assemblies/${a.id}/rounds/${roundId}/close`, { token: a.token });
    await rest(server.url, 'PUT', `/api/assemblies/${a.id}/display`, { token: a.token, body: { mode: 'disagree' } });
    return { ...a, close: () => crowd.forEach((s) => s.disconnect()) };
  }

  async function consoleGroups(a: { id: string; token: string }, locale: string): Promise<{ page: Page; close: () => Promise<void>; errors: string[] }> {
    const fac = await newPage(browser, { ...laptop, locale, viewport: { width: 1440, height: 1000 } });
    const errors = watchErrors(fac.page);
    await fac.page.goto(`${server.url}/a/${a.id}/facilitator#token=${a.token}`);
    await fac.page.getByRole('tab', { name: locale === 'cs-CZ' ? 'Kde se neshodneme' : 'Where we disagree' }).click();
    // The first computation starts the test server's worker thread: on a busy machine that takes seconds.
    await fac.page.getByTestId('og-lead').waitFor({ timeout: 45_000 });
    return { page: fac.page, errors, close: () => fac.context.close() };
  }

  async function screen(a: { id: string }, lang: 'en' | 'cs'): Promise<{ page: Page; close: () => Promise<void>; errors: string[] }> {
    const pj = await newPage(browser, projector);
    const errors = watchErrors(pj.page);
    await pj.page.goto(`${server.url}/a/${a.id}/screen?lang=${lang}`);
    await pj.page.getByTestId('pj-bridging').waitFor({ timeout: 20_000 });
    return { page: pj.page, errors, close: () => pj.context.close() };
  }

  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth);

  it('a room split into camps: no proposal is called bridging; both screens say so; the projector shows which proposals split the groups', async () => {
    const a = await room('Split town', false);
    const c = await consoleGroups(a, 'en-GB');
    const section = c.page.getByTestId('opinion-groups');
    expect(await section.getByTestId('og-lead').textContent()).toContain('24 voters fall into 3 opinion groups');
    expect(await section.getByTestId('og-no-bridging').textContent()).toBe('No proposal is backed across all groups yet.');
    expect(await section.locator('tr.og-bridge').count()).toBe(0);
    expect(await section.locator('.og-tag').count()).toBe(0);
    await section.screenshot({ path: shotPath('bridging-split-console-en.png') });

    const p = await screen(a, 'en');
    const panel = p.page.getByTestId('pj-bridging');
    expect(await panel.getByTestId('pj-bridging-none').textContent()).toBe('No proposal is backed across all groups yet.');
    expect(await panel.locator('.pjg-row').count()).toBe(0);
    // Plus-only with groups: the main area shows the groups' disagreement, not "no disagreement to show".
    const split = p.page.getByTestId('pj-group-split');
    await split.waitFor();
    expect(await p.page.locator('.pjd-empty').count()).toBe(0);
    expect(await split.locator('.pjd-lead').textContent()).toBe('No minus votes in this vote, so disagreement shows as groups backing different proposals:');
    const rows = split.locator('.pjd-list .pjd-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    // The map's "splits the groups" is the list's first row.
    const mapSplit = await p.page.getByTestId('pj-room-map').locator('.pjm-split-title').first().textContent();
    expect(await rows.first().locator('.pjd-title').textContent()).toBe(mapSplit);
    expect(await rows.first().locator('.pjd-share').count()).toBe(3);
    expect(await fits(p.page)).toBe(true);
    await settle(p.page);
    await p.page.screenshot({ path: shotPath('bridging-split-projector-en.png') });

    const pc = await screen(a, 'cs');
    expect(await pc.page.getByTestId('pj-bridging-none').textContent()).toBe('Zatím žádný návrh nemá podporu napříč všemi skupinami.');
    expect(await pc.page.locator('.pjd-lead').textContent()).toBe('V tomto hlasování nejsou záporné hlasy, neshoda je tedy v tom, že skupiny podporují různé návrhy:');
    expect(await fits(pc.page)).toBe(true);
    await settle(pc.page);
    await pc.page.screenshot({ path: shotPath('bridging-split-projector-cs.png') });

    const cc = await consoleGroups(a, 'cs-CZ');
    expect(await cc.page.getByTestId('og-no-bridging').textContent()).toBe('Zatím žádný návrh nemá podporu napříč všemi skupinami.');
    await cc.page.getByTestId('opinion-groups').screenshot({ path: shotPath('bridging-split-console-cs.png') });

    expect([...c.errors, ...p.errors, ...pc.errors, ...cc.errors]).toEqual([]);
    for (const x of [c, p, pc, cc]) await x.close();
    a.close();
  }, 120_000);

  it('a room where everyone backs one proposal: that one alone is bridging, on the console and the projector', async () => {
    const a = await room('Roof town', true);
    const c = await consoleGroups(a, 'en-GB');
    const section = c.page.getByTestId('opinion-groups');
    const bridging = section.locator('tr.og-bridge');
    expect(await bridging.count()).toBe(1);
    expect(await bridging.locator('th').textContent()).toContain(COMMON);
    expect(await section.getByTestId('og-no-bridging').count()).toBe(0);
    await section.screenshot({ path: shotPath('bridging-consensus-console-en.png') });

    const p = await screen(a, 'en');
    const panel = p.page.getByTestId('pj-bridging');
    expect(await panel.locator('.pjg-row .pjg-title').allTextContents()).toEqual([COMMON]);
    expect(await panel.getByTestId('pj-bridging-none').count()).toBe(0);
    expect(await fits(p.page)).toBe(true);
    await settle(p.page);
    await p.page.screenshot({ path: shotPath('bridging-consensus-projector-en.png') });

    const pc = await screen(a, 'cs');
    expect(await pc.page.locator('.pjg-row .pjg-title').allTextContents()).toEqual([COMMON]);
    expect(await pc.page.locator('.pjg-head').textContent()).toContain('Návrhy, které spojují');
    await settle(pc.page);
    await pc.page.screenshot({ path: shotPath('bridging-consensus-projector-cs.png') });

    const cc = await consoleGroups(a, 'cs-CZ');
    expect(await cc.page.locator('tr.og-bridge').count()).toBe(1);
    await cc.page.getByTestId('opinion-groups').screenshot({ path: shotPath('bridging-consensus-console-cs.png') });

    expect([...c.errors, ...p.errors, ...pc.errors, ...cc.errors]).toEqual([]);
    for (const x of [c, p, pc, cc]) await x.close();
    a.close();
  }, 120_000);
});
