import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { closeRound, createRound, openRound, setupAssembly } from '../support/assembly.ts';
import { axeScan, hasChromium, newPage, phone, serious, startBrowserSuite, stopBrowserSuite, watchErrors, shotPath } from '../support/browser.ts';
import { englishLeftovers } from '../support/catalogScan.ts';
import { rest, type TestServer } from '../support/server.ts';

/**
 * The phone in Czech (issue 12): a cs-CZ browser plays a whole round —
 * join, vote, counted, closed — and every visible text, label and
 * screen-reader text comes from the Czech catalog (no English leftovers),
 * <html lang> is right, axe is clean, with screenshots for the docs. Then
 * the inclusion slips: focus after sending, the reconnect banner never
 * covers the counters, the last card's hint clears the sticky footer,
 * nothing stale says "counted" in a new round, and dark mode.
 */
const PROPOSALS = ['Cyklostezka podél řeky', 'Komunitní zahrada u knihovny', 'Delší otevírací doba knihovny', 'Skatepark v parku Na Skalce', 'Sto nových stromů v ulicích', 'Vyhřívané zastávky autobusů'];
const COSTS = [1_250_000, 400_000, 600_000, 1_500_000, 900_000, 1_200_000];
const QUESTION = 'Které projekty máme financovat jako první?';
const DATA = [...PROPOSALS, QUESTION, 'Náměstí 2026'];
const czPhone = { ...phone, locale: 'cs-CZ' };

describe.skipIf(!hasChromium)('the phone in Czech, and the inclusion slips (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  async function czechAssembly(rules: Record<string, unknown> = {}) {
    const a = await setupAssembly(server.url, PROPOSALS, { costs: COSTS });
    const r = await rest(server.url, 'PATCH', `/api/assemblies/${a.assemblyId}`, { token: a.token, body: { title: 'Náměstí 2026', language: 'cs', currency: 'CZK' } });
    expect(r.body.ok).toBe(true);
    const round = await createRound(server.url, a.assemblyId, a.token, { question: QUESTION, proposalIds: a.proposals.map((p) => p.id), winners: 2, ...rules });
    await openRound(server.url, a.assemblyId, a.token, round.id);
    return { ...a, round };
  }
  const plusButton = (page: Page, title: string) => page.getByRole('button', { name: `Pro: ${title} (kladný hlas)` });
  const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

  it('a full round in Czech: join, vote, counted, closed — Czech catalog only, <html lang="cs">, axe clean', async () => {
    const a = await czechAssembly();
    const { page } = await newPage(browser, { ...czPhone, bypassCSP: true });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.assemblyId}`);
    await page.getByRole('heading', { name: QUESTION }).waitFor();
    expect(await htmlLang(page)).toBe('cs');
    expect(await page.locator('.v-counters').textContent()).toContain('Zbývá kladných: 3/3');
    // Costs show on budget rounds only (this round has no budget): none here.
    expect(await page.locator('.v-card-cost').count()).toBe(0);
    expect(await englishLeftovers(page, DATA)).toEqual([]);
    await page.locator('.v-rules summary').click();
    expect(await page.locator('.v-rules').textContent()).toContain('Dejte až 3 kladné hlasy návrhům, které podporujete.');
    expect(serious(await axeScan(page))).toEqual([]);
    await page.screenshot({ path: shotPath('cs-phone-ballot.png') });

    await plusButton(page, PROPOSALS[0]!).click();
    await plusButton(page, PROPOSALS[1]!).click();
    await page.getByRole('button', { name: `Proti: ${PROPOSALS[3]} (záporný hlas)` }).click();
    await page.getByRole('button', { name: 'Odeslat lístek' }).click();
    await page.getByTestId('ballot-status').filter({ hasText: 'Váš lístek je započítán' }).waitFor();
    // Inclusion slip: the focus lands on the status, so a screen reader reads the outcome.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('ballot-status');
    expect(await englishLeftovers(page, DATA)).toEqual([]);
    expect(serious(await axeScan(page))).toEqual([]);
    await page.screenshot({ path: shotPath('cs-phone-counted.png') });

    await closeRound(server.url, a.assemblyId, a.token, a.round.id);
    await page.getByRole('heading', { name: 'Hlasování skončilo' }).waitFor();
    expect(await page.locator('.v-receipt').textContent()).toContain(PROPOSALS[0]);
    expect(await englishLeftovers(page, DATA)).toEqual([]);
    expect(serious(await axeScan(page))).toEqual([]);
    await page.screenshot({ path: shotPath('cs-phone-closed.png') });

    // Inclusion slip: the next round says nothing stale about a counted ballot, not even to screen readers.
    const next = await createRound(server.url, a.assemblyId, a.token, { question: 'Druhé kolo', proposalIds: a.proposals.slice(0, 4).map((p) => p.id), winners: 1 });
    await openRound(server.url, a.assemblyId, a.token, next.id);
    await page.getByRole('heading', { name: 'Druhé kolo' }).waitFor();
    expect(await page.evaluate(() => document.body.textContent)).not.toMatch(/započítán|counted/i);
    expect(errors).toEqual([]);
  }, 120_000);

  it('follows the browser over the assembly language, tags Czech text with lang="cs", and the switch persists', async () => {
    const a = await czechAssembly();
    const { page } = await newPage(browser, { ...phone, locale: 'en-US' });
    await page.goto(`${server.url}/a/${a.assemblyId}`);
    await page.getByRole('heading', { name: QUESTION }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await page.getByRole('button', { name: 'Abstain…', exact: true }).count()).toBe(1);
    // The facilitator's Czech text keeps its own language inside the English page.
    expect(await page.locator('#question').getAttribute('lang')).toBe('cs');
    expect(await page.locator('.v-card-title').first().getAttribute('lang')).toBe('cs');

    await page.getByTestId('language-switch').selectOption('cs');
    await page.getByRole('button', { name: 'Zdržet se…', exact: true }).waitFor();
    expect(await htmlLang(page)).toBe('cs');
    await page.reload();
    await page.getByRole('heading', { name: QUESTION }).waitFor();
    expect(await htmlLang(page)).toBe('cs');
    expect(await page.getByTestId('language-switch').inputValue()).toBe('cs');

    // A German browser has no catalog: the assembly's default (Czech) applies.
    const de = await newPage(browser, { ...phone, locale: 'de-DE' });
    await de.page.goto(`${server.url}/a/${a.assemblyId}`);
    await de.page.getByRole('heading', { name: QUESTION }).waitFor();
    await de.page.waitForFunction(() => document.documentElement.lang === 'cs');
    await de.page.getByRole('button', { name: 'Zdržet se…', exact: true }).waitFor();
  }, 120_000);

  it('the reconnect banner never covers the counters, and the last card’s hint clears the sticky footer', async () => {
    const a = await czechAssembly({ plus: 1, minus: 1, ratio: 1 });
    const { page, context } = await newPage(browser, czPhone);
    let cut: (() => void) | null = null;
    await page.routeWebSocket(/\/socket\.io\//, (ws: WebSocketRoute) => {
      const srv = ws.connectToServer();
      cut = () => {
        void ws.close({ code: 1006 }).catch(() => {});
        void srv.close().catch(() => {});
      };
    });
    await page.goto(`${server.url}/a/${a.assemblyId}`);
    await page.getByRole('heading', { name: QUESTION }).waitFor();

    // The last card: its minus needs a plus first; the reason appears under the card.
    const last = page.locator('.v-card').last();
    // aria-disabled (focusable, explains itself): Playwright counts it as not enabled, so force the tap.
    await last.getByRole('button', { name: /Proti:/ }).click({ force: true });
    const reason = last.locator('.v-reason');
    await reason.waitFor();
    await page.waitForTimeout(400);
    const footer = await page.locator('.v-submit').boundingBox();
    const hint = await reason.boundingBox();
    expect(hint!.y + hint!.height).toBeLessThanOrEqual(footer!.y + 0.5);

    // The link drops: the banner shows, stacked above the sticky counters, not over them.
    await context.setOffline(true);
    cut!();
    await page.getByText('Obnovuji spojení…').waitFor();
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(300);
    const banner = await page.locator('.conn-banner').boundingBox();
    const counters = await page.locator('.v-counters').boundingBox();
    expect(banner!.height).toBeGreaterThan(10);
    expect(counters!.y).toBeGreaterThanOrEqual(banner!.y + banner!.height - 0.5);
    await page.screenshot({ path: shotPath('cs-phone-reconnecting.png') });
    await context.setOffline(false);
  }, 120_000);

  it('dark mode follows prefers-color-scheme on phones, and stays axe clean', async () => {
    const a = await czechAssembly();
    const { page } = await newPage(browser, { ...czPhone, colorScheme: 'dark', bypassCSP: true });
    await page.goto(`${server.url}/a/${a.assemblyId}`);
    await page.getByRole('heading', { name: QUESTION }).waitFor();
    await plusButton(page, PROPOSALS[0]!).click();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(150);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    expect(serious(await axeScan(page))).toEqual([]);
    await page.screenshot({ path: shotPath('cs-phone-dark.png') });
  });
});
