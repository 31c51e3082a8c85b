import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { rest, startServer, type TestServer } from '../support/server.ts';
import { assertClientBuilt, clientDist, hasChromium, laptop, launch, newPage, phone, projector, repoRoot } from '../support/browser.ts';
import { bots, castBallots, createAssembly, createRound, importProposals, roundAction, setDisplay, settle } from './scenario.ts';
import { codeScene, codesConsoleScene, profileScene, proposeScene } from './phoneScenes.ts';
import { budgetRound, climateAssembly, groupsAssembly, moderationAssembly } from './workflowScenario.ts';
import type { TestSocket } from '../support/server.ts';
import { roomShots, roomShotProblems } from './roomShots.ts';

/**
 * `npm run screenshots`: each screen in a realistic state, at the size it is
 * designed for, written to docs/screenshots/*.png (shown in the README).
 * A generator, not a test: the suite's e2e tests assert what these screens
 * show. It still stops with an error when a screen does not reach the state
 * it pictures or the projector overflows 1920×1080.
 * SCREENSHOTS_DIR=dir writes elsewhere (the pictures hold a random port and a
 * running clock, so a run always changes them); SCREENSHOTS_ONLY=room takes
 * only the room-at-real-size pictures (roomShots.ts), SCREENSHOTS_ONLY=kiosk
 * only the kiosk's, SCREENSHOTS_ROOM=cs-60
 * only those of one language and size.
 */
const OUT = process.env.SCREENSHOTS_DIR ?? join(repoRoot, 'docs', 'screenshots');

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage, animations: 'disabled' });
}

/** No scrollbars on the projector: the document fits the 1920×1080 viewport exactly. */
async function mustFitScreen(page: Page, name: string): Promise<void> {
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth);
  if (!fits) throw new Error(`${name}: the projector page overflows its 1920×1080 viewport`);
}

/** Phone, facilitator and projector screens through a first vote and a hidden second one. */
async function mainScreens(): Promise<void> {
  const url = server.url;
  const a = await createAssembly(url, 'Riverside neighbourhood assembly');
  const proposals = await importProposals(url, a);
  const ids = proposals.map((p) => p.id);
  const r1 = await createRound(url, a, { question: 'Which projects should the town fund next year?', proposalIds: ids, winners: 2, durationSec: 600 });

  // Phone, between rounds.
  const ph = await newPage(browser, phone);
  await ph.page.goto(`${url}/a/${a.id}`);
  await ph.page.getByRole('heading', { name: 'Waiting for the next vote' }).waitFor();
  await shot(ph.page, 'phone-waiting');

  // People join; the round opens while the projector still shows the join screen.
  const crowd = await bots(url, a.id, 46);
  await roundAction(url, a, r1.id, 'open');
  const pj = await newPage(browser, projector);
  await pj.page.goto(`${url}/a/${a.id}/screen`);
  await pj.page.getByTestId('joined-count').filter({ hasText: '47' }).waitFor();
  await settle(pj.page, 300);
  await mustFitScreen(pj.page, 'projector-join');
  await shot(pj.page, 'projector-join');

  // The phone's ballot mid-way: two plus votes given, and a forbidden tap explained.
  await ph.page.getByRole('heading', { name: 'Which projects should the town fund next year?' }).waitFor();
  await ph.page.getByRole('button', { name: 'For Protected bike lanes on Main Street (plus vote)' }).click();
  // aria-disabled keeps it focusable and tappable: the tap explains the rule.
  await ph.page.getByRole('button', { name: 'Against Skate park in Riverside Park (minus vote)' }).click({ force: true });
  await ph.page.locator('.v-reason').waitFor();
  await shot(ph.page, 'phone-ballot');

  await castBallots(crowd.slice(0, 41), r1.id, ids, r1.rules);
  await ph.page.getByRole('button', { name: 'For 200 street trees (plus vote)' }).click();
  await ph.page.getByRole('button', { name: 'For Longer library opening hours (plus vote)' }).click();
  await ph.page.getByRole('button', { name: 'Against Skate park in Riverside Park (minus vote)' }).click();
  await ph.page.getByRole('button', { name: 'Send ballot' }).click();
  await ph.page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();
  await shot(ph.page, 'phone-counted');

  // Live results on the projector.
  await setDisplay(url, a, 'live');
  await pj.page.locator('.pj-live').waitFor();
  await pj.page.getByTestId('pj-ballots').filter({ hasText: '40 ballots' }).waitFor();
  await settle(pj.page, 1200);
  await mustFitScreen(pj.page, 'projector-live');
  await shot(pj.page, 'projector-live');

  // The facilitator console during the vote.
  const fac = await newPage(browser, { ...laptop, viewport: { width: 1440, height: 1000 } });
  await fac.page.goto(`${url}/a/${a.id}/facilitator#token=${a.token}`);
  await fac.page.getByTestId('fac-voted').filter({ hasText: '42' }).waitFor();
  await fac.page.locator('.results-table').waitFor();
  await shot(fac.page, 'facilitator', true);

  // Close: final results on the projector.
  await roundAction(url, a, r1.id, 'close');
  await setDisplay(url, a, 'final');
  await pj.page.locator('.pj-final').waitFor();
  await settle(pj.page, 500);
  await mustFitScreen(pj.page, 'projector-final');
  await shot(pj.page, 'projector-final');

  // A second round with results hidden until close: the projector shows turnout only.
  const r2 = await createRound(url, a, { question: 'Shortlist: which three go to the council?', proposalIds: ids.slice(0, 5), winners: 3, visibility: 'hidden', durationSec: 300 });
  await roundAction(url, a, r2.id, 'open');
  await setDisplay(url, a, 'live');
  await castBallots(crowd.slice(0, 29), r2.id, ids.slice(0, 5), r2.rules, 11);
  await pj.page.getByTestId('pj-hidden-turnout').filter({ hasText: '29 of 47' }).waitFor();
  await settle(pj.page, 800);
  await mustFitScreen(pj.page, 'projector-hidden');
  await shot(pj.page, 'projector-hidden');

  for (const s of crowd) s.disconnect();
}

/** The phone's proposals, profile questions and access code, and the printed access cards. */
async function phoneAndCodes(): Promise<void> {
  const sockets: TestSocket[] = [];
  const ctx = (options: typeof phone) => ({ browser, url: server.url, sockets, options });
  // The whole page: the form, then this phone's proposals with their moderation results.
  await shot(await proposeScene(ctx(phone)), 'phone-propose', true);
  await shot(await profileScene(ctx(phone)), 'phone-profile');
  await shot(await codeScene(ctx(phone)), 'phone-code');
  const fac = await codesConsoleScene(ctx({ ...laptop, viewport: { width: 1440, height: 1000 } }));
  await fac.page.locator('.codes-panel').screenshot({ path: join(OUT, 'facilitator-codes.png'), animations: 'disabled' });
  // The sheet as the printer gets it: the first A4 page of cards.
  const sheet = await fac.openSheet();
  await sheet.emulateMedia({ media: 'print' });
  await sheet.locator('.code-page').first().screenshot({ path: join(OUT, 'code-cards.png'), animations: 'disabled' });
  await sheet.emulateMedia({ media: 'screen' });
  for (const s of sockets) s.disconnect();
}

/** Moderation, a budget round, where the room disagrees, results by group, the report. */
async function assemblyScreens(): Promise<void> {
  const url = server.url;
  const wide = { ...laptop, viewport: { width: 1440, height: 1000 } };

  // The console in the proposal phase: five waiting, two duplicates selected for merging.
  const m = await moderationAssembly(url);
  const fac = await newPage(browser, { ...wide, viewport: { width: 1440, height: 1240 } });
  await fac.page.goto(`${url}/a/${m.a.id}/facilitator#token=${m.a.token}`);
  await fac.page.getByTestId('mod-pending-count').filter({ hasText: '5 to moderate' }).waitFor();
  await fac.page.getByRole('checkbox', { name: 'Select “Shorter waits for GP appointments”' }).check();
  await fac.page.getByRole('checkbox', { name: 'Select “Shorter waiting times at the GP”' }).check();
  await fac.page.getByRole('button', { name: 'Merge selected…' }).click();
  await fac.page.getByRole('form', { name: 'Merge duplicates' }).waitFor();
  await fac.page.evaluate(() => window.scrollTo(0, 0));
  await shot(fac.page, 'facilitator-moderation');
  await fac.page.setViewportSize(wide.viewport);

  // A participatory budget on the projector: the walk down the ranking.
  const b = await budgetRound(url);
  await setDisplay(url, b.a, 'live');
  const pj = await newPage(browser, projector);
  await pj.page.goto(`${url}/a/${b.a.id}/screen`);
  await pj.page.getByTestId('pj-ballots').filter({ hasText: '40 ballots' }).waitFor();
  await settle(pj.page, 1200);
  await mustFitScreen(pj.page, 'projector-budget');
  await shot(pj.page, 'projector-budget');

  // Where the room disagrees (Paris).
  const c = await climateAssembly(url);
  await setDisplay(url, c.a, 'disagree');
  await pj.page.goto(`${url}/a/${c.a.id}/screen`);
  await pj.page.locator('.pj-disagree').waitFor();
  await pj.page.getByTestId('pj-ballots').filter({ hasText: '30 ballots' }).waitFor();
  await settle(pj.page, 1200);
  await mustFitScreen(pj.page, 'projector-disagree');
  await shot(pj.page, 'projector-disagree');

  // Results by group in the console, and the final report.
  const g = await groupsAssembly(url);
  await fac.page.goto(`${url}/a/${g.a.id}/facilitator#token=${g.a.token}`);
  await fac.page.getByRole('button', { name: 'Results of vote 1' }).click();
  await fac.page.getByRole('tab', { name: 'By group' }).click();
  await fac.page.locator('.seg-table').first().waitFor();
  await fac.page.locator('section[aria-labelledby="results-title"]').screenshot({ path: join(OUT, 'facilitator-segments.png'), animations: 'disabled' });

  const report = await newPage(browser, { ...laptop, viewport: { width: 1280, height: 1500 } });
  await report.page.goto(`${url}/a/${g.a.id}/report#token=${g.a.token}`);
  await report.page.locator('section.referred').waitFor();
  await shot(report.page, 'report');

  for (const s of [...m.voters, m.fac, ...b.voters, ...c.voters, ...g.voters, g.fac]) s.disconnect();
}

/** Kiosk mode (a shared tablet at the desk), in English and Czech: a card's code, the idle warning, then the thank-you once counted. */
async function kioskScreens(): Promise<void> {
  const a = await createAssembly(server.url, 'Town hall');
  const proposals = await importProposals(server.url, a);
  await rest(server.url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { joinMode: 'codes' } });
  const issued = await rest<{ code: string }[]>(server.url, 'POST', `/api/assemblies/${a.id}/codes`, { token: a.token, body: { count: 2 } });
  if (!issued.body.ok) throw new Error('kiosk: no cards');
  const round = await createRound(server.url, a, { proposalIds: proposals.map((p) => p.id), winners: 2, question: 'Which projects?' });
  await roundAction(server.url, a, round.id, 'open');
  for (const [i, lang, locale] of [[0, 'en', 'en-GB'], [1, 'cs', 'cs-CZ']] as const) {
    const { page } = await newPage(browser, { viewport: { width: 800, height: 1100 }, locale });
    // ?idle=5: the "Are you still there?" warning after 5 s instead of 120 s.
    await page.goto(`${server.url}/a/${a.id}/kiosk?idle=5`);
    const codeField = page.locator('input').first();
    await codeField.waitFor();
    await shot(page, `${lang === 'cs' ? 'cs-' : ''}kiosk-code`);
    await codeField.fill(issued.body.data[i]!.code);
    await page.locator('form button').first().click();
    await page.locator('button[aria-pressed]').first().click();
    await page.locator('.kiosk-idle').waitFor({ timeout: 10_000 });
    await shot(page, `${lang === 'cs' ? 'cs-' : ''}kiosk-idle`);
    await page.locator('.kiosk-idle .btn').click();
    await page.getByRole('button', { name: /^(Send ballot|Odeslat)/ }).click();
    await page.locator('.kiosk-thanks').waitFor();
    await shot(page, `${lang === 'cs' ? 'cs-' : ''}kiosk-thanks`);
    await page.context().close();
  }
}

if (!hasChromium) throw new Error('npm run screenshots needs Chromium (see tests/support/browser.ts).');
assertClientBuilt();
mkdirSync(OUT, { recursive: true });
const server: TestServer = await startServer({ clientDir: clientDist });
const browser: Browser = await launch();
try {
  if (process.env.SCREENSHOTS_ONLY === 'kiosk') await kioskScreens();
  else if (process.env.SCREENSHOTS_ONLY !== 'room') {
    await kioskScreens();
    await mainScreens();
    await phoneAndCodes();
    await assemblyScreens();
  }
  for (const lang of process.env.SCREENSHOTS_ONLY === 'kiosk' ? [] : (['en', 'cs'] as const)) {
    for (const n of [22, 60]) if (!process.env.SCREENSHOTS_ROOM || process.env.SCREENSHOTS_ROOM === `${lang}-${n}`) await roomShots(browser, server.url, OUT, lang, n);
  }
  if (roomShotProblems.length) throw new Error(`pictures that break the projector's rules:\n${roomShotProblems.join('\n')}`);
  console.log(`screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
