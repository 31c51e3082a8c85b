import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { IssuedCode, RoundView } from '../../shared/protocol/views.ts';
import { rest, type TestServer } from '../support/server.ts';
import { hasChromium, newPage, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { PROPOSALS, createAssembly, createRound, importProposals, roundAction } from './scenario.ts';

const tablet = { viewport: { width: 800, height: 1100 }, deviceScaleFactor: 1, hasTouch: true };

/**
 * Kiosk mode (issue 14, §5.1): one shared tablet, each person with their
 * own one-use card. In headless Chromium: person 1 types a code, votes and
 * is thanked; the tablet forgets them and asks the next person; a used code
 * is refused; person 2 votes; both ballots count; nothing is stored in the
 * browser; an open assembly's kiosk refuses to run.
 */
describe.skipIf(!hasChromium)('kiosk: a shared tablet that forgets each voter (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(async () => {
    await stopBrowserSuite(server, browser);
  });

  it('two people vote one after the other with their own cards; a used card is refused; both ballots count', { timeout: 90_000 }, async () => {
    const a = await createAssembly(server.url, 'Town hall kiosk');
    const proposals = await importProposals(server.url, a);
    expect((await rest(server.url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { joinMode: 'codes' } })).body.ok).toBe(true);
    const issued = await rest<IssuedCode[]>(server.url, 'POST', `/api/assemblies/${a.id}/codes`, { token: a.token, body: { count: 2 } });
    if (!issued.body.ok) throw new Error(issued.body.error.message);
    const [card1, card2] = issued.body.data.map((c) => c.code) as [string, string];
    const round: RoundView = await createRound(server.url, a, { proposalIds: proposals.map((p) => p.id), winners: 2, question: 'Which projects?' });
    await roundAction(server.url, a, round.id, 'open');

    const { page } = await newPage(browser, tablet);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}/kiosk`);

    const vote = async (code: string, title: string) => {
      await page.getByRole('heading', { name: 'Enter your access code' }).waitFor();
      await page.getByLabel('Access code from your card').fill(code);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('button', { name: `For ${title} (plus vote)` }).click();
      await page.getByRole('button', { name: 'Send ballot' }).click();
      await page.getByRole('heading', { name: 'Thank you — your ballot is counted.' }).waitFor();
    };
    await vote(card1, PROPOSALS[0][0]);
    // Nothing of the person is left in the browser's storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(card1);
    expect(stored).not.toContain('d21:voter');
    // The ballot screen is gone: nobody can change person 1's ballot from here.
    expect(await page.getByRole('button', { name: 'Send ballot' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Next person' }).click();

    // The next person: card 1 again is refused, card 2 votes.
    await page.getByRole('heading', { name: 'Enter your access code' }).waitFor();
    await page.getByLabel('Access code from your card').fill(card1);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('heading', { name: 'Code already in use' }).waitFor();
    await page.getByLabel('Another access code').fill(card2);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('button', { name: `For ${PROPOSALS[1][0]} (plus vote)` }).click();
    await page.getByRole('button', { name: 'Send ballot' }).click();
    await page.getByRole('heading', { name: 'Thank you — your ballot is counted.' }).waitFor();
    // Without a tap, the tablet resets by itself.
    await page.getByRole('heading', { name: 'Enter your access code' }).waitFor({ timeout: 30_000 });

    const results = await rest<{ results: { ballots: number; options: { id: string; plus: number }[] } }>(server.url, 'GET', `/api/assemblies/${a.id}/rounds/${round.id}/results`, { token: a.token });
    if (!results.body.ok) throw new Error('results');
    const counted = results.body.data.results;
    expect(counted.ballots).toBe(2);
    const plusOf = (i: number) => counted.options.find((o) => o.id === proposals[i]!.id)!.plus;
    expect([plusOf(0), plusOf(1)]).toEqual([1, 1]);
    expect(errors).toEqual([]);
  });

  it('a Czech kiosk (?lang=cs): a visitor may switch to English, the next person starts in Czech again, nothing is stored, a reload stays Czech', { timeout: 90_000 }, async () => {
    const a = await createAssembly(server.url, 'Kiosk na radnici');
    const proposals = await importProposals(server.url, a);
    expect((await rest(server.url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { joinMode: 'codes' } })).body.ok).toBe(true);
    const issued = await rest<IssuedCode[]>(server.url, 'POST', `/api/assemblies/${a.id}/codes`, { token: a.token, body: { count: 1 } });
    if (!issued.body.ok) throw new Error(issued.body.error.message);
    const round: RoundView = await createRound(server.url, a, { proposalIds: proposals.map((p) => p.id), winners: 2, question: 'Which projects?' });
    await roundAction(server.url, a, round.id, 'open');

    const { page } = await newPage(browser, tablet);
    const errors = watchErrors(page);
    const lang = () => page.evaluate(() => document.documentElement.lang);
    await page.goto(`${server.url}/a/${a.id}/kiosk?lang=cs`);
    await page.getByLabel('Přístupový kód z vaší karty').fill(issued.body.data[0]!.code);
    await page.getByRole('button', { name: 'Připojit se' }).click();
    // Half a ballot in Czech, then the visitor switches to English: the ballot stays.
    await page.getByRole('button', { name: new RegExp(`^Pro: ${PROPOSALS[0][0]}`) }).click();
    await page.getByTestId('language-switch').selectOption('en');
    const plus = page.getByRole('button', { name: `For ${PROPOSALS[0][0]} (plus vote)` });
    await plus.waitFor();
    expect(await plus.getAttribute('aria-pressed')).toBe('true');
    expect(await lang()).toBe('en');
    await page.getByRole('button', { name: 'Send ballot' }).click();
    await page.getByRole('heading', { name: 'Thank you — your ballot is counted.' }).waitFor();
    // The visitor's choice was theirs only: not in the browser's storage, not for the next person.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain('d21:lang');
    await page.getByRole('button', { name: 'Next person' }).click();
    await page.getByLabel('Přístupový kód z vaší karty').waitFor();
    expect(await lang()).toBe('cs');
    await page.reload();
    await page.getByLabel('Přístupový kód z vaší karty').waitFor();
    expect(page.url()).toBe(`${server.url}/a/${a.id}/kiosk?lang=cs`);
    expect(errors).toEqual([]);
  });

  it('an open assembly (no cards) gets no kiosk: anyone could vote again and again', async () => {
    const a = await createAssembly(server.url, 'Open assembly');
    const { page } = await newPage(browser, tablet);
    await page.goto(`${server.url}/a/${a.id}/kiosk`);
    await page.getByRole('heading', { name: 'This kiosk needs access cards' }).waitFor();
    expect(await page.getByRole('button', { name: 'Send ballot' }).count()).toBe(0);
    // A link's ?lang=cs is the kiosk's language: Czech on an English browser, kept in the address (the kiosk stores nothing), so a reload keeps it.
    const linked = await newPage(browser, tablet);
    await linked.page.goto(`${server.url}/a/${a.id}/kiosk?lang=cs`);
    await linked.page.getByRole('heading', { name: 'Tento kiosek potřebuje přístupové kartičky' }).waitFor();
    expect(linked.page.url()).toBe(`${server.url}/a/${a.id}/kiosk?lang=cs`);
    await linked.page.reload();
    await linked.page.getByRole('heading', { name: 'Tento kiosek potřebuje přístupové kartičky' }).waitFor();
    // A tablet whose browser prefers Czech.
    const cs = await newPage(browser, { ...tablet, locale: 'cs-CZ' });
    await cs.page.goto(`${server.url}/a/${a.id}/kiosk`);
    await cs.page.getByRole('heading', { name: 'Tento kiosek potřebuje přístupové kartičky' }).waitFor();
  });
});
