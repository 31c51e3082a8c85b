import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { AssemblyView, ProposalView, RoundView } from '../../shared/protocol/views.ts';
import { connect, must, rest, startServer, type TestServer, type TestSocket } from '../support/server.ts';
import { assertClientBuilt, clientDist, hasChromium, laptop, launch, newPage, phone, watchErrors } from '../support/browser.ts';
import { createAssembly, createRound, roundAction } from './scenario.ts';

/**
 * The phone's side of the workflows, in headless Chromium at 360×640:
 * proposals from the floor with live moderation results, profile questions
 * asked once, and access codes from the console's printed cards to a vote,
 * a second phone refused, a revoked card, and its replacement.
 */
describe.skipIf(!hasChromium)('phone workflows: proposals, profile questions, access codes (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    assertClientBuilt();
    server = await startServer({ clientDir: clientDist });
    browser = await launch();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await browser?.close();
    await server?.close();
  });

  async function facilitator(a: { id: string; token: string }): Promise<TestSocket> {
    const s = await connect(server.url);
    sockets.push(s);
    await must(s, 'session:join', { assemblyId: a.id, role: 'facilitator', token: a.token });
    return s;
  }
  async function proposals(fac: TestSocket): Promise<ProposalView[]> {
    const state = await must<{ assembly: AssemblyView }>(fac, 'state:sync', {});
    return state.assembly.proposals;
  }
  async function propose(page: Page, title: string, details = ''): Promise<void> {
    await page.getByLabel('Title').fill(title);
    if (details) await page.getByLabel('Details (optional)').fill(details);
    await page.getByRole('button', { name: 'Send proposal' }).click();
  }
  const mine = (page: Page, title: string) => page.getByTestId('my-proposal').filter({ hasText: title });

  it('two phones propose; moderation through the socket API shows on each phone live; limits and refusals in words', async () => {
    const a = await createAssembly(server.url, 'Health services assembly');
    const fac = await facilitator(a);
    const [pa, pb] = await Promise.all([newPage(browser, phone), newPage(browser, phone)]);
    const errors = [...watchErrors(pa.page), ...watchErrors(pb.page)];
    const A = pa.page;
    const B = pb.page;
    await Promise.all([A, B].map((p) => p.goto(`${server.url}/a/${a.id}`)));
    await Promise.all([A, B].map((p) => p.getByRole('heading', { name: 'Waiting for the next vote' }).waitFor()));

    // The facilitator opens the proposal phase: the phones show the form by themselves.
    await must(fac, 'assembly:update', { submissions: { open: true, maxPerParticipant: 2 } });
    await Promise.all([A, B].map((p) => p.getByRole('heading', { name: 'Propose something' }).waitFor()));
    expect(await A.locator('.v-propose-tally').textContent()).toContain('0 of 2 used');

    // Live character counters; a too-short title is explained before anything is sent.
    await A.getByLabel('Title').fill('ab');
    expect(await A.locator('.v-count').first().textContent()).toContain('2/120');
    await A.getByRole('button', { name: 'Send proposal' }).click();
    await A.getByRole('alert').filter({ hasText: 'The title needs at least 3 characters.' }).waitFor();
    expect(await A.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');

    await propose(A, 'Quieter night buses', 'Electric buses on the night routes past the hospital.');
    await mine(A, 'Quieter night buses').filter({ hasText: 'Waiting for moderation' }).waitFor();
    expect(await A.locator('.v-propose-tally').textContent()).toContain('1 of 2 used. See yours: 1 waiting');
    expect(await A.getByLabel('Title').inputValue()).toBe('');

    // The same title again: CONFLICT, in words.
    await propose(A, 'quieter night  buses');
    await A.getByRole('alert').filter({ hasText: 'You already sent a proposal with this title' }).waitFor();
    await propose(A, 'Bike racks at the station');
    await mine(A, 'Bike racks at the station').waitFor();
    // The limit is reached: no form, a plain sentence instead.
    await A.getByText('You have used all 2 of your proposals.').waitFor();
    expect(await A.getByLabel('Title').count()).toBe(0);

    await propose(B, 'Buses that are quieter at night');
    await mine(B, 'Buses that are quieter at night').filter({ hasText: 'Waiting for moderation' }).waitFor();
    // Each phone sees only its own proposals.
    expect(await B.getByTestId('my-proposal').count()).toBe(1);

    // Moderation from the facilitator's socket (the console UI is tested elsewhere).
    const byTitle = new Map((await proposals(fac)).map((p) => [p.title, p]));
    await must(fac, 'proposal:moderate', { proposalId: byTitle.get('Bike racks at the station')!.id, action: 'reject', reason: 'The council already funds this in 2026.' });
    await must(fac, 'proposal:merge', { targetId: byTitle.get('Quieter night buses')!.id, sourceIds: [byTitle.get('Buses that are quieter at night')!.id] });

    await mine(A, 'Bike racks at the station').filter({ hasText: 'Not accepted' }).filter({ hasText: 'Reason: The council already funds this in 2026.' }).waitFor();
    await mine(A, 'Quieter night buses').filter({ hasText: 'Approved' }).waitFor();
    await mine(B, 'Buses that are quieter at night').filter({ hasText: 'Merged into “Quieter night buses”' }).waitFor();
    // Screen readers hear it too.
    await A.getByTestId('voter-news').filter({ hasText: /Your proposal “.*” was/ }).waitFor();

    // Submissions close: the form goes, the list stays.
    await must(fac, 'assembly:update', { submissions: { open: false, maxPerParticipant: 2 } });
    await B.getByText('The facilitator is not taking proposals now.').waitFor();
    expect(await B.getByLabel('Title').count()).toBe(0);
    await mine(B, 'Buses that are quieter at night').waitFor();

    // A round opens: the ballot comes first; the phone's proposals fold away below it.
    const approved = (await proposals(fac)).filter((p) => p.status === 'approved').map((p) => p.id);
    await must(fac, 'proposal:create', { title: 'Longer pharmacy hours' });
    await must(fac, 'proposal:create', { title: 'Free parking for carers' });
    const ids = (await proposals(fac)).filter((p) => p.status === 'approved').map((p) => p.id);
    expect(ids.length).toBe(approved.length + 2);
    const round = await createRound(server.url, a, { question: 'Which should go to the board?', proposalIds: ids, winners: 1 });
    await roundAction(server.url, a, round.id, 'open');
    await A.getByRole('heading', { name: 'Which should go to the board?' }).waitFor();
    const folded = A.locator('details.v-propose-folded');
    expect(await folded.getAttribute('open')).toBeNull();
    expect(await folded.locator('summary').textContent()).toContain('2 of 2 used');
    const box = await A.getByRole('heading', { name: 'Which should go to the board?' }).boundingBox();
    const foldBox = await folded.boundingBox();
    expect(box!.y).toBeLessThan(foldBox!.y);

    expect(errors).toEqual([]);
  });

  it('asks the profile questions once at join, with "Prefer not to say" and Skip; never again after a reload', async () => {
    const a = await createAssembly(server.url, 'Budget assembly');
    const fac = await facilitator(a);
    await must(fac, 'assembly:update', {
      profile: [
        { id: 'age', label: 'Your age', options: [{ id: 'young', label: 'Under 30' }, { id: 'mid', label: '30 to 59' }, { id: 'old', label: '60 or over' }] },
        { id: 'area', label: 'Where you live', options: [{ id: 'north', label: 'North of the river' }, { id: 'south', label: 'South of the river' }] },
      ],
    });
    const { page } = await newPage(browser, phone);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}`);
    await page.getByRole('heading', { name: '2 questions before you vote' }).waitFor();
    expect(await page.locator('.v-profile-why').textContent()).toContain('groups under 5 people are never shown');
    // One radio group per question, each with "Prefer not to say".
    const age = page.getByRole('group', { name: 'Your age' });
    const area = page.getByRole('group', { name: 'Where you live' });
    expect(await age.getByRole('radio').count()).toBe(4);
    expect(await area.getByRole('radio', { name: 'Prefer not to say' }).count()).toBe(1);
    await age.getByRole('radio', { name: 'Under 30' }).check();
    await area.getByRole('radio', { name: 'Prefer not to say' }).check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('heading', { name: 'Waiting for the next vote' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Waiting for the next vote' }).waitFor();
    expect(await page.getByRole('heading', { name: /questions before you vote/ }).count()).toBe(0);
    // The server remembers too: without the phone's own note, still not asked.
    await page.evaluate((id) => localStorage.removeItem(`d21:profile:${id}`), a.id);
    await page.reload();
    await page.getByRole('heading', { name: 'Waiting for the next vote' }).waitFor();
    expect(await page.getByRole('heading', { name: /questions before you vote/ }).count()).toBe(0);

    // Another phone skips: not asked again either, and an open round's ballot follows at once.
    const round = await createRound(server.url, a, { proposalIds: [(await must<ProposalView>(fac, 'proposal:create', { title: 'Playground' })).id], winners: 1 });
    await roundAction(server.url, a, round.id, 'open');
    const other = await newPage(browser, phone);
    errors.push(...watchErrors(other.page));
    await other.page.goto(`${server.url}/a/${a.id}`);
    await other.page.getByRole('heading', { name: '2 questions before you vote' }).waitFor();
    await other.page.getByRole('button', { name: 'Skip questions' }).click();
    await other.page.getByRole('button', { name: 'For Playground (plus vote)' }).waitFor();
    await other.page.reload();
    await other.page.getByRole('button', { name: 'For Playground (plus vote)' }).waitFor();
    expect(await other.page.getByRole('heading', { name: /questions before you vote/ }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('access codes: cards from the console, a card link joins and votes, a second phone is refused, revoke and replace', async () => {
    const a = await createAssembly(server.url, 'Union ballot');
    for (const title of ['Accept the offer', 'Strike in March', 'Ask for arbitration']) {
      const r = await rest(server.url, 'POST', `/api/assemblies/${a.id}/proposals`, { token: a.token, body: { title } });
      expect(r.body.ok).toBe(true);
    }
    const fac = await newPage(browser, laptop);
    const facErrors = watchErrors(fac.page);
    const F = fac.page;
    await F.goto(`${server.url}/a/${a.id}/facilitator#token=${a.token}`);
    await F.getByRole('heading', { name: 'Who can join' }).waitFor();

    // Switch the assembly to access cards and generate three.
    await F.getByRole('radio', { name: /Access cards: one person, one card/ }).check();
    await F.getByLabel('New cards to print').fill('3');
    await F.getByRole('button', { name: 'Generate cards' }).click();
    await F.getByText('Print them now.').waitFor();
    await F.getByRole('button', { name: 'Show the 3 cards to print' }).click();
    const sheet = F.getByRole('dialog', { name: 'Print 3 access cards' });
    await sheet.waitFor();
    const cards = sheet.getByTestId('code-card');
    expect(await cards.count()).toBe(3);
    const codes = await sheet.getByTestId('card-code').allTextContents();
    const urls = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-url')!));
    expect(urls[0]).toBe(`${server.url}/a/${a.id}?code=${codes[0]}`);
    expect(await cards.first().textContent()).toContain('Scan to vote; one person, one card');
    expect(await cards.first().textContent()).toContain('Card 1');
    expect(await cards.first().locator('svg[role="img"] path').count()).toBe(1);
    // Printed, the sheet is one A4 page of cards and nothing of the console.
    const pdf = (await F.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    expect(pdf).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/); // A4 in points
    // Never stored in the browser.
    const stored = await F.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    for (const c of codes) expect(stored).not.toContain(c);
    await sheet.getByRole('button', { name: 'Close' }).click();
    await sheet.waitFor({ state: 'detached' });

    // A phone opens card 1's link: joined, the code gone from the address bar.
    const p1 = await newPage(browser, phone);
    const p1Errors = watchErrors(p1.page);
    await p1.page.goto(urls[0]!);
    await p1.page.getByRole('heading', { name: 'Waiting for the next vote' }).waitFor();
    expect(p1.page.url()).toBe(`${server.url}/a/${a.id}`);
    const ids = (await rest<AssemblyView>(server.url, 'GET', `/api/assemblies/${a.id}`, { token: a.token })).body;
    if (!ids.ok) throw new Error('assembly');
    const round: RoundView = await createRound(server.url, a, { proposalIds: ids.data.proposals.map((p) => p.id), winners: 1, question: 'What do we answer?' });
    await roundAction(server.url, a, round.id, 'open');
    await p1.page.getByRole('button', { name: 'For Accept the offer (plus vote)' }).click();
    await p1.page.getByRole('button', { name: 'Send ballot' }).click();
    await p1.page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();

    // A second phone with the same card: refused in words, with a field for another code.
    const p2 = await newPage(browser, phone);
    await p2.page.goto(urls[0]!);
    await p2.page.getByRole('heading', { name: 'Code already in use' }).waitFor();
    expect(await p2.page.getByRole('alert').textContent()).toContain(`“${codes[0]}” is already in use on another phone`);
    await p2.page.getByLabel('Another access code').fill('zzzz-2222');
    await p2.page.getByRole('button', { name: 'Join' }).click();
    await p2.page.getByRole('heading', { name: 'Code not recognised' }).waitFor();
    expect(await p2.page.getByLabel('Another access code').inputValue()).toBe('ZZZZ-2222');

    // The console sees card 1 in use, revokes it and issues a replacement.
    const row1 = F.locator('tr.code-row').filter({ has: F.locator('th', { hasText: /^1$/ }) });
    await row1.getByText('In use').waitFor();
    await F.getByRole('button', { name: 'Revoke card 1', exact: true }).click();
    await F.getByRole('button', { name: 'Revoke and issue a replacement for card 1', exact: true }).click();
    await row1.getByText('Revoked').waitFor();
    // The phone that held it is told at once.
    await p1.page.getByRole('heading', { name: 'Your access was withdrawn' }).waitFor();
    const replacement = F.getByTestId('replacement');
    await replacement.waitFor();
    expect(await replacement.textContent()).toContain('Card 4 replaces card 1');
    await F.getByRole('button', { name: 'Print card 4' }).click();
    const one = F.getByRole('dialog', { name: 'Replacement card 4 (for card 1)' });
    const newUrl = await one.getByTestId('code-card').getAttribute('data-url');
    await one.getByRole('button', { name: 'Close' }).click();

    // The replacement card's link works on the second phone: it votes.
    await p2.page.goto(newUrl!);
    await p2.page.getByRole('button', { name: 'For Strike in March (plus vote)' }).click();
    await p2.page.getByRole('button', { name: 'Send ballot' }).click();
    await p2.page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();

    // One person, one ballot: the revoked phone's ballot was taken out.
    const res = await rest<{ results: RoundResults }>(server.url, 'GET', `/api/assemblies/${a.id}/rounds/${round.id}/results`, { token: a.token });
    if (!res.body.ok) throw new Error('results');
    expect(res.body.data.results.ballots).toBe(1);
    expect(res.body.data.results.options.find((o) => o.plus === 1)?.id).toBe(ids.data.proposals.find((p) => p.title === 'Strike in March')!.id);
    expect([...facErrors, ...p1Errors]).toEqual([]);
  });
});
