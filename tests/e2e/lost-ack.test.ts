import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import type { RoundResults } from '../../shared/domain/index.ts';
import type { CodeView, IssuedCode, ProposalView, RoundView } from '../../shared/protocol/views.ts';
import { rest, type TestServer } from '../support/server.ts';
import { hasChromium, newPage, phone, watchErrors, startBrowserSuite, stopBrowserSuite } from '../support/browser.ts';
import { createAssembly, createRound, roundAction } from './scenario.ts';

/**
 * Bad wifi: the ballot reaches the server, its acknowledgement never comes
 * back. The phone must not say "counted" before it knows, must resend the
 * same ballot id (or learn from a rejoin that it was stored), and the server
 * must count it once. The phone's websocket runs through Playwright's
 * routeWebSocket, which forwards every Socket.IO frame and drops chosen ones.
 */

/** `42<ackId>["ballot:submit",{…}]`: a Socket.IO event frame with an ack id. */
const BALLOT_FRAME = /^42(\d+)\["ballot:submit",(.*)\]$/s;

interface Link {
  /** Every ballot the page sent: its ack id and ballot id. */
  sent: { ackId: string; ballotId: string }[];
  /** Acks of ballots that were dropped on the way back. */
  dropped: string[];
  /** What to do with the next ballot frame (or, for 'cut-code-join', the next join with an access code). */
  mode: 'drop-ack' | 'cut-after-send' | 'cut-code-join' | 'pass';
}

async function routeSocket(page: Page, link: Link): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    let severed = false;
    const dropAcks = new Set<string>();
    ws.onMessage((message) => {
      if (severed) return;
      if (link.mode === 'cut-code-join' && typeof message === 'string' && /^42\d+\["session:join",\{.*"code":/s.test(message)) {
        // The code reaches the server, which binds it to a new participant; the answer with the token never arrives.
        server.send(message);
        severed = true;
        link.mode = 'pass';
        setTimeout(() => {
          void ws.close({ code: 1006 }).catch(() => {});
          void server.close().catch(() => {});
        }, 150);
        return;
      }
      const m = typeof message === 'string' ? BALLOT_FRAME.exec(message) : null;
      if (m) {
        const ballot = JSON.parse(m[2]!) as { ballotId: string };
        link.sent.push({ ackId: m[1]!, ballotId: ballot.ballotId });
        if (link.mode === 'drop-ack') {
          dropAcks.add(m[1]!);
          link.mode = 'pass';
        } else if (link.mode === 'cut-after-send') {
          // The frame reaches the server; the link dies before the ack comes back.
          server.send(message);
          severed = true;
          link.mode = 'pass';
          setTimeout(() => {
            void ws.close({ code: 1006 }).catch(() => {});
            void server.close().catch(() => {});
          }, 150);
          return;
        }
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (severed) return;
      const ack = typeof message === 'string' ? /^43(\d+)\[/.exec(message) : null;
      if (ack && dropAcks.has(ack[1]!)) {
        dropAcks.delete(ack[1]!);
        link.dropped.push(ack[1]!);
        return;
      }
      ws.send(message);
    });
  });
}

describe.skipIf(!hasChromium)('a ballot whose acknowledgement is lost is counted once (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  async function setup(title: string): Promise<{ a: { id: string; token: string }; round: RoundView; ids: string[] }> {
    const a = await createAssembly(server.url, title);
    const ids: string[] = [];
    for (const t of ['Bike lanes', 'Library hours', 'Street trees']) {
      const r = await rest<ProposalView>(server.url, 'POST', `/api/assemblies/${a.id}/proposals`, { token: a.token, body: { title: t } });
      if (!r.body.ok) throw new Error('proposal');
      ids.push(r.body.data.id);
    }
    const round = await createRound(server.url, a, { proposalIds: ids, winners: 1, question: 'Which first?' });
    await roundAction(server.url, a, round.id, 'open');
    return { a, round, ids };
  }
  async function results(a: { id: string; token: string }, roundId: string): Promise<RoundResults> {
    const r = await rest<{ results: RoundResults }>(server.url, 'GET', `/api/assemblies/${a.id}/rounds/${roundId}/results`, { token: a.token });
    if (!r.body.ok) throw new Error(JSON.stringify(r.body));
    return r.body.data.results;
  }

  it('the ack is dropped on a live link: "not confirmed", then the same ballot id is resent and counted once', async () => {
    const { a, round, ids } = await setup('Lost ack');
    const { page } = await newPage(browser, phone);
    const errors = watchErrors(page);
    const link: Link = { sent: [], dropped: [], mode: 'pass' };
    await routeSocket(page, link);
    await page.goto(`${server.url}/a/${a.id}`);
    await page.getByRole('heading', { name: 'Which first?' }).waitFor();

    link.mode = 'drop-ack';
    await page.getByRole('button', { name: 'For Bike lanes (plus vote)' }).click();
    await page.getByRole('button', { name: 'Send ballot' }).click();
    // Stored on the server, but the phone cannot know yet: it never says counted.
    await page.getByTestId('ballot-status').filter({ hasText: 'Sending your ballot' }).waitFor();
    expect((await results(a, round.id)).ballots).toBe(1);
    expect(await page.getByTestId('ballot-status').textContent()).not.toContain('counted');
    // No ack within 10 s: not confirmed, sent again with the same id, and then acknowledged.
    await page.getByTestId('ballot-status').filter({ hasText: 'Not confirmed yet' }).waitFor({ timeout: 12_000 });
    await page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor({ timeout: 8000 });

    expect(link.dropped.length).toBe(1);
    expect(link.sent.length).toBe(2);
    expect(link.sent[1]!.ballotId).toBe(link.sent[0]!.ballotId);
    const r = await results(a, round.id);
    expect(r.ballots).toBe(1);
    expect(r.options.find((o) => o.id === ids[0])!.plus).toBe(1);
    expect(errors).toEqual([]);
  });

  it('the link dies right after sending and the phone goes offline: it reconnects, ends "counted", one ballot', async () => {
    const { a, round, ids } = await setup('Lost link');
    const { page, context } = await newPage(browser, phone);
    const link: Link = { sent: [], dropped: [], mode: 'pass' };
    await routeSocket(page, link);
    await page.goto(`${server.url}/a/${a.id}`);
    await page.getByRole('heading', { name: 'Which first?' }).waitFor();

    link.mode = 'cut-after-send';
    await page.getByRole('button', { name: 'For Library hours (plus vote)' }).click();
    await page.getByRole('button', { name: 'For Street trees (plus vote)' }).click();
    await page.getByRole('button', { name: 'Send ballot' }).click();
    await context.setOffline(true);
    await page.getByTestId('ballot-status').filter({ hasText: 'Not confirmed yet' }).waitFor();
    await page.getByText('Reconnecting…').waitFor();
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('ballot-status').textContent()).not.toContain('counted');
    await context.setOffline(false);

    await page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Counted ✓' }).isDisabled()).toBe(true);
    // Every ballot frame that reached the server carried the one ballot id.
    expect(new Set(link.sent.map((s) => s.ballotId)).size).toBe(1);
    const r = await results(a, round.id);
    expect(r.ballots).toBe(1);
    expect(r.options.filter((o) => o.plus === 1).map((o) => o.id).sort()).toEqual([ids[1], ids[2]].sort());
    // A reload shows the same counted ballot.
    await page.reload();
    await page.getByTestId('ballot-status').filter({ hasText: 'Your ballot is counted' }).waitFor();
    expect((await results(a, round.id)).ballots).toBe(1);
  });

  it('the answer to a card’s code is lost: the phone retries with the same join id and gets its card back', async () => {
    const { a, round } = await setup('Lost join');
    await rest(server.url, 'PATCH', `/api/assemblies/${a.id}`, { token: a.token, body: { joinMode: 'codes' } });
    const gen = await rest<IssuedCode[]>(server.url, 'POST', `/api/assemblies/${a.id}/codes`, { token: a.token, body: { count: 1 } });
    if (!gen.body.ok) throw new Error('codes');
    const card = gen.body.data[0]!;
    const { page } = await newPage(browser, phone);
    const errors = watchErrors(page);
    const link: Link = { sent: [], dropped: [], mode: 'cut-code-join' };
    await routeSocket(page, link);
    await page.goto(`${server.url}/a/${a.id}?code=${card.code}`);
    // The first join's answer never arrives; the retry (same code, same join id) is let in.
    await page.getByRole('heading', { name: 'Which first?' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Code already in use' }).count()).toBe(0);
    const list = await rest<CodeView[]>(server.url, 'GET', `/api/assemblies/${a.id}/codes`, { token: a.token });
    expect(list.body.ok && list.body.data.map((c) => c.status)).toEqual(['used']);
    // One card, one person: the retry did not make a second participant.
    const res = await rest<{ turnout: { joined: number } }>(server.url, 'GET', `/api/assemblies/${a.id}/rounds/${round.id}/results`);
    expect(res.body.ok && res.body.data.turnout.joined).toBe(1);
    expect(errors).toEqual([]);
  });
});
