import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { HTTP_STATUS } from '../../shared/protocol/errors.ts';
import type { BallotError } from '../../shared/domain/ballot.ts';
import type { Catalog } from '../../client/src/i18n/catalogs.ts';
import { LOCALES } from '../../client/src/i18n/catalogs.ts';
import cs from '../../client/src/i18n/locales/cs.json';
import en from '../../client/src/i18n/locales/en.json';

/**
 * The catalogs are complete and well-formed: `npm test` (and so CI) fails
 * when a message is missing, untranslated, broken ICU, or lacks a plural
 * form the language needs. The typed import below makes a missing Czech
 * message a tsc error too.
 */
const czech: Catalog = cs;

const dir = fileURLToPath(new URL('../../client/src/i18n/locales/', import.meta.url));
const catalogs: Record<string, Record<string, string>> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(dir + f, 'utf8')) as Record<string, string>]),
);

interface Shape {
  args: Set<string>;
  tags: Set<string>;
  plurals: { arg: string; ordinal: boolean; options: string[] }[];
}

function shape(message: string): Shape {
  const out: Shape = { args: new Set(), tags: new Set(), plurals: [] };
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) out.args.add(el.value);
      if (el.type === TYPE.tag) {
        out.tags.add(el.value);
        walk(el.children);
      }
      if (el.type === TYPE.select) {
        out.args.add(el.value);
        for (const o of Object.values(el.options)) walk(o.value);
      }
      if (el.type === TYPE.plural) {
        out.args.add(el.value);
        out.plurals.push({ arg: el.value, ordinal: el.pluralType === 'ordinal', options: Object.keys(el.options) });
        for (const o of Object.values(el.options)) walk(o.value);
      }
    }
  };
  walk(parse(message));
  return out;
}

// Same text in both languages on purpose (symbols, names, numbers).
const SAME_EVERYWHERE = new Set(['phone.send.counted', 'phone.code.quoted', 'console.round.extend', 'console.export.label']);

describe('message catalogs', () => {
  it('are discovered from the locales folder, English first', () => {
    expect(LOCALES[0]).toBe('en');
    expect([...LOCALES].sort()).toEqual(Object.keys(catalogs).sort());
    expect(LOCALES).toContain('cs');
  });

  it('every language has exactly the English ids', () => {
    expect(Object.keys(czech).length).toBe(Object.keys(en).length);
    for (const [locale, catalog] of Object.entries(catalogs)) {
      expect({ locale, missing: Object.keys(en).filter((k) => !(k in catalog)) }).toEqual({ locale, missing: [] });
      expect({ locale, extra: Object.keys(catalog).filter((k) => !(k in en)) }).toEqual({ locale, extra: [] });
    }
  });

  it('every message parses, with the same arguments and tags as English, and the plural forms its language needs', () => {
    const problems: string[] = [];
    for (const [locale, catalog] of Object.entries(catalogs)) {
      const cardinal = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const ordinal = new Intl.PluralRules(locale, { type: 'ordinal' }).resolvedOptions().pluralCategories;
      for (const [id, source] of Object.entries(en as Record<string, string>)) {
        const message = catalog[id];
        if (message === undefined) continue;
        let s: Shape;
        try {
          s = shape(message);
        } catch (e) {
          problems.push(`${locale} ${id}: ${(e as Error).message}`);
          continue;
        }
        const base = shape(source);
        if ([...base.args].sort().join() !== [...s.args].sort().join()) problems.push(`${locale} ${id}: arguments ${[...s.args]} ≠ ${[...base.args]}`);
        if ([...base.tags].sort().join() !== [...s.tags].sort().join()) problems.push(`${locale} ${id}: tags ${[...s.tags]} ≠ ${[...base.tags]}`);
        for (const p of s.plurals) {
          // `{n, plural, =1 {…} other {…}}` is a choice on an exact value, not on a plural form.
          if (p.options.every((o) => o === 'other' || o.startsWith('='))) continue;
          const needed = p.ordinal ? ordinal : cardinal;
          const lacking = needed.filter((c) => !p.options.includes(c));
          if (lacking.length) problems.push(`${locale} ${id}: plural {${p.arg}} lacks ${lacking.join(', ')}`);
        }
        if (locale !== 'en' && message === source && /[a-z]{3}/i.test(source) && !SAME_EVERYWHERE.has(id)) problems.push(`${locale} ${id}: not translated`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has a message for every server error code and every ballot rule code', () => {
    for (const code of Object.keys(HTTP_STATUS)) expect(en).toHaveProperty([`error.${code}`]);
    const ballotCodes: BallotError[] = ['TOO_MANY_PLUS', 'TOO_MANY_MINUS', 'MINUS_NEEDS_PLUS', 'UNKNOWN_OPTION', 'DUPLICATE_OPTION', 'PLUS_AND_MINUS'];
    for (const code of ballotCodes) expect(en).toHaveProperty([`ballot.error.${code}`]);
  });

  it('every message is used: its id appears in the client, or under a prefix the client builds ids from', () => {
    // A message nobody renders is a translation nobody checks; it rots.
    const source = sourceFiles(fileURLToPath(new URL('../../client/src/', import.meta.url)))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    // Ids built at run time: t(`error.${code}`) and the like.
    const prefixes = [...source.matchAll(/`([a-z][A-Za-z0-9.]*\.)\$\{/g)].map((m) => m[1]!);
    expect(prefixes).toContain('error.');
    const unused = Object.keys(en).filter((id) => !prefixes.some((p) => id.startsWith(p)) && !['"', "'", '`'].some((q) => source.includes(q + id + q)));
    expect(unused).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(`${dir}${e.name}/`) : /\.tsx?$/.test(e.name) ? [`${dir}${e.name}`] : [],
  );
}
