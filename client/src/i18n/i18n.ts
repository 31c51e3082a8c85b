import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { createStore } from 'zustand/vanilla';
import { LOCALES, SOURCE_LOCALE, loadCatalog, sourceCatalog, type MessageId } from './catalogs.ts';

/**
 * The client's current language, framework-free: stores and components
 * both call `t()`; React components subscribe through `useI18n()`.
 * Messages are ICU MessageFormat (plural, select, number), formatted by
 * FormatJS on top of `Intl` — no hand-written plural or number logic.
 */

export type Values = Record<string, string | number | Date | null | undefined>;

export interface I18nState {
  /** BCP 47 tag of the catalog in use ('en', 'cs'). */
  locale: string;
  intl: IntlShape;
}

const cache = createIntlCache();

function makeIntl(locale: string, messages: Record<string, string>): IntlShape {
  return createIntl(
    {
      locale,
      defaultLocale: SOURCE_LOCALE,
      messages,
      onError: (e) => {
        // A missing id cannot pass tsc; a broken message fails tests/unit/catalogs. Say it loudly in development only.
        if (import.meta.env.DEV) console.warn(e.message);
      },
    },
    cache,
  );
}

export const i18nStore = createStore<I18nState>(() => ({ locale: SOURCE_LOCALE, intl: makeIntl(SOURCE_LOCALE, sourceCatalog) }));

/** Closest available catalog for a BCP 47 tag ('cs-CZ' → 'cs'), or null. */
export function matchLocale(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  return LOCALES.find((l) => l.toLowerCase() === lower) ?? LOCALES.find((l) => l === lower.split('-')[0]) ?? null;
}

let wanted = SOURCE_LOCALE;

/** Switches the language (loading its catalog) and keeps `<html lang>` equal to it. */
export async function setLocale(tag: string): Promise<void> {
  const locale = matchLocale(tag) ?? SOURCE_LOCALE;
  wanted = locale;
  if (i18nStore.getState().locale === locale) return syncHtmlLang(locale);
  const messages = await loadCatalog(locale);
  if (wanted !== locale) return; // a later switch won
  i18nStore.setState({ locale, intl: makeIntl(locale, messages) });
  syncHtmlLang(locale);
}

function syncHtmlLang(locale: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** A message in the current language; `values` fill its ICU arguments. */
export function t(id: MessageId, values?: Values): string {
  return i18nStore.getState().intl.formatMessage({ id }, values);
}

/** The current language's tag. */
export function currentLocale(): string {
  return i18nStore.getState().locale;
}
