import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Page } from 'playwright-core';
import cs from '../../client/src/i18n/locales/cs.json';
import en from '../../client/src/i18n/locales/en.json';

/**
 * "No English leftovers" for e2e runs in another language: the literal
 * pieces of every English message (split at arguments and tags) that do not
 * also occur in the Czech catalog, plus common English words. A visible
 * text node or accessible name containing one is English on a Czech page.
 */
function literals(els: MessageFormatElement[], out: string[]): void {
  let run = '';
  const flush = () => {
    if (run.trim()) out.push(run.trim());
    run = '';
  };
  for (const el of els) {
    if (el.type === TYPE.literal) run += el.value;
    else {
      flush();
      if (el.type === TYPE.tag) literals(el.children, out);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) literals(o.value, out);
    }
  }
  flush();
}

function pieces(catalog: Record<string, string>): string[] {
  const out: string[] = [];
  for (const m of Object.values(catalog)) literals(parse(m), out);
  return out;
}

const czechText = pieces(cs).join('\n');
/** English catalog pieces of at least one real word that never appear in Czech. */
export const ENGLISH_PIECES = [...new Set(pieces(en))]
  .map((p) => p.replace(/^[\s.,:;()“”"'–—·…✓]+|[\s.,:;()“”"'–—·…✓]+$/g, ''))
  .filter((p) => /[A-Za-z]{3,}/.test(p) && !czechText.includes(p));

const ENGLISH_WORDS = ['the', 'and', 'your', 'you', 'vote', 'votes', 'voting', 'ballot', 'ballots', 'proposal', 'proposals', 'round', 'results', 'plus', 'minus', 'waiting', 'closed', 'open', 'send', 'left', 'turnout', 'winner', 'winners', 'loading', 'connecting'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pieceRes = ENGLISH_PIECES.map((p) => ({ p, re: new RegExp(`(^|[^\\p{L}])${escape(p)}($|[^\\p{L}])`, 'u') }));
const wordRe = new RegExp(`(^|[^\\p{L}])(${ENGLISH_WORDS.join('|')})($|[^\\p{L}])`, 'iu');

/** Visible text nodes and accessible labels/placeholders of the page. */
export async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.replace(/\s+/g, ' ').trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script,style,noscript')) continue;
      // Visible text, and screen-reader-only text (clipped, but in the accessibility tree).
      if (el.checkVisibility() || el.closest('.sr-only')) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label],[placeholder],[title],[alt]')) {
      for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(a);
        if (v?.trim()) out.push(v.trim());
      }
    }
    out.push(document.title);
    return out;
  });
}

/** The page's texts that look English (allowing `allowed` substrings: test data, names). */
export async function englishLeftovers(page: Page, allowed: string[] = []): Promise<string[]> {
  const found: string[] = [];
  for (const raw of await pageTexts(page)) {
    let text = raw;
    for (const a of allowed) text = text.split(a).join(' ');
    const piece = pieceRes.find(({ re }) => re.test(text));
    if (piece) found.push(`${raw}  ⟵ “${piece.p}”`);
    else if (wordRe.test(text)) found.push(`${raw}  ⟵ English word`);
  }
  return found;
}
