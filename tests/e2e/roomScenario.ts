import type { Page } from 'playwright-core';
import type { ProposalView } from '../../shared/protocol/views.ts';
import { connect, must, rest, type TestSocket } from '../support/server.ts';
import { axeScan, serious } from '../support/browser.ts';

/** The size of the room in issue 13: 300 phones. */
export const VOTERS = 300;

/**
 * `n` proposals through the CSV import, as the facilitator of a large
 * assembly adds them: "Proposal 7: street trees"; with `cost`, proposal i
 * costs i × 1 000.
 */
export async function importMany(url: string, a: { id: string; token: string }, n: number, cost = false): Promise<ProposalView[]> {
  const topics = ['park benches', 'bike lanes', 'library hours', 'street trees', 'youth club'];
  const rows = Array.from({ length: n }, (_, i) => `Proposal ${i + 1}: ${topics[i % 5]}${cost ? `,,${(i + 1) * 1000}` : ''}`);
  return importRows(url, a, rows, cost);
}

/** Rows of an import CSV (already quoted where needed): title, or title,,cost. */
export async function importRows(url: string, a: { id: string; token: string }, rows: string[], cost: boolean): Promise<ProposalView[]> {
  const csv = [cost ? 'title,description,cost' : 'title', ...rows].join('\n');
  const r = await rest<ProposalView[]>(url, 'POST', `/api/assemblies/${a.id}/proposals/import`, { token: a.token, csv });
  if (!r.body.ok) throw new Error(r.body.error.message);
  return r.body.data;
}

/** `n` phones on sockets from the test process, joined in parallel batches of 50. */
export async function voters(url: string, assemblyId: string, n = VOTERS): Promise<TestSocket[]> {
  const out: TestSocket[] = [];
  for (let i = 0; i < n; i += 50) {
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, n - i) }, async () => {
          const s = await connect(url);
          await must(s, 'session:join', { assemblyId, role: 'voter' });
          return s;
        }),
      )),
    );
  }
  return out;
}

/**
 * One ballot per voter from a seeded generator: three camps of voters, each
 * with its own favourites (a popular head and a long tail in its own order),
 * so the room forms opinion groups as a real one does.
 */
export function ballotsFor(ids: string[], rules: { plus: number; minus: number }, seed: number, count = VOTERS): { plus: string[]; minus: string[] }[] {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return Array.from({ length: count }, (_, v) => {
    const shift = Math.floor(((v % 3) * ids.length) / 3);
    const pool = [...ids.slice(shift), ...ids.slice(0, shift)];
    const pick = () => pool.splice(Math.floor(Math.pow(rnd(), 2) * pool.length), 1)[0]!;
    const plus = Array.from({ length: Math.min(ids.length - 1, Math.max(1, rules.plus - Math.floor(rnd() * 2))) }, pick);
    const minus = rules.minus > 0 && plus.length >= 2 && rnd() < 0.7 ? [pool.splice(pool.length - 1 - Math.floor(rnd() * 3), 1)[0]!] : [];
    return { plus, minus };
  });
}

/** Every phone sends its ballot at once (a burst, as when a round opens). */
export async function burst(phones: TestSocket[], roundId: string, ids: string[], rules: { plus: number; minus: number }, seed: number): Promise<void> {
  const ballots = ballotsFor(ids, rules, seed, phones.length);
  await Promise.all(phones.map((s, i) => must(s, 'ballot:submit', { roundId, ballotId: `burst-${seed}-${i}`, plus: ballots[i]!.plus, minus: ballots[i]!.minus })));
}

/** Starts sampling every 50 ms the boxes of the rows matching `selector`, recording every pair that overlaps. */
export async function startSampling(page: Page, selector: string): Promise<void> {
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

export async function stopSampling(page: Page): Promise<{ samples: number; overlaps: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { samples: number; overlaps: string[]; sampler: number };
    clearInterval(w.sampler);
    return { samples: w.samples, overlaps: w.overlaps };
  });
}

/** Waits until every id has appeared on some page of the list (the screen's link turns pages every second). */
export async function idsOverPages(page: Page, selector: string, expected: number): Promise<Set<string>> {
  const seen = new Set<string>();
  const until = Date.now() + 30_000;
  while (seen.size < expected && Date.now() < until) {
    for (const id of await page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id ?? ''))) seen.add(id);
    await page.waitForTimeout(250);
  }
  return seen;
}

/** Every visible text on the screen (HTML and SVG) shown under 32 CSS px, with its size. */
export async function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue; // screen-reader-only text
      // SVG text is sized in the drawing's units: scale by how large the drawing is shown.
      const scale = el instanceof SVGGraphicsElement ? Math.abs(el.getScreenCTM()?.a ?? 1) : 1;
      const size = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (size < 31.9) small.push(`${size.toFixed(1)}px "${text.slice(0, 40)}" <${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`);
    }
    return small;
  });
}

/** The projector page fits its viewport: no scrollbar, nothing pushed off the screen. */
export async function overflowsScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth);
}

/**
 * Texts drawn over each other: every visible text node's box (clipped by
 * its ancestors that hide overflow, as an ellipsis does), pairwise.
 * Catches rows squeezed below their text's height and banners running
 * into the list, which the rows' own boxes do not show.
 */
export async function textOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes: { node: number; text: string; r: { l: number; t: number; r: number; b: number } }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      node++;
      if (!text || !el || el.closest('.sr-only')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const rr of range.getClientRects()) {
        // The ink of a line lies within the middle of its box (ascent and descent are padding).
        const pad = rr.height * 0.15;
        const r = { l: rr.left, t: rr.top + pad, r: rr.right, b: rr.bottom - pad };
        for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
            const ar = a.getBoundingClientRect();
            r.l = Math.max(r.l, ar.left);
            r.t = Math.max(r.t, ar.top);
            r.r = Math.min(r.r, ar.right);
            r.b = Math.min(r.b, ar.bottom);
          }
        }
        if (r.r - r.l > 1 && r.b - r.t > 1) boxes.push({ node, text: text.slice(0, 30), r });
      }
    }
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        // An ellipsis splits one text into fragments: only different texts count.
        if (boxes[i]!.node === boxes[j]!.node) continue;
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        // Line boxes of neighbouring rows may touch: overlap counts from 4 px.
        if (Math.min(a.r, b.r) - Math.max(a.l, b.l) > 4 && Math.min(a.b, b.b) - Math.max(a.t, b.t) > 4) out.push(`"${boxes[i]!.text}" × "${boxes[j]!.text}"`);
      }
    }
    return out;
  });
}

/** What every projector view must pass (issue 13): text ≥ 32 px, nothing off the 1920×1080 screen, no text over other text, no "… and N more", axe clean. */
export async function viewProblems(page: Page, view: string): Promise<string[]> {
  const problems = (await smallText(page)).map((s) => `${view}: text under 32 px: ${s}`);
  if (await overflowsScreen(page)) problems.push(`${view}: the page overflows 1920×1080`);
  problems.push(...(await textOverlaps(page)).map((o) => `${view}: texts over each other: ${o}`));
  if (await page.getByText(/and \d+ more/).count()) problems.push(`${view}: "… and N more"`);
  problems.push(...serious(await axeScan(page)).map((v) => `${view}: axe ${v.id}: ${v.nodes.join(', ')}`));
  return problems;
}

