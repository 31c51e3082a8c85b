import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { axeScan, hasChromium, laptop, newPage, serious, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { createAssembly, createRound, importProposals, roundAction } from './scenario.ts';

/**
 * Paper ballots (d21-method.md §5.1) in the browser: the facilitator makes
 * two staff links in the console; two entry screens key the same pile of
 * papers by keyboard alone (serial, Tab, numbers, Enter); matching entries
 * count, a mismatch waits in the console's queue and is resolved against
 * the paper; a revoked link's screen stops.
 */
describe.skipIf(!hasChromium)('paper ballots: entry screens by keyboard, mismatch resolved in the console (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  /** One paper ballot, by keyboard only: the serial field has the focus after every keying. */
  async function keyBallot(page: Page, serial: string, numbers: string): Promise<void> {
    await page.keyboard.type(serial);
    await page.keyboard.press('Tab');
    await page.keyboard.type(numbers);
    await page.keyboard.press('Enter');
  }

  it('two staff links key the same ballots; a mismatch is resolved; counts show phone, paper and total', async () => {
    const a = await createAssembly(server.url, 'Paper evening');
    const proposals = await importProposals(server.url, a);
    const r = await createRound(server.url, a, { question: 'Which projects?', proposalIds: proposals.map((p) => p.id), winners: 2, plus: 3, minus: 1 });
    await roundAction(server.url, a, r.id, 'open');

    const console = await newPage(browser, laptop);
    const consoleErrors = watchErrors(console.page);
    await console.page.goto(`${server.url}/a/${a.id}/facilitator#token=${a.token}`);
    const panel = console.page.locator('.paper-panel');
    await panel.waitFor();
    for (const name of ['Desk 1', 'Desk 2']) {
      await panel.getByLabel('New link').fill(name);
      await panel.getByRole('button', { name: 'Create link' }).click();
      await panel.getByTestId(`staff-${name}`).getByTestId('staff-link').waitFor();
    }
    const linkOf = async (name: string) => (await panel.getByTestId(`staff-${name}`).getByTestId('staff-link').getAttribute('href'))!;
    const desks: Page[] = [];
    const deskErrors: string[][] = [];
    for (const name of ['Desk 1', 'Desk 2']) {
      // bypassCSP: the accessibility scan below injects axe-core.
      const { page } = await newPage(browser, { ...laptop, bypassCSP: true });
      deskErrors.push(watchErrors(page));
      await page.goto(await linkOf(name));
      await page.getByRole('heading', { name: 'Which projects?' }).waitFor();
      expect(page.url()).not.toContain('key=');
      desks.push(page);
    }
    const [d1, d2] = desks as [Page, Page];
    const outcome = (p: Page) => p.getByTestId('entry-outcome');

    // Desk 1 keys papers 1 and 2; D21 rules refuse a bad line with the phone's message.
    await keyBallot(d1, '1', '2 5 -3');
    await outcome(d1).filter({ hasText: 'Serial 1 keyed: keyed once, waiting for the second entry' }).waitFor();
    await keyBallot(d1, '2', '1 4');
    await outcome(d1).filter({ hasText: 'Serial 2 keyed' }).waitFor();
    await keyBallot(d1, '3', '1 2 3 4');
    await d1.getByTestId('entry-error').filter({ hasText: 'Too many plus votes for this round.' }).waitFor();
    // The serial and numbers stay for a correction: clear the numbers and type again.
    await d1.keyboard.press('Control+A');
    await d1.keyboard.type('12');
    await d1.keyboard.press('Enter');
    await d1.getByTestId('entry-error').filter({ hasText: 'There is no proposal number 12: the ballot has 1 to 9.' }).waitFor();

    // Desk 2 keys the same pile: paper 1 agrees (in another order), paper 2 differs.
    await keyBallot(d2, '1', '5 2 -3');
    await outcome(d2).filter({ hasText: 'matched: both entries agree' }).waitFor();
    await keyBallot(d2, '2', '1 6');
    await outcome(d2).filter({ hasText: 'mismatch' }).waitFor();
    // Desk 1 hears that its paper 1 matched; keying it again from the same link is refused.
    await d1.getByTestId('entry-row-1').filter({ hasText: 'matched' }).waitFor();
    await d1.keyboard.press('Shift+Tab');
    await d1.keyboard.press('Control+A');
    await keyBallot(d1, '1', '2 5 -3');
    await d1.getByTestId('entry-error').filter({ hasText: 'You already keyed this serial number' }).waitFor();

    // The console: counts and the mismatch queue; resolved against the paper.
    await panel.getByTestId('paper-counts').filter({ hasText: '0 on phones · 1 on paper · 1 in total' }).waitFor();
    const mismatch = panel.getByTestId('mismatch-2');
    await mismatch.filter({ hasText: 'Desk 1 keyed: 1 4' }).filter({ hasText: 'Desk 2 keyed: 1 6' }).waitFor();
    await mismatch.getByTestId('resolve-line').fill('1 4');
    await mismatch.getByRole('button', { name: 'Count this' }).click();
    await panel.getByTestId('paper-counts').filter({ hasText: '0 on phones · 2 on paper · 2 in total' }).waitFor();
    await mismatch.waitFor({ state: 'detached' });
    await d2.getByTestId('entry-row-2').filter({ hasText: 'resolved by the facilitator' }).waitFor();
    // The console's results split the counts by channel.
    const split = console.page.getByTestId('channel-split');
    await split.filter({ hasText: '0 on phones · 2 on paper · 2 in total' }).waitFor();
    // The entry screen and the console's panel pass an accessibility scan.
    expect(serious(await axeScan(d1))).toEqual([]);

    // A paper keyed once would not count: closing says so first.
    await d1.keyboard.press('Shift+Tab');
    await d1.keyboard.press('Control+A');
    await keyBallot(d1, '4', '7');
    await outcome(d1).filter({ hasText: 'Serial 4 keyed' }).waitFor();
    await console.page.getByRole('button', { name: 'Close voting…' }).click();
    await console.page.getByTestId('paper-unfinished').filter({ hasText: '1 keyed only once, 0 mismatched' }).waitFor();
    await console.page.getByRole('button', { name: 'Keep voting open' }).click();

    // Revoking desk 2: its screen stops at once.
    await panel.getByRole('button', { name: 'Revoke Desk 2' }).click();
    await d2.getByRole('alert').filter({ hasText: 'This staff link was revoked by the facilitator' }).waitFor({ timeout: 15_000 });
    await d2.getByTestId('entry-line').waitFor({ state: 'detached' });

    expect(consoleErrors).toEqual([]);
    expect(deskErrors.flat().filter((e) => !e.includes('WebSocket'))).toEqual([]);
  });
});
