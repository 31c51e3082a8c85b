import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TEST_OPERATOR_TOKEN, type TestServer } from '../support/server.ts';
import { hasChromium, laptop, newPage, phone, projector, watchErrors, startBrowserSuite, stopBrowserSuite } from '../support/browser.ts';

const PROPOSALS_CSV = 'title,description\nLibrary hours,Open until 22:00 on weekdays\nSkate park,\nStreet trees,Plant 200 trees\nBus shelter,\n';

async function vote(page: Page, title: string, kind: 'Plus' | 'Minus'): Promise<void> {
  await page.getByRole('button', { name: `${kind === 'Plus' ? 'For' : 'Against'} ${title} (${kind.toLowerCase()} vote)` }).click();
}
async function pressed(page: Page, title: string, kind: 'Plus' | 'Minus'): Promise<string | null> {
  return page.getByRole('button', { name: `${kind === 'Plus' ? 'For' : 'Against'} ${title} (${kind.toLowerCase()} vote)` }).getAttribute('aria-pressed');
}
async function status(page: Page): Promise<string> {
  return (await page.getByTestId('ballot-status').textContent()) ?? '';
}

describe.skipIf(!hasChromium)('the three screens together (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it('creates an assembly, opens a round, three phones vote, the console follows within a second, the projector holds a quiet room’s tally until close, a reload keeps the ballot, close shows results', async () => {
    // --- Facilitator creates the assembly and its proposals.
    const fac = await newPage(browser, laptop);
    const facErrors = watchErrors(fac.page);
    await fac.page.goto(`${server.url}/#operator=${TEST_OPERATOR_TOKEN}`);
    await fac.page.getByLabel('Title').fill('Town hall');
    await fac.page.getByRole('button', { name: 'Create assembly' }).click();
    await fac.page.getByRole('heading', { name: 'Town hall' }).waitFor();
    // The token is kept in localStorage and removed from the address bar.
    expect(fac.page.url()).toMatch(/\/a\/[A-Za-z0-9_-]+\/facilitator$/);
    const assemblyId = /\/a\/([^/]+)\/facilitator/.exec(fac.page.url())![1]!;

    for (const title of ['Bike lanes', 'Community garden']) {
      await fac.page.locator('#new-title').fill(title);
      await fac.page.getByRole('button', { name: 'Add proposal' }).click();
      await fac.page.locator('.proposal-title', { hasText: title }).waitFor();
    }
    await fac.page.locator('#csv-file').setInputFiles({ name: 'proposals.csv', mimeType: 'text/csv', buffer: Buffer.from(PROPOSALS_CSV) });
    await fac.page.getByText('Imported 4 proposals from proposals.csv.').waitFor();
    expect(await fac.page.locator('.proposal-row').count()).toBe(6);

    // Six proposals, one winner: the formula gives 2 plus and 1 minus (shown as placeholders).
    const setup = fac.page.locator('.setup-form');
    expect(await setup.getByLabel('Plus votes (P)').getAttribute('placeholder')).toBe('2');
    expect(await setup.getByLabel('Minus votes (M)').getAttribute('placeholder')).toBe('1');
    await setup.getByLabel(/Question shown on phones/).fill('Which projects should we fund first?');
    await setup.getByRole('button', { name: 'Create and open voting' }).click();
    await fac.page.getByText('Voting open').waitFor();

    // --- Projector: live results (opening switched the display to live).
    const pj = await newPage(browser, projector);
    const pjErrors = watchErrors(pj.page);
    await pj.page.goto(`${server.url}/a/${assemblyId}/screen`);
    await pj.page.locator('.pj-live').waitFor();
    await pj.page.getByTestId('pj-ballots').filter({ hasText: '0 ballots' }).waitFor();

    // --- Three phones join.
    const phones = await Promise.all([0, 1, 2].map(() => newPage(browser, phone)));
    const phoneErrors = phones.map((p) => watchErrors(p.page));
    await Promise.all(phones.map((p) => p.page.goto(`${server.url}/a/${assemblyId}`)));
    await Promise.all(phones.map((p) => p.page.getByRole('heading', { name: 'Which projects should we fund first?' }).waitFor()));
    const [p1, p2, p3] = phones.map((p) => p.page) as [Page, Page, Page];

    // The rule is enforced in words before any plus vote.
    expect(await p1.getByRole('button', { name: 'Against Skate park (minus vote)' }).getAttribute('aria-disabled')).toBe('true');
    expect(await p1.locator('.v-hint').textContent()).toContain('A minus vote needs 2 plus votes first.');
    expect(await p1.locator('.v-counters').textContent()).toContain('2 of 2 plus left');

    // Phone 1: two plus, one minus, send.
    await vote(p1, 'Bike lanes', 'Plus');
    await vote(p1, 'Community garden', 'Plus');
    expect(await p1.locator('.v-counters').textContent()).toContain('0 of 2 plus left');
    expect(await p1.getByRole('button', { name: 'For Skate park (plus vote)' }).getAttribute('aria-disabled')).toBe('true');
    await vote(p1, 'Skate park', 'Minus');
    expect(await status(p1)).toContain('Not sent yet');
    await p1.getByRole('button', { name: 'Send ballot' }).click();
    await p1.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();
    // The console shows it within a second.
    const t0 = Date.now();
    await fac.page.getByTestId('fac-voted').filter({ hasText: '1' }).waitFor({ timeout: 1000 });
    expect(Date.now() - t0).toBeLessThan(1000);

    // Phone 2 votes, then reloads mid-round: the counted ballot comes back.
    await vote(p2, 'Bike lanes', 'Plus');
    await vote(p2, 'Street trees', 'Plus');
    await p2.getByRole('button', { name: 'Send ballot' }).click();
    await p2.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();
    const t1 = Date.now();
    await fac.page.getByTestId('fac-voted').filter({ hasText: '2' }).waitFor({ timeout: 1000 });
    expect(Date.now() - t1).toBeLessThan(1000);
    await p2.reload();
    await p2.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();
    expect(await pressed(p2, 'Bike lanes', 'Plus')).toBe('true');
    expect(await pressed(p2, 'Street trees', 'Plus')).toBe('true');
    expect(await pressed(p2, 'Community garden', 'Plus')).toBe('false');

    // Phone 3 drafts without sending and reloads: the draft survives, not yet counted.
    await vote(p3, 'Library hours', 'Plus');
    await p3.reload();
    await p3.getByRole('heading', { name: 'Which projects should we fund first?' }).waitFor();
    expect(await pressed(p3, 'Library hours', 'Plus')).toBe('true');
    expect(await status(p3)).toContain('Not sent yet');
    // ...then changes it and sends.
    await vote(p3, 'Bike lanes', 'Plus');
    await p3.getByRole('button', { name: 'Send ballot' }).click();
    await p3.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();

    // Phone 1 changes its ballot while the round is open: one ballot still counts per person.
    await vote(p1, 'Skate park', 'Minus');
    expect(await status(p1)).toContain('Changes not sent');
    await p1.getByRole('button', { name: 'Send changes' }).click();
    await p1.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();

    await fac.page.getByTestId('fac-voted').filter({ hasText: '3' }).waitFor();
    // A quiet room: the public tally is released in batches of 5 voters
    // (docs/security.md), so the projector cannot pair a phone with a change.
    expect(await pj.page.getByTestId('pj-ballots').textContent()).toBe('0 ballots');

    // --- Close: phones stop, the facilitator's table shows ranks and the winner, the projector the final results.
    await fac.page.getByRole('button', { name: 'Close voting…' }).click();
    await fac.page.getByRole('button', { name: 'Yes, close voting' }).click();
    // The bars: Bike lanes leads with 3 plus.
    await pj.page.getByTestId('pj-ballots').filter({ hasText: '3 ballots' }).waitFor();
    const firstRow = pj.page.locator('.pj-bar-row').filter({ hasText: 'Bike lanes' });
    expect(await firstRow.locator('.pj-rank').textContent()).toBe('1');
    expect(await firstRow.locator('.pj-count.plus-text').textContent()).toContain('+3');
    await Promise.all([p1, p2, p3].map((p) => p.getByRole('heading', { name: 'Voting has closed' }).waitFor()));
    expect(await p2.locator('.v-receipt').textContent()).toContain('Street trees');
    const table = fac.page.locator('.results-table');
    await table.waitFor();
    const winnerRow = table.locator('tr.status-winner');
    expect(await winnerRow.count()).toBe(1);
    expect(await winnerRow.locator('th').textContent()).toBe('Bike lanes');
    expect(await table.locator('caption').textContent()).toContain('Based on 3 ballots');

    await fac.page.getByRole('button', { name: 'Final results' }).click();
    await pj.page.locator('.pj-final').waitFor();
    const finalWinner = pj.page.locator('.pj-final-row.status-winner');
    expect(await finalWinner.locator('.pj-final-title').textContent()).toBe('Bike lanes');
    expect(await finalWinner.textContent()).toContain('Winner');

    // Back on the phone: no results, nothing of other people's ballots.
    const phoneText = (await p3.locator('main').textContent()) ?? '';
    expect(phoneText).toContain('Library hours');
    expect(phoneText).not.toContain('Street trees');
    expect(phoneText).not.toMatch(/Winner|ballots|%/);

    expect([...facErrors, ...pjErrors, ...phoneErrors.flat()]).toEqual([]);
  });
});
