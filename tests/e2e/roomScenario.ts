import type { Page } from 'playwright-core';
import type { ProposalView } from '../../shared/protocol/views.ts';
import { rest } from '../support/server.ts';

/**
 * `n` proposals through the CSV import, as the facilitator of a large
 * assembly adds them: "Proposal 7: street trees"; with `cost`, proposal i
 * costs i × 1 000.
 */
export async function importMany(url: string, a: { id: string; token: string }, n: number, cost = false): Promise<ProposalView[]> {
  const topics = ['park benches', 'bike lanes', 'library hours', 'street trees', 'youth club'];
  const rows = Array.from({ length: n }, (_, i) => `Proposal ${i + 1}: ${topics[i % 5]}${cost ? `,,${(i + 1) * 1000}` : ''}`);
  const csv = [cost ? 'title,description,cost' : 'title', ...rows].join('\n');
  const r = await rest<ProposalView[]>(url, 'POST', `/api/assemblies/${a.id}/proposals/import`, { token: a.token, csv });
  if (!r.body.ok) throw new Error(r.body.error.message);
  return r.body.data;
}

/** Every visible text on the screen (HTML and SVG) with its computed font size in CSS px. */
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
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 31.9) small.push(`${size.toFixed(1)}px "${text.slice(0, 40)}" <${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`);
    }
    return small;
  });
}
