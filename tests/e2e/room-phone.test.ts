import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { axeScan, hasChromium, newPage, phone, serious, startBrowserSuite, stopBrowserSuite, watchErrors, shotPath } from '../support/browser.ts';
import { bots, castBallots, createAssembly, createRound, roundAction } from './scenario.ts';
import { importMany } from './roomScenario.ts';

describe.skipIf(!hasChromium)('the phone on long and budget ballots (headless Chromium, 360×640)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it('a budget ballot of 22 shows the budget and the running total; search and "my choices"; an empty ballot asks first', async () => {
    const a = await createAssembly(server.url, 'Budget');
    const proposals = await importMany(server.url, a, 22, true); // costs 1 000 … 22 000
    const ids = proposals.map((p) => p.id);
    const round = await createRound(server.url, a, { proposalIds: ids, winners: 3, budget: 30000 });
    await roundAction(server.url, a, round.id, 'open');
    const { page } = await newPage(browser, phone);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}`);
    const total = page.getByTestId('budget-total');
    await total.waitFor();
    expect(await total.textContent()).toMatch(/Budget\s*30,000.*Your choices\s*0.*30,000 left/);
    expect(await page.locator('.v-card-cost').count()).toBe(22);

    // An untouched ballot: the big button does not send an empty ballot; abstaining asks first.
    const send = page.getByRole('button', { name: 'Send ballot' });
    expect(await send.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Abstain…' }).click();
    await page.getByText('Send an empty ballot?').waitFor();
    await page.getByRole('button', { name: 'Back to the ballot' }).click();
    expect(await page.getByTestId('ballot-status').textContent()).not.toContain('counted');

    // Search narrows the list; votes are kept across searches.
    await page.getByLabel('Find a proposal').fill('Proposal 12');
    expect(await page.locator('.v-card').count()).toBe(1);
    await page.getByRole('button', { name: 'For Proposal 12: bike lanes (plus vote)' }).click();
    await page.getByLabel('Find a proposal').fill('');
    expect(await page.locator('.v-card').count()).toBe(22);
    await page.getByRole('button', { name: 'For Proposal 20: youth club (plus vote)' }).click();
    expect(await total.textContent()).toMatch(/Your choices\s*32,000.*2,000 over the budget/);
    await page.getByRole('button', { name: 'For Proposal 20: youth club (plus vote)' }).click();
    await page.getByRole('button', { name: 'For Proposal 3: library hours (plus vote)' }).click();
    expect(await total.textContent()).toMatch(/Your choices\s*15,000.*15,000 left/);

    // "My choices" sums the ballot up before sending.
    const mine = page.getByTestId('my-choices');
    expect(await mine.textContent()).toMatch(/For \(2\).*Proposal 12: bike lanes.*Proposal 3: library hours/);
    await page.getByRole('link', { name: 'My choices (2)' }).waitFor();
    await send.click();
    await page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('costs show only on budget rounds; an empty ballot is sent only after the confirmation', async () => {
    const a = await createAssembly(server.url, 'Plain');
    const proposals = await importMany(server.url, a, 5, true);
    const round = await createRound(server.url, a, { proposalIds: proposals.map((p) => p.id), winners: 1 });
    await roundAction(server.url, a, round.id, 'open');
    const { page } = await newPage(browser, phone);
    await page.goto(`${server.url}/a/${a.id}`);
    await page.locator('.v-card').first().waitFor();
    expect(await page.locator('.v-card-cost').count()).toBe(0);
    expect(await page.getByTestId('budget-total').count()).toBe(0);
    expect(await page.getByLabel('Find a proposal').count()).toBe(0); // 5 proposals: no search needed
    await page.getByRole('button', { name: 'Abstain…' }).click();
    await page.getByRole('button', { name: 'Yes, abstain' }).click();
    await page.getByTestId('ballot-status').filter({ hasText: 'you abstained' }).waitFor();
  });

  it('results on phones after close once the facilitator publishes them from the console; readable at 360×640', async () => {
    const a = await createAssembly(server.url, 'Published');
    const ids = (await importMany(server.url, a, 12)).map((p) => p.id);
    const round = await createRound(server.url, a, { proposalIds: ids, winners: 3, question: 'Which go to the council?' });
    await roundAction(server.url, a, round.id, 'open');
    const { page } = await newPage(browser, { ...phone, bypassCSP: true });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}`);
    await page.locator('.v-card').first().waitFor();
    await castBallots(await bots(server.url, a.id, 30), round.id, ids, round.rules);
    await roundAction(server.url, a, round.id, 'close');
    await page.getByRole('heading', { name: 'Voting has closed' }).waitFor();
    expect(await page.getByTestId('phone-results').count()).toBe(0);

    // The facilitator publishes from the console; the phone shows every proposal, ranked.
    const { page: console } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await console.goto(`${server.url}/a/${a.id}/facilitator#token=${a.token}`);
    await console.getByRole('button', { name: 'Show results on phones' }).click();
    await console.getByText('Phones show these results.').waitFor();
    const results = page.getByTestId('phone-results');
    await results.waitFor();
    expect(await results.locator('li').count()).toBe(12);
    expect(await results.locator('li.won').count()).toBeGreaterThanOrEqual(3);
    expect(await results.textContent()).toMatch(/Winner/);
    // Readable on the phone: nothing wider than the screen, text at least 16 px.
    const layout = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      small: [...document.querySelectorAll('[data-testid=phone-results] li *')].filter((el) => el.childNodes.length && parseFloat(getComputedStyle(el).fontSize) < 15.9).length,
    }));
    expect(layout.scroll).toBeLessThanOrEqual(360);
    expect(layout.small).toBe(0);
    expect(serious(await axeScan(page))).toEqual([]);
    await results.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('phone-results.png'), animations: 'disabled' });

    // Hidden again from the console: the phone drops them.
    await console.getByRole('button', { name: 'Hide results from phones' }).click();
    await results.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
