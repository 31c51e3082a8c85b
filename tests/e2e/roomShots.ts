import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { rest } from '../support/server.ts';
import { laptop, newPage, phone, projector } from '../support/browser.ts';
import { roundAction, setDisplay, settle } from './scenario.ts';
import { bigRoom, ROOM_TEXT, votedRound, type Lang } from './bigRoom.ts';
import { overflowsScreen, smallText, textOverlaps } from './roomScenario.ts';

/**
 * `npm run screenshots`, the room at real size (issue 13): every projector
 * view at 22 and 60 proposals with 300 phones, the light theme, the
 * console's Projectors panel and a hidden round's results for the
 * facilitator alone, and the phone's budget ballot, in English and Czech.
 * Files: room-<n>-<view>.png, Czech ones prefixed cs-.
 */
const CONSOLE = { ...laptop, viewport: { width: 1440, height: 900 } };
/** Pictures that break the projector's rules; the run writes every picture, then fails (the e2e tests assert the same rules). */
export const roomShotProblems: string[] = [];

export async function roomShots(browser: Browser, url: string, out: string, lang: Lang, n: number): Promise<void> {
  const locale = lang === 'cs' ? 'cs-CZ' : 'en-GB';
  const name = (view: string) => join(out, `${lang === 'cs' ? 'cs-' : ''}room-${n}-${view}.png`);
  const text = ROOM_TEXT[lang];
  const room = await bigRoom(url, lang, n);
  const { a } = room;
  // Screen names are typed by the facilitator, in the assembly's language.
  const [sideName, brightName] = lang === 'cs' ? ['bocni', 'svetle-platno'] : ['side', 'bright-room'];
  // Pages stay put for the picture: page 1 pinned on the hall screen, the side screen on the map.
  const screens = [
    { name: 'main', mode: 'follow', page: 1, corner: true, theme: 'dark' },
    { name: sideName, mode: 'map', page: 1, corner: true, theme: 'dark' },
    { name: brightName, mode: 'follow', page: 1, corner: true, theme: 'light' },
  ];
  const set = await rest(url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { screens } });
  if (!set.body.ok) throw new Error(set.body.error.message);
  const pj = (await newPage(browser, { ...projector, locale })).page;
  const shot = async (page: Page, view: string) => {
    await settle(page, 1200);
    // A picture that breaks the projector's rules stops the run (the e2e tests assert them too).
    const found = [...(await smallText(page)), ...(await textOverlaps(page)).map((o) => `over each other: ${o}`)];
    if (await overflowsScreen(page)) found.push('overflows 1920×1080');
    if (found.length) roomShotProblems.push(`${view} at ${n} (${lang}): ${found.slice(0, 4).join('; ')}`);
    await page.screenshot({ path: name(view), animations: 'disabled' });
  };

  // Round 1: visible, 300 ballots in a burst.
  await setDisplay(url, a, 'join');
  await pj.goto(`${url}/a/${a.id}/screen`);
  await pj.getByTestId('joined-count').filter({ hasText: '300' }).waitFor();
  // The join and turnout screens do not change with the number of proposals: pictured once, at 60.
  if (n === 60) await shot(pj, 'join');
  const r1 = await votedRound(url, room, { question: text.question }, n);
  await setDisplay(url, a, 'live');
  await pj.getByTestId('pj-ballots').filter({ hasText: /300/ }).waitFor({ timeout: 20_000 });
  await shot(pj, 'live');
  const side = (await newPage(browser, { ...projector, locale })).page;
  await side.goto(`${url}/a/${a.id}/screen?screen=${sideName}`);
  await side.locator('.pj-mapview').waitFor();
  await shot(side, 'map');
  await side.context().close();

  // The console during the vote: the Projectors panel (and the results table beside it).
  const fac = (await newPage(browser, { ...CONSOLE, locale })).page;
  await fac.goto(`${url}/a/${a.id}/facilitator#token=${a.token}`);
  await fac.getByTestId(`screen-${sideName}`).waitFor();
  if (n === 60) {
    await fac.locator('.screens-panel').scrollIntoViewIfNeeded();
    await fac.locator('.screens-panel').screenshot({ path: name('console-screens'), animations: 'disabled' });
  }

  await roundAction(url, a, r1.id, 'close');
  await setDisplay(url, a, 'disagree');
  await pj.locator('.pj-disagree.with-map').waitFor({ timeout: 20_000 });
  await shot(pj, 'disagree');
  await setDisplay(url, a, 'final');
  await pj.locator('.pj-final').waitFor();
  await shot(pj, 'final');
  if (n === 60) {
    const bright = (await newPage(browser, { ...projector, locale })).page;
    await bright.goto(`${url}/a/${a.id}/screen?screen=${brightName}`);
    await bright.locator('.pj-final').waitFor();
    await shot(bright, 'final-light');
    await bright.context().close();
  }

  // Round 2: results hidden until close; the facilitator alone sees them.
  const r2 = await votedRound(url, room, { question: text.hidden, visibility: 'hidden' }, n + 1, room.phones.slice(0, 220));
  await setDisplay(url, a, 'live');
  await pj.getByTestId('pj-hidden-turnout').filter({ hasText: /220/ }).waitFor({ timeout: 20_000 });
  if (n === 60) {
    await shot(pj, 'hidden');
    // The console's results of the hidden round, "only you see this" on top: the first screenful.
    await fac.locator('.results-table').first().waitFor();
    await fac.locator('section[aria-labelledby="results-title"]').scrollIntoViewIfNeeded();
    await fac.evaluate(() => document.querySelector('section[aria-labelledby="results-title"]')?.scrollIntoView({ block: 'start' }));
    await fac.screenshot({ path: name('console-hidden'), animations: 'disabled' });
  }
  await roundAction(url, a, r2.id, 'close');

  // Round 3: a participatory budget of a third of what all proposals cost; a phone mid-ballot.
  const budget = Math.round(room.costs.reduce((s, c) => s + c, 0) / 3 / 25_000) * 25_000;
  const r3 = await votedRound(url, room, { question: text.budget, budget }, n + 2, room.phones.slice(1));
  if (n === 22) {
    const ph = (await newPage(browser, { ...phone, locale })).page;
    await ph.goto(`${url}/a/${a.id}`);
    // The assembly's profile questions come first: this phone skips them.
    await ph.locator('.v-skip').click();
    await ph.locator('.v-card').first().waitFor();
    for (const i of [1, 4]) await ph.locator('.v-card').nth(i).locator('.vote-btn.plus').click();
    await ph.getByTestId('budget-total').waitFor();
    await ph.locator('.v-card').nth(4).scrollIntoViewIfNeeded();
    await settle(ph, 400);
    await ph.screenshot({ path: name('phone-budget'), animations: 'disabled' });
    await ph.context().close();
  }
  await setDisplay(url, a, 'live');
  await pj.locator('.pj-live.pj-budget').waitFor();
  await pj.getByTestId('pj-ballots').filter({ hasText: /\b29\d\b/ }).waitFor({ timeout: 20_000 });
  await shot(pj, 'budget');
  await roundAction(url, a, r3.id, 'close');
  await setDisplay(url, a, 'final');
  await pj.locator('.pj-final.pj-budget').waitFor();
  await shot(pj, 'budget-final');

  await fac.context().close();
  await pj.context().close();
  room.fac.disconnect();
  for (const s of room.phones) s.disconnect();
}
