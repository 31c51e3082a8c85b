import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeRound, createRound, openRound, setupAssembly, vote, joinVoter } from '../support/assembly.ts';
import { rest, type TestServer } from '../support/server.ts';
import { hasChromium, laptop, newPage, phone, projector, startBrowserSuite, stopBrowserSuite } from '../support/browser.ts';

/**
 * Proposal texts with HTML or script render as text everywhere (issue 4):
 * on the phone, the console, the projector (live, final, disagree) and the
 * report. Nothing they carry may run, and the reader sees the characters.
 */
const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload=window.__pwned=3>',
];

async function noScriptRan(page: Page, where: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), where).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], body script:not([src])').count(), where).toBe(0);
}

describe.skipIf(!hasChromium)('hostile proposal texts render as text (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it('on the phone, the console, the projector and the report', async () => {
    const { url } = server;
    const { assemblyId, token, proposals } = await setupAssembly(url, HOSTILE);
    await rest(url, 'PATCH', `/api/assemblies/${assemblyId}/proposals/${proposals[0]!.id}`, {
      token,
      body: { description: '<b onmouseover="window.__pwned=4">bold?</b> & <iframe src="javascript:alert(1)"></iframe>' },
    });
    const ids = proposals.map((p) => p.id);
    const round = await createRound(url, assemblyId, token, { question: '<marquee>Which?</marquee>', proposalIds: ids, winners: 1, ratio: 0 });
    await openRound(url, assemblyId, token, round.id);
    const dialogs: string[] = [];

    const ph = await newPage(browser, phone);
    ph.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await ph.page.goto(`${url}/a/${assemblyId}`);
    await ph.page.getByText(HOSTILE[0]!, { exact: true }).first().waitFor();
    await ph.page.getByText('<marquee>Which?</marquee>').first().waitFor();
    await ph.page.getByText(/<b onmouseover=/).first().waitFor();
    await noScriptRan(ph.page, 'phone');

    // Five voters: the projector's public tally is released in batches of five (docs/security.md).
    for (let i = 0; i < 5; i++) {
      const v = await joinVoter(url, assemblyId);
      await vote(v, round.id, [ids[i % 3]!], [ids[(i + 1) % 3]!]);
      v.socket.disconnect();
    }

    const fac = await newPage(browser, laptop);
    await fac.page.goto(`${url}/a/${assemblyId}/facilitator#token=${token}`);
    for (const t of HOSTILE) await fac.page.getByText(t, { exact: true }).first().waitFor();
    await noScriptRan(fac.page, 'console');

    const screen = await newPage(browser, projector);
    await rest(url, 'PUT', `/api/assemblies/${assemblyId}/display`, { token, body: { mode: 'live' } });
    await screen.page.goto(`${url}/a/${assemblyId}/screen`);
    for (const t of HOSTILE) await screen.page.getByText(t, { exact: true }).first().waitFor();
    await noScriptRan(screen.page, 'projector live');
    await rest(url, 'PUT', `/api/assemblies/${assemblyId}/display`, { token, body: { mode: 'disagree' } });
    await screen.page.getByText(HOSTILE[1]!, { exact: true }).first().waitFor();
    await noScriptRan(screen.page, 'projector disagree');
    await closeRound(url, assemblyId, token, round.id);
    await rest(url, 'PUT', `/api/assemblies/${assemblyId}/display`, { token, body: { mode: 'final' } });
    await screen.page.getByText(HOSTILE[2]!, { exact: true }).first().waitFor();
    await noScriptRan(screen.page, 'projector final');

    const report = await newPage(browser, laptop);
    await report.page.goto(`${url}/a/${assemblyId}/report#token=${token}`);
    for (const t of HOSTILE) await report.page.getByText(t, { exact: true }).first().waitFor();
    await noScriptRan(report.page, 'report');

    expect(dialogs).toEqual([]);
  }, 60_000);
});
