import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { axeScan, hasChromium, laptop, newPage, phone, projector, serious, type AxeViolation, startBrowserSuite, stopBrowserSuite } from '../support/browser.ts';
import { bots, castBallots, createAssembly, createRound, importProposals, roundAction, setDisplay, settle } from './scenario.ts';
import { codeScene, codesConsoleScene, profileScene, proposeScene } from './phoneScenes.ts';
import { budgetRound, climateAssembly, groupsAssembly, moderationAssembly } from './workflowScenario.ts';
import type { TestSocket } from '../support/server.ts';

/**
 * axe-core on every screen and state: no serious or critical violation.
 * The app's CSP blocks injected scripts, so these contexts bypass CSP.
 */
/** Each test scans several screens in several states; axe takes seconds per scan on a busy machine. */
const SCAN_TIMEOUT_MS = 90_000;

describe.skipIf(!hasChromium)('accessibility (axe-core) of each screen', () => {
  let server: TestServer;
  let browser: Browser;
  const found: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  async function scan(page: Page, name: string): Promise<void> {
    const all = await axeScan(page);
    found[name] = all;
    const bad = serious(all);
    if (bad.length) console.error(name, JSON.stringify(bad, null, 2));
    expect(bad, `${name}: serious/critical axe violations`).toEqual([]);
  }

  it('home, phone, facilitator and projector have no serious or critical violations', async () => {
    const url = server.url;
    const home = await newPage(browser, { ...laptop, bypassCSP: true });
    await home.page.goto(`${url}/`);
    await home.page.getByRole('heading', { name: 'New assembly' }).waitFor();
    await scan(home.page, 'home');

    const a = await createAssembly(url, 'Accessibility check');
    const proposals = await importProposals(url, a, true);
    const ids = proposals.map((p) => p.id);

    const ph = await newPage(browser, { ...phone, bypassCSP: true });
    await ph.page.goto(`${url}/a/${a.id}`);
    await ph.page.getByRole('heading', { name: 'Waiting for the next vote' }).waitFor();
    await scan(ph.page, 'phone waiting');

    const pj = await newPage(browser, { ...projector, bypassCSP: true });
    const r1 = await createRound(url, a, { question: 'Fund which projects?', proposalIds: ids, winners: 2, budget: 300000, durationSec: 900 });
    await roundAction(url, a, r1.id, 'open');
    await pj.page.goto(`${url}/a/${a.id}/screen`);
    await pj.page.locator('.pj-join').waitFor();
    await settle(pj.page, 300);
    await scan(pj.page, 'projector join');

    await ph.page.getByRole('heading', { name: 'Fund which projects?' }).waitFor();
    await ph.page.getByRole('button', { name: 'For 200 street trees (plus vote)' }).click();
    // The plus must have landed before the minus (a loaded CI machine once clicked "Against" mid re-render and no reason showed).
    await ph.page.getByRole('button', { name: 'For 200 street trees (plus vote)', pressed: true }).waitFor();
    await ph.page.getByRole('button', { name: 'Against Heated bus shelters (minus vote)' }).click({ force: true });
    await ph.page.locator('.v-reason').waitFor();
    await ph.page.locator('.v-rules summary').click();
    await scan(ph.page, 'phone ballot');
    await ph.page.getByRole('button', { name: 'Send ballot' }).click();
    await ph.page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();
    await scan(ph.page, 'phone counted');

    const crowd = await bots(url, a.id, 12);
    await castBallots(crowd, r1.id, ids, r1.rules);
    await setDisplay(url, a, 'live');
    await pj.page.locator('.pj-live').waitFor();
    await settle(pj.page);
    await scan(pj.page, 'projector live');

    const fac = await newPage(browser, { ...laptop, bypassCSP: true });
    await fac.page.goto(`${url}/a/${a.id}/facilitator#token=${a.token}`);
    await fac.page.locator('.results-table').waitFor();
    await scan(fac.page, 'facilitator (vote open)');

    await roundAction(url, a, r1.id, 'close');
    await ph.page.getByRole('heading', { name: 'Voting has closed' }).waitFor();
    await scan(ph.page, 'phone closed');
    await setDisplay(url, a, 'final');
    await pj.page.locator('.pj-final').waitFor();
    await settle(pj.page, 300);
    await scan(pj.page, 'projector final');
    await fac.page.getByRole('button', { name: 'Prepare the round' }).waitFor();
    await scan(fac.page, 'facilitator (results)');

    const r2 = await createRound(url, a, { proposalIds: ids.slice(0, 4), winners: 1, visibility: 'hidden' });
    await roundAction(url, a, r2.id, 'open');
    await setDisplay(url, a, 'live');
    await pj.page.locator('.pj-hidden').waitFor();
    await scan(pj.page, 'projector hidden');
    await setDisplay(url, a, 'blank');
    await pj.page.locator('.pj-blank').waitFor();
    await scan(pj.page, 'projector blank');

    for (const s of crowd) s.disconnect();
    // Minor and moderate findings are reported, not failed on.
    const minor = Object.entries(found).flatMap(([name, v]) => v.map((x) => `${name}: ${x.id} (${x.impact})`));
    if (minor.length) console.info('axe: minor/moderate findings:\n' + minor.join('\n'));
  }, SCAN_TIMEOUT_MS);

  it('phone proposal form, profile questions, code entry, codes panel and card sheet have no serious or critical violations', async () => {
    const sockets: TestSocket[] = [];
    const ctx = (options: typeof phone) => ({ browser, url: server.url, sockets, options: { ...options, bypassCSP: true } });
    await scan(await proposeScene(ctx(phone)), 'phone proposal form');
    await scan(await profileScene(ctx(phone)), 'phone profile questions');
    await scan(await codeScene(ctx(phone)), 'phone code entry');
    const fac = await codesConsoleScene(ctx(laptop));
    await scan(fac.page, 'facilitator codes panel');
    await scan(await fac.openSheet(), 'code cards sheet');
    for (const s of sockets) s.disconnect();
  }, SCAN_TIMEOUT_MS);

  it('moderation queue, results by group and disagreement in the console, budget and disagreement on the projector, and the report have no serious or critical violations', async () => {
    const url = server.url;
    const wide = { ...laptop, viewport: { width: 1440, height: 1000 }, bypassCSP: true };

    // The console in the proposal phase, with the merge and reject forms open.
    const m = await moderationAssembly(url);
    const fac = await newPage(browser, wide);
    await fac.page.goto(`${url}/a/${m.a.id}/facilitator#token=${m.a.token}`);
    await fac.page.getByTestId('mod-pending-count').waitFor();
    await fac.page.getByRole('checkbox', { name: 'Select “Shorter waits for GP appointments”' }).check();
    await fac.page.getByRole('checkbox', { name: 'Select “Shorter waiting times at the GP”' }).check();
    await fac.page.getByRole('button', { name: 'Merge selected…' }).click();
    await fac.page.getByRole('button', { name: 'Reject “Volunteer drivers for hospital appointments”' }).click();
    await fac.page.locator('.mod-closed summary').click();
    await scan(fac.page, 'facilitator moderation queue');

    // Profile questions, results by group and "where we disagree" in the console; the report.
    const g = await groupsAssembly(url);
    await fac.page.goto(`${url}/a/${g.a.id}/facilitator#token=${g.a.token}`);
    await fac.page.getByRole('button', { name: 'Results of vote 1' }).click();
    await fac.page.getByRole('tab', { name: 'By group' }).click();
    await fac.page.locator('.seg-table').first().waitFor();
    await scan(fac.page, 'facilitator results by group and profile questions');
    await fac.page.getByRole('tab', { name: 'Where we disagree' }).click();
    await fac.page.locator('.disagree-table').waitFor();
    await fac.page.getByTestId('opinion-groups').locator('.og-lead, .og-empty').waitFor();
    await scan(fac.page, 'facilitator where we disagree');
    await fac.page.goto(`${url}/a/${g.a.id}/report`);
    await fac.page.locator('section.referred').waitFor();
    await scan(fac.page, 'report');

    // The projector: a budget round live, then where the room disagrees.
    const b = await budgetRound(url);
    await setDisplay(url, b.a, 'live');
    const pj = await newPage(browser, { ...projector, bypassCSP: true });
    await pj.page.goto(`${url}/a/${b.a.id}/screen`);
    await pj.page.getByTestId('pj-ballots').filter({ hasText: '40 ballots' }).waitFor();
    await settle(pj.page, 300);
    await scan(pj.page, 'projector budget');
    const c = await climateAssembly(url);
    await setDisplay(url, c.a, 'disagree');
    await pj.page.goto(`${url}/a/${c.a.id}/screen`);
    await pj.page.locator('.pj-disagree').waitFor();
    await settle(pj.page, 300);
    await scan(pj.page, 'projector where we disagree');

    for (const s of [...m.voters, m.fac, ...g.voters, g.fac, ...b.voters, ...c.voters]) s.disconnect();
    const mine = ['facilitator moderation queue', 'facilitator results by group and profile questions', 'facilitator where we disagree', 'report', 'projector budget', 'projector where we disagree'];
    const minor = mine.flatMap((name) => (found[name] ?? []).map((x) => `${name}: ${x.id} (${x.impact})`));
    if (minor.length) console.info('axe: minor/moderate findings in the workflow views:\n' + minor.join('\n'));
  }, SCAN_TIMEOUT_MS);
});
