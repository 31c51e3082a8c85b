import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeRound, createRound, joinVoter, openRound, setupAssembly, vote, type Voter } from '../support/assembly.ts';
import { axeScan, hasChromium, laptop, newPage, projector, serious, startBrowserSuite, stopBrowserSuite, watchErrors, shotPath } from '../support/browser.ts';
import { englishLeftovers } from '../support/catalogScan.ts';
import { TEST_OPERATOR_TOKEN, rest, type TestServer } from '../support/server.ts';

/**
 * The console, the projector and the report in Czech (issue 12): a cs-CZ
 * browser creates and runs an assembly; every visible text, label and
 * screen-reader text comes from the Czech catalog, <html lang> matches the
 * language in use, axe is clean, and the console shows no red error before
 * any input. Projector links carry their own language (?lang=).
 */
const PROPOSALS = ['Cyklostezka podél řeky', 'Komunitní zahrada u knihovny', 'Delší otevírací doba knihovny', 'Skatepark v parku Na Skalce', 'Sto nových stromů v ulicích'];
const COSTS = [1_250_000, 400_000, 600_000, 1_500_000, 900_000];
const QUESTION = 'Které projekty máme financovat jako první?';
const TITLE = 'Náměstí 2026';
// Test data (Czech, typed by the facilitator), names of languages, and numbers: not UI text.
const DATA = [...PROPOSALS, QUESTION, TITLE, 'English', 'Čeština'];
const cz = { locale: 'cs-CZ' };
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe.skipIf(!hasChromium)('console, projector and report in Czech (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  const voters: Voter[] = [];
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(async () => {
    for (const v of voters) v.socket.disconnect();
    await stopBrowserSuite(server, browser);
  });

  it('the console in Czech: start page, setup without a red error before input, a round opened and closed; no English, axe clean', async () => {
    const { page } = await newPage(browser, { ...laptop, ...cz, bypassCSP: true });
    const errors = watchErrors(page);
    // The start banner's "New assembly" link carries the operator key (docs/security.md).
    await page.goto(`${server.url}/#operator=${TEST_OPERATOR_TOKEN}`);
    await page.getByRole('heading', { name: 'Hlasování D21 pro shromáždění' }).waitFor();
    expect(await htmlLang(page)).toBe('cs');
    expect(await englishLeftovers(page, DATA)).toEqual([]);
    await page.getByLabel('Název').fill(TITLE);
    await page.getByRole('button', { name: 'Vytvořit shromáždění' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(await htmlLang(page)).toBe('cs');

    // Inclusion slip: nothing red before the facilitator has done anything.
    expect(await page.locator('.rules-preview.bad').count()).toBe(0);
    expect(await page.locator('.setup-form [role="alert"]').count()).toBe(0);
    expect(await page.locator('.rules-preview').textContent()).toBe('Nejdřív přidejte návrhy.');
    expect(await englishLeftovers(page, DATA)).toEqual([]);
    expect(serious(await axeScan(page))).toEqual([]);

    // The assembly speaks Czech and counts in crowns.
    await page.getByLabel('Měna nákladů a rozpočtu').selectOption('CZK');
    await page.getByText('Zobrazí se jako 1 250 000 Kč.').waitFor();
    for (const [i, title] of PROPOSALS.entries()) {
      await page.locator('#new-title').fill(title);
      await page.locator('#new-cost').fill(String(COSTS[i]));
      await page.getByRole('button', { name: 'Přidat návrh' }).click();
      await page.locator('.proposal-title', { hasText: title }).waitFor();
    }
    await page.locator('.proposal-row', { hasText: PROPOSALS[0]! }).getByText('náklady 1 250 000 Kč').waitFor();
    const setup = page.locator('.setup-form');
    await setup.getByLabel('Otázka v telefonech (nepovinné)').fill(QUESTION);
    expect(await setup.locator('.rules-preview').textContent()).toBe(
      'Každý hlasující dostane 2 kladné hlasy a 1 záporný; každý záporný vyžaduje 2 kladné. 1 vítěz (návrhů: 5).',
    );
    await setup.getByRole('button', { name: 'Vytvořit a zahájit hlasování' }).click();
    await page.locator('.current-round .badge', { hasText: 'Hlasování otevřené' }).waitFor();
    expect(await englishLeftovers(page, DATA)).toEqual([]);
    expect(serious(await axeScan(page))).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shotPath('cs-console.png') });

    await page.getByRole('button', { name: 'Ukončit hlasování…', exact: true }).click();
    // Closing asks once more, in Czech.
    await page.getByRole('button', { name: 'Ano, ukončit hlasování', exact: true }).click();
    await page.locator('.current-round .badge', { hasText: 'Uzavřeno' }).waitFor();
    await page.getByText('1. kolo (konečné).', { exact: false }).waitFor();
    // The seal and how to verify it, in Czech (the scan below finds any English left).
    await page.getByTestId('console-seal').getByText('Otisk SHA-256:').waitFor();
    // The command is code, the same in every language (the export buttons save these file names).
    expect(await englishLeftovers(page, [...DATA, 'npm run verify -- vote-1-ballots.json vote-1-results.json'])).toEqual([]);
    expect(serious(await axeScan(page))).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);

  it('projector links carry their own language; results, final view and report in Czech with money in crowns', async () => {
    const a = await setupAssembly(server.url, PROPOSALS, { costs: COSTS });
    // The assembly's own language stays English: the ?lang=cs link decides for this screen.
    expect((await rest(server.url, 'PATCH', `/api/assemblies/${a.assemblyId}`, { token: a.token, body: { title: TITLE, currency: 'CZK' } })).body.ok).toBe(true);
    const round = await createRound(server.url, a.assemblyId, a.token, { question: QUESTION, proposalIds: a.proposals.map((p) => p.id), winners: 2 });
    await openRound(server.url, a.assemblyId, a.token, round.id);
    await rest(server.url, 'PUT', `/api/assemblies/${a.assemblyId}/display`, { token: a.token, body: { mode: 'live' } });
    const ids = a.proposals.map((p) => p.id);
    for (let i = 0; i < 6; i++) {
      const v = await joinVoter(server.url, a.assemblyId);
      voters.push(v);
      await vote(v, round.id, [ids[0]!, ids[(i % 3) + 1]!], i % 2 ? [ids[4]!] : []);
    }

    const cs = await newPage(browser, { ...projector, bypassCSP: true });
    const errors = watchErrors(cs.page);
    await cs.page.goto(`${server.url}/a/${a.assemblyId}/screen?lang=cs`);
    // A token-less projector shows the tally as of the last batch of 5 voters (docs/security.md, "Timing"): 5 of the 6.
    await cs.page.getByTestId('pj-ballots').filter({ hasText: '5 lístků' }).waitFor();
    expect(await htmlLang(cs.page)).toBe('cs');
    expect(await cs.page.locator('.pj-question').getAttribute('lang')).toBe('en');
    expect(await englishLeftovers(cs.page, DATA)).toEqual([]);
    expect(serious(await axeScan(cs.page))).toEqual([]);
    await cs.page.screenshot({ path: shotPath('cs-projector-live.png') });

    // The same assembly on an English link: English, and <html lang="en">.
    const en = await newPage(browser, projector);
    await en.page.goto(`${server.url}/a/${a.assemblyId}/screen?lang=en`);
    await en.page.getByTestId('pj-ballots').filter({ hasText: '5 ballots' }).waitFor();
    expect(await htmlLang(en.page)).toBe('en');
    // The scan can fail: on the English screen it finds English everywhere.
    expect((await englishLeftovers(en.page, DATA)).length).toBeGreaterThan(5);

    // The report while the round is open says its results are live, not final.
    const early = await newPage(browser, laptop);
    await early.page.goto(`${server.url}/a/${a.assemblyId}/report?lang=cs#token=${encodeURIComponent(a.token)}`);
    await early.page.getByText('1. kolo (průběžně, hlasování stále běží).').waitFor();
    expect(await early.page.getByText('(konečné)').count()).toBe(0);

    await closeRound(server.url, a.assemblyId, a.token, round.id);
    await rest(server.url, 'PUT', `/api/assemblies/${a.assemblyId}/display`, { token: a.token, body: { mode: 'final' } });
    await cs.page.getByText('konečné výsledky', { exact: false }).waitFor();
    expect(await englishLeftovers(cs.page, DATA)).toEqual([]);
    expect(serious(await axeScan(cs.page))).toEqual([]);
    await cs.page.screenshot({ path: shotPath('cs-projector-final.png') });

    // The report: the console's language on this browser (none yet), then ?lang=cs.
    const rep = await newPage(browser, { ...laptop, bypassCSP: true });
    await rep.page.goto(`${server.url}/a/${a.assemblyId}/report?lang=cs#token=${encodeURIComponent(a.token)}`);
    await rep.page.getByRole('heading', { name: 'Jak číst tuto zprávu' }).waitFor();
    expect(await htmlLang(rep.page)).toBe('cs');
    expect(await rep.page.locator('main').textContent()).toMatch(/Vítěz/);
    expect(await englishLeftovers(rep.page, DATA)).toEqual([]);
    expect(serious(await axeScan(rep.page))).toEqual([]);
    await rep.page.screenshot({ path: shotPath('cs-report.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 180_000);

  it('a projector link without ?lang= on a Czech assembly never shows a word of English, not even while it loads', async () => {
    const a = await setupAssembly(server.url, PROPOSALS.slice(0, 3));
    expect((await rest(server.url, 'PATCH', `/api/assemblies/${a.assemblyId}`, { token: a.token, body: { title: TITLE, language: 'cs' } })).body.ok).toBe(true);
    // An English browser: the projector's start language is English until the assembly's default arrives.
    const { page } = await newPage(browser, { ...projector, locale: 'en-US' });
    const errors = watchErrors(page);
    // Every text the page ever renders, from the first paint on.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      new MutationObserver(() => {
        const text = document.body?.innerText.trim();
        if (text) seen.push(text);
        for (const el of document.querySelectorAll('[aria-label]')) seen.push(el.getAttribute('aria-label') ?? '');
      }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    await page.goto(`${server.url}/a/${a.assemblyId}/screen`);
    await page.locator('.pj-kicker').first().waitFor();
    expect(await htmlLang(page)).toBe('cs');
    expect(await englishLeftovers(page, DATA)).toEqual([]);
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    expect(seen.length).toBeGreaterThan(0);
    // The English words the loading and join screens would use.
    const flash = seen.filter((t) => /Connecting|Scan to vote|Voting is open|Open the camera|or type|QR code/.test(t));
    expect(flash).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('access cards in Czech: the console generates them and the printed sheet is Czech', async () => {
    const a = await setupAssembly(server.url, PROPOSALS.slice(0, 2));
    expect((await rest(server.url, 'PATCH', `/api/assemblies/${a.assemblyId}`, { token: a.token, body: { title: TITLE, language: 'cs' } })).body.ok).toBe(true);
    const { page } = await newPage(browser, { ...laptop, ...cz, bypassCSP: true });
    await page.goto(`${server.url}/a/${a.assemblyId}/facilitator#token=${encodeURIComponent(a.token)}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByLabel('Přístupové karty: jedna osoba, jedna karta').check();
    await page.getByLabel('Nové karty k tisku').fill('3');
    await page.getByRole('button', { name: 'Vytvořit karty' }).click();
    await page.getByRole('button', { name: 'Zobrazit 3 karty k tisku' }).click();
    const sheet = page.getByRole('dialog');
    await sheet.getByTestId('code-card').first().waitFor();
    expect(await sheet.getByTestId('code-card').first().textContent()).toContain('Naskenujte a hlasujte; jedna osoba, jedna karta');
    const codes = await sheet.getByTestId('card-code').allTextContents();
    expect(await englishLeftovers(page, [...DATA, ...codes])).toEqual([]);
    expect(serious(await axeScan(page))).toEqual([]);
    await page.screenshot({ path: shotPath('cs-card-sheet.png') });
  }, 180_000);
});
