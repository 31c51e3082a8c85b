import en from './locales/en.json';

/**
 * The message catalogs: one JSON file per language in ./locales, named by
 * its BCP 47 tag (en.json, cs.json). English is the source catalog and is
 * bundled; the others load on demand, so a phone downloads one language.
 * Adding a language is adding a file here (docs/i18n.md).
 */

/** Every message id, from the English catalog: a typo in `t('…')` fails tsc. */
export type MessageId = keyof typeof en;
export type Catalog = Record<MessageId, string>;

export const SOURCE_LOCALE = 'en';
export const sourceCatalog: Catalog = en;

const lazy = import.meta.glob<{ default: Partial<Catalog> }>(['./locales/*.json', '!./locales/en.json']);

/** The language tags with a catalog, English first. */
export const LOCALES: readonly string[] = [
  SOURCE_LOCALE,
  ...Object.keys(lazy)
    .map((path) => /([^/]+)\.json$/.exec(path)![1]!)
    .sort(),
];

/**
 * The catalog for `locale` over the English one (a message not yet
 * translated shows in English rather than as an id; tests/unit/catalogs
 * fails the build when one is missing).
 */
export async function loadCatalog(locale: string): Promise<Catalog> {
  if (locale === SOURCE_LOCALE) return en;
  const load = lazy[`./locales/${locale}.json`];
  if (!load) return en;
  const mod = await load();
  return { ...en, ...mod.default };
}
