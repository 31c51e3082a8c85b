import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connect, must, type TestServer, type TestSocket } from '../support/server.ts';
import { axeScan, hasChromium, newPage, projector, repoRoot, serious, startBrowserSuite, stopBrowserSuite, watchErrors } from '../support/browser.ts';
import { createAssembly, createRound, roundAction, setDisplay } from './scenario.ts';
import { importMany, smallText } from './roomScenario.ts';

const OUT = join(repoRoot, 'docs', 'screenshots');
const VOTERS = 300;

/** 300 phones on sockets from the test process, joined in parallel batches. */
async function voters(url: string, assemblyId: string): Promise<TestSocket[]> {
  const out: TestSocket[] = [];
  for (let i = 0; i < VOTERS; i += 50) {
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, VOTERS - i) }, async () => {
          const s = await connect(url);
          await must(s, 'session:join', { assemblyId, role: 'voter' });
          return s;
        }),
      )),
    );
  }
  return out;
}

/** Starts sampling every 50 ms: the boxes of the rows of the list; returns pairs that overlapped. */
async function startSampling(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const w = window as unknown as { samples: number; overlaps: string[]; sampler: number };
    w.samples = 0;
    w.overlaps = [];
    w.sampler = window.setInterval(() => {
      w.samples++;
      const rects = [...document.querySelectorAll(sel)].map((el) => ({ id: (el as HTMLElement).dataset.id ?? '', r: el.getBoundingClientRect() }));
      for (let i = 0; i < rects.length; i++) {
        for (let j = i + 1; j < rects.length; j++) {
          const a = rects[i]!.r;
          const b = rects[j]!.r;
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 0.5 && y > 0.5) w.overlaps.push(`${rects[i]!.id}×${rects[j]!.id} by ${y.toFixed(1)}px`);
        }
      }
    }, 50);
  }, selector);
}

async function stopSampling(page: Page): Promise<{ samples: number; overlaps: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { samples: number; overlaps: string[]; sampler: number };
    clearInterval(w.sampler);
    return { samples: w.samples, overlaps: w.overlaps };
  });
}

/** Waits until every id has appeared on some page of the list (pages advance every second here). */
async function idsOverPages(page: Page, selector: string, expected: number): Promise<Set<string>> {
  const seen = new Set<string>();
  const until = Date.now() + 30_000;
  while (seen.size < expected && Date.now() < until) {
    for (const id of await page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id ?? ''))) seen.add(id);
    await page.waitForTimeout(250);
  }
  return seen;
}

/** Ballots with a popular head and a long tail, from a seeded generator. */
function ballotsFor(ids: string[], rules: { plus: number; minus: number }, seed: number) {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return Array.from({ length: VOTERS }, () => {
    const pool = [...ids];
    const pick = () => pool.splice(Math.floor(Math.pow(rnd(), 1.6) * pool.length), 1)[0]!;
    const plus = Array.from({ length: Math.min(rules.plus, 1 + Math.floor(rnd() * rules.plus)) }, pick);
    const minus = rules.minus > 0 && plus.length >= 2 && rnd() < 0.5 ? [pool.splice(pool.length - 1 - Math.floor(rnd() * 3), 1)[0]!] : [];
    return { plus, minus };
  });
}

describe.skipIf(!hasChromium)('the projector at real size: 9, 22 and 60 proposals, 300 voters on sockets', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    ({ server, browser } = await startBrowserSuite());
  });
  afterAll(() => stopBrowserSuite(server, browser));

  it.each([9, 22, 60])('%i proposals: rows never overlap in a burst, every proposal is on a page and on the map, text ≥ 32 px, axe clean', async (n) => {
    const a = await createAssembly(server.url, `Assembly of ${n}`);
    const ids = (await importMany(server.url, a, n)).map((p) => p.id);
    const round = await createRound(server.url, a, { proposalIds: ids, winners: 3, question: 'Which proposals should the council take up first?' });
    await roundAction(server.url, a, round.id, 'open');
    await setDisplay(server.url, a, 'live');
    const phones = await voters(server.url, a.id);
    const { page } = await newPage(browser, { ...projector, bypassCSP: true });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/a/${a.id}/screen?pageMs=1000`);
    await page.locator('.pj-live .pj-bar-row').first().waitFor();

    // The burst: 300 ballots at once, sampled every 50 ms until it has settled.
    await startSampling(page, '.pj-bar-row');
    const ballots = ballotsFor(ids, { plus: round.rules.plus, minus: round.rules.minus }, n);
    await Promise.all(phones.map((s, i) => must(s, 'ballot:submit', { roundId: round.id, ballotId: `burst-${n}-${i}`, plus: ballots[i]!.plus, minus: ballots[i]!.minus })));
    await page.getByTestId('pj-ballots').filter({ hasText: `${VOTERS} ballots` }).waitFor({ timeout: 15_000 });
    // Keep sampling past the settling (at least 40 samples, ~2 s; longer on a loaded machine).
    await page.waitForFunction(() => (window as unknown as { samples: number }).samples >= 40, undefined, { timeout: 30_000, polling: 100 });
    const sampled = await stopSampling(page);
    expect(sampled.samples).toBeGreaterThanOrEqual(40);
    expect(sampled.overlaps).toEqual([]);

    // Every proposal on some page of the list, and all on the map.
    expect((await idsOverPages(page, '.pj-bar-row', n)).size).toBe(n);
    expect(new Set(await page.locator('.pj-map-point').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id)))).toEqual(new Set(ids));
    const mapOverlaps = await page.locator('.pj-map-dot').evaluateAll((els) => {
      const c = els.map((e) => ({ x: Number(e.getAttribute('cx')), y: Number(e.getAttribute('cy')), r: Number(e.getAttribute('r')) }));
      let n = 0;
      for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) if (Math.hypot(c[i]!.x - c[j]!.x, c[i]!.y - c[j]!.y) < c[i]!.r + c[j]!.r - 0.5) n++;
      return n;
    });
    expect(mapOverlaps).toBe(0);
    if (n > 9) await page.getByTestId('pj-page').filter({ hasText: /Page \d of \d/ }).waitFor();
    expect(await page.getByText(/and \d+ more/).count()).toBe(0);
    expect(await smallText(page)).toEqual([]);
    expect(serious(await axeScan(page))).toEqual([]);
    await page.screenshot({ path: join(OUT, `projector-live-${n}.png`), animations: 'disabled' });

    // "Where we disagree" and the final results: the same checks.
    await setDisplay(server.url, a, 'disagree');
    await page.locator('.pj-disagree .pjd-row').first().waitFor();
    expect(await smallText(page)).toEqual([]);
    if (n === 22) await page.screenshot({ path: join(OUT, `projector-disagree-${n}.png`), animations: 'disabled' });

    await roundAction(server.url, a, round.id, 'close');
    await setDisplay(server.url, a, 'final');
    await page.locator('.pj-final .pj-final-row.status-winner').first().waitFor();
    expect((await idsOverPages(page, '.pj-final-list > li', n)).size).toBe(n);
    expect(await page.getByText(/and \d+ more/).count()).toBe(0);
    expect(await smallText(page)).toEqual([]);
    expect(serious(await axeScan(page))).toEqual([]);
    await page.screenshot({ path: join(OUT, `projector-final-${n}.png`), animations: 'disabled' });
    expect(errors).toEqual([]);
    for (const s of phones) s.disconnect();
  }, 180_000);
});
