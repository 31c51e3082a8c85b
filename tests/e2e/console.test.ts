import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { hasChromium, laptop, newPage, phone, projector, watchErrors, startBrowserSuite, stopBrowserSuite } from '../support/browser.ts';
import { createAssembly, createRound, importProposals, roundAction, setDisplay } from './scenario.ts';

describe.skipIf(!hasChromium)('console editing, round variants and reconnecting (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it('edits, reorders and deletes proposals; shows rule and server errors inline; exports CSV', async () => {
    const a = await createAssembly(server.url, 'Editing');
    await importProposals(server.url, a);
    const { page } = await newPage(browser, laptop);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}/facilitator#token=${a.token}`);
    await page.getByRole('heading', { name: 'Editing' }).waitFor();
    expect(page.url()).not.toContain('token');

    // Edit.
    await page.getByRole('button', { name: 'Edit Free Wi-Fi in the town square' }).click();
    await page.getByLabel('Title', { exact: true }).last().fill('Free Wi-Fi in the square and the park');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.proposal-title', { hasText: 'Free Wi-Fi in the square and the park' }).waitFor();
    // Reorder: move the second proposal up.
    await page.getByRole('button', { name: 'Move Community garden behind the library up' }).click();
    await page.locator('.proposal-row').first().filter({ hasText: 'Community garden' }).waitFor();
    // Delete with confirmation.
    await page.getByRole('button', { name: 'Delete Youth centre evening programme' }).click();
    await page.getByRole('button', { name: 'Confirm deleting Youth centre evening programme' }).click();
    await page.locator('.proposal-title', { hasText: 'Youth centre' }).waitFor({ state: 'detached' });
    expect(await page.locator('.proposal-row').count()).toBe(8);

    // The rules preview explains a bad override before anything is sent.
    const setup = page.locator('.setup-form');
    await setup.getByLabel('Plus votes (P)').fill('12');
    expect(await setup.locator('.rules-preview').textContent()).toContain('Plus votes must be between 0 and 8');
    await setup.getByLabel('Plus votes (P)').fill('4');
    await setup.getByLabel('Minus votes (M)').fill('0');
    expect(await setup.locator('.rules-preview').textContent()).toContain('Each voter gets 4 plus votes and no minus votes');
    await setup.getByLabel('Lock ballots once cast').check();
    await setup.getByRole('button', { name: 'Create and open voting' }).click();
    await page.getByText('Voting open').waitFor();
    expect(await page.locator('.current-round .rules-line').textContent()).toContain('4 plus (set) · no minus (set)');

    // A server refusal is shown inline: a draft cannot open while a vote is open.
    await setup.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText('Vote 2 saved as a draft.').waitFor();
    await page.locator('.round-item', { hasText: 'Vote 2' }).getByRole('button', { name: 'Open voting' }).click();
    await page.locator('.round-item', { hasText: 'Vote 2' }).getByRole('alert').filter({ hasText: 'Another round is open' }).waitFor();

    // Phone in a plus-only, locked round: no minus buttons; after sending, nothing can change.
    const ph = await newPage(browser, phone);
    await ph.page.goto(`${server.url}/a/${a.id}`);
    await ph.page.getByRole('button', { name: 'For Skate park in Riverside Park (plus vote)' }).click();
    expect(await ph.page.getByRole('button', { name: /minus vote/ }).count()).toBe(0);
    expect(await ph.page.locator('.v-counters').textContent()).not.toContain('minus');
    expect(await ph.page.getByTestId('ballot-status').textContent()).toContain('Once sent, it cannot be changed');
    await ph.page.getByRole('button', { name: 'Send ballot' }).click();
    await ph.page.getByTestId('ballot-status').filter({ hasText: 'cannot be changed once cast' }).waitFor();
    expect(await ph.page.getByRole('button', { name: 'For 200 street trees (plus vote)' }).getAttribute('aria-disabled')).toBe('true');

    // Close and export the results as CSV.
    await page.getByRole('button', { name: 'Close voting…' }).click();
    await page.getByRole('button', { name: 'Yes, close voting' }).click();
    await page.locator('.results-table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Results CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('vote-1-results.csv');
    const [ballots] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ballots JSON' }).click()]);
    expect(ballots.suggestedFilename()).toBe('vote-1-ballots.json');
    // The seal: the full digest, and the command that checks it from those two exports.
    const seal = page.getByTestId('console-seal');
    expect(await seal.locator('.seal-full').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await seal.textContent()).toContain('npm run verify -- vote-1-ballots.json vote-1-results.json');
    expect(errors).toEqual([]);
  });

  it('hidden rounds show turnout only; budget rounds show funded lines; a dropped link shows "Reconnecting…" and recovers', async () => {
    const a = await createAssembly(server.url, 'Variants');
    const ids = (await importProposals(server.url, a, true)).map((p) => p.id);
    const r = await createRound(server.url, a, { question: 'Budget vote', proposalIds: ids, winners: 3, budget: 250000, visibility: 'hidden' });
    await roundAction(server.url, a, r.id, 'open');
    await setDisplay(server.url, a, 'live');

    const pj = await newPage(browser, projector);
    await pj.page.goto(`${server.url}/a/${a.id}/screen`);
    const ph = await newPage(browser, phone);
    await ph.page.goto(`${server.url}/a/${a.id}`);
    await ph.page.getByRole('button', { name: 'For 200 street trees (plus vote)' }).click();
    await ph.page.getByRole('button', { name: 'For Community garden behind the library (plus vote)' }).click();
    await ph.page.getByRole('button', { name: 'Send ballot' }).click();
    await ph.page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();
    await pj.page.getByTestId('pj-hidden-turnout').filter({ hasText: '1 of 1 have voted' }).waitFor();
    expect(await pj.page.locator('.pj-bar-row').count()).toBe(0);

    // The link drops: the phone says so, keeps its ballot, and comes back by itself.
    await ph.page.getByRole('button', { name: 'For Skate park in Riverside Park (plus vote)' }).click();
    server.app.io.disconnectSockets(true);
    await ph.page.locator('.conn-banner', { hasText: 'Reconnecting…' }).waitFor();
    await ph.page.locator('.conn-banner.online').waitFor({ state: 'attached', timeout: 10_000 });
    expect(await ph.page.getByTestId('ballot-status').textContent()).toContain('Changes not sent');
    expect(await ph.page.getByRole('button', { name: 'For Skate park in Riverside Park (plus vote)' }).getAttribute('aria-pressed')).toBe('true');
    await ph.page.getByRole('button', { name: 'Send changes' }).click();
    await ph.page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();

    await roundAction(server.url, a, r.id, 'close');
    await setDisplay(server.url, a, 'final');
    await pj.page.locator('.pj-final').waitFor();
    expect(await pj.page.locator('.badge.funded').count()).toBeGreaterThan(0);
    // Budget, allocated and left in the summary above the walk (the footer no longer repeats them).
    expect(await pj.page.locator('.pjb-summary').textContent()).toMatch(/Budget\s*250,000.*Allocated\s*[\d,]+.*Money left\s*[\d,]+/);
  });
});

describe.skipIf(!hasChromium)('the projector with many long proposals (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it('fits 1920×1080 without scrollbars: long titles truncate, 28 proposals go on pages ("page 1 of 3"), never "… and n more"', async () => {
    const { rest } = await import('../support/server.ts');
    const { bots, castBallots } = await import('./scenario.ts');
    const a = await createAssembly(server.url, 'A very long assembly title that goes on and on about the neighbourhood and its many committees');
    const csv = ['title', ...Array.from({ length: 28 }, (_, i) => `Proposal ${i + 1}: a deliberately long title to check that the projector truncates instead of wrapping or scrolling`)].join('\n');
    const imported = await rest<{ id: string }[]>(server.url, 'POST', `/api/assemblies/${a.id}/proposals/import`, { token: a.token, csv });
    if (!imported.body.ok) throw new Error(imported.body.error.message);
    const ids = imported.body.data.map((p) => p.id);
    const r = await createRound(server.url, a, { question: 'An equally long question that needs two lines on the projector, maybe even more than two lines if nobody stops it?', proposalIds: ids, winners: 5 });
    await roundAction(server.url, a, r.id, 'open');
    await setDisplay(server.url, a, 'live');
    const crowd = await bots(server.url, a.id, 15);
    await castBallots(crowd, r.id, ids, r.rules);
    const pj = await newPage(browser, projector);
    await pj.page.goto(`${server.url}/a/${a.id}/screen`);
    await pj.page.getByTestId('pj-ballots').filter({ hasText: '15 ballots' }).waitFor();
    const fits = () => pj.page.evaluate(() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth);
    const inside = () =>
      pj.page.evaluate(() => [...document.querySelectorAll('.pj-bar-row, .pj-final-row, .pj-footer')].every((el) => el.getBoundingClientRect().bottom <= innerHeight + 1));
    expect(await pj.page.getByTestId('pj-page').textContent()).toMatch(/Page \d of 3/);
    expect(await pj.page.locator('.pj-more').count()).toBe(0);
    expect(await fits()).toBe(true);
    expect(await inside()).toBe(true);
    await roundAction(server.url, a, r.id, 'close');
    await setDisplay(server.url, a, 'final');
    await pj.page.locator('.pj-final').waitFor();
    expect(await pj.page.getByTestId('pj-page').textContent()).toMatch(/Page \d of [34]/); // 4 pages when a tie banner takes room
    expect(await pj.page.locator('.pj-more').count()).toBe(0);
    expect(await fits()).toBe(true);
    expect(await inside()).toBe(true);
    for (const s of crowd) s.disconnect();
  });

  it('the join screen and a hidden round fit 1920×1080 without scrollbars', async () => {
    const { rest } = await import('../support/server.ts');
    const { bots, castBallots } = await import('./scenario.ts');
    const a = await createAssembly(server.url, 'A very long assembly title that goes on and on about the neighbourhood and its many committees');
    const csv = ['title', ...Array.from({ length: 12 }, (_, i) => `Proposal ${i + 1}: a deliberately long title`)].join('\n');
    const imported = await rest<{ id: string }[]>(server.url, 'POST', `/api/assemblies/${a.id}/proposals/import`, { token: a.token, csv });
    if (!imported.body.ok) throw new Error(imported.body.error.message);
    const ids = imported.body.data.map((p) => p.id);
    const r = await createRound(server.url, a, { question: 'An equally long question that needs two lines on the projector, maybe even more than two lines if nobody stops it?', proposalIds: ids, winners: 3, visibility: 'hidden' });
    const crowd = await bots(server.url, a.id, 12);
    const pj = await newPage(browser, projector);
    await pj.page.goto(`${server.url}/a/${a.id}/screen`);
    await pj.page.getByTestId('joined-count').filter({ hasText: '12' }).waitFor();
    const fits = () => pj.page.evaluate(() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth);
    expect(await fits()).toBe(true);
    await roundAction(server.url, a, r.id, 'open');
    await setDisplay(server.url, a, 'live');
    await castBallots(crowd.slice(0, 7), r.id, ids, r.rules);
    await pj.page.getByTestId('pj-hidden-turnout').filter({ hasText: '7 of 12' }).waitFor();
    expect(await fits()).toBe(true);
    for (const s of crowd) s.disconnect();
  });
});
