import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RoundResults } from '../../shared/domain/index.ts';
import { rest, type TestServer, type TestSocket } from '../support/server.ts';
import { hasChromium, laptop, newPage, phone, startBrowserSuite, stopBrowserSuite, watchErrors, shotDir } from '../support/browser.ts';
import { bots, castBallots, createAssembly, createRound, importProposals, roundAction } from './scenario.ts';

/** Pictures of the §5 screens, written beside the other screenshots' test output (git-ignored) unless UPDATE_SCREENSHOTS=1. */
const OUT = shotDir;

/**
 * d21-method.md §5 in the browser: a phone in a two-pot budget round
 * (Prague 10 preset) with an exclusion rule and a shuffled ballot order,
 * and the console showing excluded proposals, each pot and co-support.
 */
describe.skipIf(!hasChromium)('§5 a phone in a two-pot budget round (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await stopBrowserSuite(server, browser);
  });

  it('§5.7 each pot with its budget and running total, §5.2 the exclusion rule under "How to vote", §5.6 its own order stable across a reload', async () => {
    const a = await createAssembly(server.url, 'Prague 10 participatory budget');
    const proposals = await importProposals(server.url, a, true);
    const ids = proposals.map((p) => p.id);
    // Large projects: the three dearest; the rest are small.
    const large = [...proposals].sort((x, y) => (y.cost ?? 0) - (x.cost ?? 0)).slice(0, 3).map((p) => p.id);
    const potOf = Object.fromEntries(ids.map((id) => [id, large.includes(id) ? 'large' : 'small']));
    const round = await createRound(server.url, a, {
      question: 'Which projects should Prague 10 fund?',
      proposalIds: ids,
      winners: 3,
      preset: 'prague10',
      budget: 1,
      potOf,
      exclusion: { netBelowZero: true, maxMinusPercent: null, minPlus: null },
    });
    expect(round.practice.pots?.map((p) => p.budget)).toEqual([3_000_000, 2_000_000]);
    expect(round.shuffled).toBe(true); // 9 proposals
    await roundAction(server.url, a, round.id, 'open');

    const { page, context } = await newPage(browser, phone);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}`);
    await page.getByRole('heading', { name: 'Which projects should Prague 10 fund?' }).waitFor();

    // Each pot's budget, nothing chosen yet.
    const pots = page.getByTestId('pot-totals');
    expect((await pots.locator('li').allTextContents()).map((t) => [t.replace(/[^A-Za-z ]/g, '').trim(), t.replace(/\D/g, '')])).toEqual([
      ['Large projectsyour plus votes  of', '03000000'],
      ['Small projectsyour plus votes  of', '02000000'],
    ]);
    // The exclusion rule in words, under "How to vote".
    await page.getByText('How to vote').click();
    await page.getByText('A proposal is out (cannot win or be funded) if it gets more minus than plus votes.').waitFor();
    await page.getByText('How to vote').click();

    // Its own order: a permutation of the facilitator's, the same after a reload.
    const order = async () => page.locator('.v-card-title').allTextContents();
    const first = await order();
    expect([...first].sort()).toEqual(proposals.map((p) => p.title).sort());
    expect(first).not.toEqual(proposals.map((p) => p.title));

    // Plus votes add to the running total of the proposal's pot.
    const bigOne = proposals.find((p) => p.id === large[0])!;
    const smallOne = proposals.find((p) => !large.includes(p.id))!;
    await page.getByRole('button', { name: `For ${bigOne.title} (plus vote)` }).click();
    await page.getByRole('button', { name: `For ${smallOne.title} (plus vote)` }).click();
    // Money is formatted in the phone's locale: compare the digits.
    const digits = async (i: number) => ((await pots.locator('li').nth(i).textContent()) ?? '').replace(/\D/g, '');
    await expect.poll(() => digits(0)).toBe(`${bigOne.cost}3000000`);
    expect(await digits(1)).toBe(`${smallOne.cost}2000000`);
    // The card names its pot.
    expect(await page.locator('.v-card').filter({ hasText: bigOne.title }).locator('.v-card-cost').textContent()).toContain('Large projects');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'phone-pots.png'), animations: 'disabled' });

    await page.getByRole('button', { name: 'Send ballot' }).click();
    await page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Which projects should Prague 10 fund?' }).waitFor();
    expect(await order()).toEqual(first);
    expect(await page.getByRole('button', { name: `For ${bigOne.title} (plus vote)` }).getAttribute('aria-pressed')).toBe('true');

    // More voters, then close: each pot spends within its budget; the console shows pots, exclusion and co-support.
    const voters = await bots(server.url, a.id, 40);
    sockets.push(...voters);
    await castBallots(voters, round.id, ids, { plus: 4, minus: 2 });
    await roundAction(server.url, a, round.id, 'close');
    const r = await rest<{ results: RoundResults }>(server.url, 'GET', `/api/assemblies/${a.id}/rounds/${round.id}/results`);
    if (!r.body.ok) throw new Error('results');
    const results = r.body.data.results;
    for (const p of results.pots!) expect(p.spent).toBeLessThanOrEqual(p.budget);
    for (const e of results.excluded) expect(results.budget!.funded).not.toContain(e.id);

    const fac = await newPage(browser, { ...laptop, viewport: { width: 1440, height: 1000 } });
    await fac.page.goto(`${server.url}/a/${a.id}/facilitator#token=${a.token}`);
    await fac.page.getByTestId('pot-summary').waitFor();
    expect(await fac.page.getByTestId('pot-summary').textContent()).toContain('Large projects');
    if (results.excluded.length > 0) await fac.page.locator('.badge.excluded').first().waitFor();
    await fac.page.getByRole('tab', { name: 'Backed together' }).click();
    await fac.page.getByTestId('cosupport').waitFor();
    expect(await fac.page.getByTestId('cosupport-words').locator('li').count()).toBeGreaterThan(0);
    expect(await fac.page.getByTestId('cosupport-words').textContent()).toMatch(/\d+% of those who backed “.+” also backed “.+”/);
    await fac.page.screenshot({ path: join(OUT, 'facilitator-cosupport.png'), animations: 'disabled' });

    // The console's setup form: a practice preset and a tie rule reach the stored round.
    const form = fac.page.locator('form.setup-form');
    await form.getByText('Rules from real votes').click();
    await form.getByRole('button', { name: 'Praha 15' }).click();
    expect(await form.getByLabel('Minus share that excludes, percent of voters').inputValue()).toBe('25');
    await form.getByLabel('A tie at the cut').selectOption('plusMinusDraw');
    await form.getByLabel('Budget', { exact: true }).fill('100000');
    await form.getByText('Several pots').click();
    await form.getByTestId('pots').scrollIntoViewIfNeeded();
    await fac.page.screenshot({ path: join(OUT, 'facilitator-practice.png'), animations: 'disabled' });
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await form.getByRole('status').filter({ hasText: 'saved as a draft' }).waitFor();
    const state = await rest<{ rounds: { status: string; practice: { exclusion: { maxMinusPercent: number | null }; tieRule: string; pots: unknown[] | null } }[] }>(
      server.url, 'GET', `/api/assemblies/${a.id}`, { token: a.token },
    );
    if (!state.body.ok) throw new Error('assembly');
    const draft = state.body.data.rounds.find((x) => x.status === 'draft')!;
    expect(draft.practice).toMatchObject({ exclusion: { maxMinusPercent: 25 }, tieRule: 'plusMinusDraw' });
    expect(draft.practice.pots).toHaveLength(2);
    expect(errors).toEqual([]);
    await context.close();
    await fac.context.close();
  }, 180_000);
});
