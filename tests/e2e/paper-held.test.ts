import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CreatedStaffLink } from '../../shared/protocol/paperViews.ts';
import type { IssuedCode, RoundView } from '../../shared/protocol/views.ts';
import { ballotId, setupAssembly } from '../support/assembly.ts';
import { hasChromium, laptop, newPage, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { connect, must, type TestServer, type TestSocket } from '../support/server.ts';

/**
 * A held paper ballot in the console (docs/practice.md "Paper ballots";
 * review finding F8): two desks key a paper whose card already voted by
 * phone; the serial does not count and waits in the console's queue with
 * the reason in words, in English and in Czech. Set up over sockets; only
 * the console is a browser page.
 */
describe.skipIf(!hasChromium)('paper ballots: a held serial shows why in the console (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await stopBrowserSuite(server, browser);
  });

  async function join(assemblyId: string, role: 'facilitator' | 'staff' | 'voter', extra: Record<string, string>) {
    const s = await connect(server.url);
    sockets.push(s);
    await must(s, 'session:join', { assemblyId, role, ...extra });
    return s;
  }

  it('a card that voted by phone, keyed twice from paper: held, "this card already voted by phone"', async () => {
    const { assemblyId, token, proposals } = await setupAssembly(server.url, ['Park', 'Library', 'Bench'], { joinMode: 'codes' });
    const ids = proposals.map((p) => p.id);
    const fac = await join(assemblyId, 'facilitator', { token });
    const [card] = await must<IssuedCode[]>(fac, 'codes:generate', { count: 1 });
    const round = await must<RoundView>(fac, 'round:create', { question: 'Which one?', proposalIds: ids, winners: 1 });
    await must(fac, 'round:open', { roundId: round.id });
    const phone = await join(assemblyId, 'voter', { code: card!.code });
    await must(phone, 'ballot:submit', { roundId: round.id, ballotId: ballotId(), plus: [ids[0]], minus: [] });
    for (const [i, name] of ['Desk 1', 'Desk 2'].entries()) {
      const link = await must<CreatedStaffLink>(fac, 'staff:create', { name });
      const desk = await join(assemblyId, 'staff', { token: link.key });
      await must(desk, 'paper:key', { roundId: round.id, entryId: `held${i}${Date.now().toString(36)}`, serial: '12', plus: [ids[1]], minus: [], code: card!.code });
    }

    const { page } = await newPage(browser, laptop);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${assemblyId}/facilitator?lang=en#token=${token}`);
    const held = page.locator('.paper-panel').getByTestId('mismatch-12');
    await held.getByTestId('paper-held').filter({ hasText: 'held: this card already voted by phone' }).waitFor();
    await page.locator('.paper-panel').getByTestId('paper-counts').filter({ hasText: '1 on phones · 0 on paper · 1 in total' }).waitFor();
    await page.goto(`${server.url}/a/${assemblyId}/facilitator?lang=cs#token=${token}`);
    await page.locator('.paper-panel').getByTestId('mismatch-12').getByTestId('paper-held').filter({ hasText: 's touto kartou se už hlasovalo na telefonu' }).waitFor();
    expect(errors).toEqual([]);
  });
});
