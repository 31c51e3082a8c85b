import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssuedCode, RoundView } from '../../shared/protocol/views.ts';
import { rest, type TestServer } from '../support/server.ts';
import { hasChromium, newPage, shotPath, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { PROPOSALS, createAssembly, createRound, importProposals, roundAction } from './scenario.ts';

const tablet = { viewport: { width: 800, height: 1100 }, deviceScaleFactor: 1, hasTouch: true };

type Results = { results: { ballots: number; options: { id: string; plus: number }[] } };

/** An assembly with access cards and an open round over every proposal. */
async function cardAssembly(url: string, title: string, cards: number) {
  const a = await createAssembly(url, title);
  const proposals = await importProposals(url, a);
  expect((await rest(url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { joinMode: 'codes' } })).body.ok).toBe(true);
  const issued = await rest<IssuedCode[]>(url, 'POST', `/api/assemblies/${a.id}/codes`, { token: a.token, body: { count: cards } });
  if (!issued.body.ok) throw new Error(issued.body.error.message);
  const round: RoundView = await createRound(url, a, { proposalIds: proposals.map((p) => p.id), winners: 2, question: 'Which projects?' });
  await roundAction(url, a, round.id, 'open');
  return { a, proposals, round, codes: issued.body.data.map((c) => c.code) };
}

/**
 * Counts, for the whole life of the page, the most ballot screens and
 * "Send ballot" buttons ever shown at once (a second one is the last
 * person's session left behind).
 */
async function watchDoubles(page: Page): Promise<() => Promise<{ phones: number; sendButtons: number }>> {
  await page.evaluate(() => {
    const w = window as unknown as { kioskMax: { phones: number; sendButtons: number } };
    w.kioskMax = { phones: 0, sendButtons: 0 };
    const look = () => {
      const sendButtons = [...document.querySelectorAll('button')].filter((b) => b.textContent?.includes('Send ballot')).length;
      w.kioskMax.phones = Math.max(w.kioskMax.phones, document.querySelectorAll('.phone').length);
      w.kioskMax.sendButtons = Math.max(w.kioskMax.sendButtons, sendButtons);
    };
    new MutationObserver(look).observe(document.body, { childList: true, subtree: true });
    look();
  });
  return () => page.evaluate(() => (window as unknown as { kioskMax: { phones: number; sendButtons: number } }).kioskMax);
}

/**
 * Lets the test hold the server's messages to the page for
 * `window.kioskAnswerDelay` ms (0: at once), so a ballot stays "on its way"
 * long enough to tap "Start over" meanwhile. Wraps the page's WebSocket
 * before the app loads (socket.io's transport listens with onmessage).
 */
async function holdAnswers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { kioskAnswerDelay: number; WebSocket: typeof WebSocket };
    w.kioskAnswerDelay = 0;
    const Native = w.WebSocket;
    class Held extends Native {
      override set onmessage(handler: ((this: WebSocket, ev: MessageEvent) => unknown) | null) {
        super.onmessage = handler
          ? function (this: WebSocket, ev: MessageEvent) {
              if (w.kioskAnswerDelay > 0) setTimeout(() => handler.call(this, ev), w.kioskAnswerDelay);
              else handler.call(this, ev);
            }
          : null;
      }
      override get onmessage() {
        return super.onmessage;
      }
    }
    w.WebSocket = Held;
  });
}

/** Clicks two buttons (by their text) in one go, in the same instant, as two fingers or a double tap might. */
async function clickTogether(page: Page, first: string, second: string, gapMs: number | null = null): Promise<void> {
  await page.evaluate(
    async ([a, b, gap]) => {
      const byText = (text: string) => [...document.querySelectorAll('button')].find((el) => el.textContent?.includes(text));
      byText(a)!.click();
      if (gap !== null) await new Promise((r) => setTimeout(r, gap));
      byText(b)?.click();
    },
    [first, second, gapMs] as const,
  );
}

/**
 * Kiosk mode (issue 14, §5.1): one shared tablet, each person with their
 * own one-use card. In headless Chromium: person 1 types a code, votes and
 * is thanked; the tablet forgets them and asks the next person; a used code
 * is refused; person 2 votes; both ballots count; nothing is stored in the
 * browser; an open assembly's kiosk refuses to run. "Send ballot" racing
 * "Start over" never hands one person's session to the next, and a person
 * who walks away is forgotten after the idle warning.
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
    await page.getByRole('heading', { name: 'Card already used' }).waitFor();
    // On the kiosk a used card was used to vote: no "another phone".
    expect(await page.getByRole('alert').first().textContent()).toMatch(/has already been used to vote\. .*ask at the desk/);
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

  it('"Send ballot" racing "Start over": each ballot counts once, the next person starts at the code screen, never a second ballot', { timeout: 120_000 }, async () => {
    const { a, proposals, round, codes } = await cardAssembly(server.url, 'Race at the desk', 5);
    const { page } = await newPage(browser, tablet);
    const errors = watchErrors(page);
    await holdAnswers(page);
    await page.goto(`${server.url}/a/${a.id}/kiosk`);
    const doubles = await watchDoubles(page);

    const codeScreen = () => page.getByRole('heading', { name: 'Enter your access code' }).waitFor();
    const joinWith = async (code: string) => {
      await page.getByLabel('Access code from your card').fill(code);
      await page.getByRole('button', { name: 'Join' }).click();
    };
    const mark = (i: number) => page.getByRole('button', { name: `For ${PROPOSALS[i]![0]} (plus vote)` }).click();
    const thanked = async () => {
      await page.getByRole('heading', { name: 'Thank you — your ballot is counted.' }).waitFor();
      expect(await page.getByRole('button', { name: 'Send ballot' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Next person' }).click();
      await codeScreen();
    };

    // Person 1: an ordinary vote.
    await codeScreen();
    await joinWith(codes[0]!);
    await mark(0);
    await page.getByRole('button', { name: 'Send ballot' }).click();
    await thanked();

    // Person 2: "Send ballot" and "Start over" in the same instant. The ballot
    // was sent: start-over waits for it, it counts, and they are thanked.
    await joinWith(codes[1]!);
    await mark(1);
    await clickTogether(page, 'Send ballot', 'Start over');
    await thanked();

    // Person 3: "Start over" tapped while the ballot is on its way (the answer held 1.5 s):
    // it is disabled, says why, and a tap on it does nothing; then the thanks.
    await joinWith(codes[2]!);
    await mark(2);
    await page.evaluate(() => void ((window as unknown as { kioskAnswerDelay: number }).kioskAnswerDelay = 1500));
    await page.getByRole('button', { name: 'Send ballot' }).click();
    const startOver = page.getByRole('button', { name: 'Start over (forget me)' });
    await page.getByText('Wait a moment: your ballot is being sent.').waitFor();
    expect(await startOver.isDisabled()).toBe(true);
    await clickTogether(page, 'Start over', 'Start over');
    await thanked();
    await page.evaluate(() => void ((window as unknown as { kioskAnswerDelay: number }).kioskAnswerDelay = 0));

    // Person 4: "Start over" first, "Send ballot" in the same instant: they are
    // forgotten, nothing is sent, and the tablet asks for a code, not their ballot.
    await joinWith(codes[3]!);
    await mark(3);
    await clickTogether(page, 'Start over', 'Send ballot');
    await codeScreen();
    expect(await page.getByRole('button', { name: 'Send ballot' }).count()).toBe(0);
    // Their card was used: it does not bring the session back. A new card from the desk votes.
    await joinWith(codes[3]!);
    await page.getByRole('heading', { name: 'Card already used' }).waitFor();
    await page.getByLabel('Another access code').fill(codes[4]!);
    await page.getByRole('button', { name: 'Join' }).click();
    await mark(3);
    await page.getByRole('button', { name: 'Send ballot' }).click();
    await thanked();

    // Nothing came back after the races: the code screen stays, and never were there two ballots.
    await page.waitForTimeout(4000);
    expect(await page.getByRole('heading', { name: 'Enter your access code' }).count()).toBe(1);
    expect(await doubles()).toEqual({ phones: 1, sendButtons: 1 });
    const results = await rest<Results>(server.url, 'GET', `/api/assemblies/${a.id}/rounds/${round.id}/results`, { token: a.token });
    if (!results.body.ok) throw new Error('results');
    const counted = results.body.data.results;
    expect(counted.ballots).toBe(4);
    expect([0, 1, 2, 3].map((i) => counted.options.find((o) => o.id === proposals[i]!.id)!.plus)).toEqual([1, 1, 1, 1]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('d21:voter') || k.startsWith('d21:draft')))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a person who walks away: "Are you still there?", "I’m still here" keeps them, then the tablet forgets them (?idle=5&warn=5)', { timeout: 90_000 }, async () => {
    const { a, round, codes } = await cardAssembly(server.url, 'Idle kiosk', 2);
    const { page } = await newPage(browser, tablet);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}/kiosk?idle=5&warn=5`);
    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
    // The bare code screen has nobody to forget: no warning.
    await page.getByRole('heading', { name: 'Enter your access code' }).waitFor();
    await page.waitForTimeout(6500);
    expect(await warning.count()).toBe(0);

    await page.getByLabel('Access code from your card').fill(codes[0]!);
    await page.getByRole('button', { name: 'Join' }).click();
    const plus = page.getByRole('button', { name: `For ${PROPOSALS[0][0]} (plus vote)` });
    await plus.click();
    await warning.waitFor({ timeout: 9000 });
    expect(await warning.textContent()).toMatch(/forgets you in [1-5]\ss\./);
    await page.screenshot({ path: shotPath('kiosk-idle.png') });
    // Still here: the warning goes, the half-filled ballot stays.
    await page.getByRole('button', { name: 'I’m still here' }).click();
    await warning.waitFor({ state: 'detached' });
    expect(await plus.getAttribute('aria-pressed')).toBe('true');
    // Walked away: warned again, then forgotten exactly like "Start over".
    await warning.waitFor({ timeout: 9000 });
    await page.getByRole('heading', { name: 'Enter your access code' }).waitFor({ timeout: 9000 });
    expect(await warning.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send ballot' }).count()).toBe(0);
    const results = await rest<Results>(server.url, 'GET', `/api/assemblies/${a.id}/rounds/${round.id}/results`, { token: a.token });
    if (!results.body.ok) throw new Error('results');
    expect(results.body.data.results.ballots).toBe(0);

    // In Czech, on a tablet that prefers it.
    const cs = await newPage(browser, { ...tablet, locale: 'cs-CZ' });
    await cs.page.goto(`${server.url}/a/${a.id}/kiosk?idle=5&warn=20`);
    await cs.page.getByLabel('Přístupový kód z vaší karty').fill(codes[1]!);
    await cs.page.getByRole('button', { name: 'Připojit se' }).click();
    await cs.page.locator('button[aria-pressed]').first().click();
    const varovani = cs.page.getByRole('alertdialog', { name: 'Jste tu ještě?' });
    await varovani.waitFor({ timeout: 9000 });
    await cs.page.screenshot({ path: shotPath('cs-kiosk-idle.png') });
    await cs.page.getByRole('button', { name: 'Ano, jsem tu' }).click();
    await varovani.waitFor({ state: 'detached' });
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
