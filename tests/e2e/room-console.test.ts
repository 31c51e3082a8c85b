import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { rest, type TestServer } from '../support/server.ts';
import { hasChromium, newPage, phone, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { createAssembly } from './scenario.ts';
import { importMany } from './roomScenario.ts';

describe.skipIf(!hasChromium)('the console at real size (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it('round setup lists all 60 proposals with filter, select all and count; closing asks first; the assembly is renamed everywhere', async () => {
    const a = await createAssembly(server.url, 'Big assembly');
    await importMany(server.url, a, 60);
    const { page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}/facilitator#token=${a.token}`);
    const setup = page.locator('.setup-form');
    const count = setup.getByTestId('pick-count');
    await count.filter({ hasText: '60 of 60 on the ballot' }).waitFor();

    // Every proposal is in the list and can be seen (nothing hidden in a clipped box).
    const boxes = setup.locator('.pick-list input[type=checkbox]');
    expect(await boxes.count()).toBe(60);
    for (let i = 0; i < 60; i++) {
      const box = boxes.nth(i);
      await box.scrollIntoViewIfNeeded();
      expect(await box.isVisible(), `checkbox ${i + 1}`).toBe(true);
      const hit = await box.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === el;
      });
      expect(hit, `checkbox ${i + 1} is on top`).toBe(true);
    }

    // Filter, clear what it shows, count follows.
    await setup.getByLabel('Filter proposals').fill('bike');
    expect(await boxes.count()).toBe(12);
    await setup.getByRole('button', { name: 'Clear 12 shown' }).click();
    await count.filter({ hasText: '48 of 60 on the ballot' }).waitFor();
    await setup.getByLabel('Filter proposals').fill('');
    expect(await boxes.count()).toBe(60);
    await setup.getByRole('button', { name: 'Select all' }).click();
    await count.filter({ hasText: '60 of 60 on the ballot' }).waitFor();
    await setup.getByRole('button', { name: 'Clear all' }).click();
    await count.filter({ hasText: '0 of 60 on the ballot' }).waitFor();
    await setup.getByRole('button', { name: 'Select all' }).click();
    await setup.getByLabel('Winners (W)').fill('5');
    await setup.getByRole('button', { name: 'Create and open voting' }).click();
    await page.getByText('Voting open').waitFor();
    const rounds = await rest<{ rounds: { proposalIds: string[] }[] }>(server.url, 'GET', `/api/assemblies/${a.id}`, { token: a.token });
    if (!rounds.body.ok) throw new Error('assembly');
    expect(rounds.body.data.rounds[0]!.proposalIds).toHaveLength(60);

    // Rename: the phone's header follows.
    const ph = await newPage(browser, phone);
    await ph.page.goto(`${server.url}/a/${a.id}`);
    await ph.page.getByText('Big assembly').first().waitFor();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Assembly title').fill('Velké shromáždění 2026');
    await page.getByRole('button', { name: 'Save title' }).click();
    await page.getByRole('heading', { name: 'Velké shromáždění 2026' }).waitFor();
    await ph.page.getByText('Velké shromáždění 2026').first().waitFor();

    // Close asks first; "Keep voting open" is the focused default and changes nothing.
    await page.getByRole('button', { name: 'Close voting…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Close vote 1 now?');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep voting open');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('.current-round .badge').textContent()).toBe('Voting open');
    await page.getByRole('button', { name: 'Close voting…' }).click();
    await page.getByRole('button', { name: 'Yes, close voting' }).click();
    await page.locator('.current-round .badge', { hasText: 'Closed' }).waitFor();
    expect(errors).toEqual([]);
  }, 90_000); // walks 60 checkboxes one by one
});
