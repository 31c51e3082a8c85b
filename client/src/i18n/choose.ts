import { useEffect } from 'react';
import { useStore } from 'zustand';
import { load, save } from '../lib/storage.ts';
import { SOURCE_LOCALE } from './catalogs.ts';
import { i18nStore, matchLocale, setLocale } from './i18n.ts';

/**
 * Who chooses the language, per screen (docs/i18n.md):
 * - phone: its own switch (remembered) › the browser's languages › the assembly's default;
 * - console and start page: their own switch (remembered) › the browser's languages;
 *   on both, a link's `?lang=` is taken as if the switch had been used (remembered,
 *   then removed from the address bar so the switch keeps working);
 * - projector: its link's `?lang=` › the assembly's default (each link its own language);
 * - kiosk (a shared tablet): the visitor's switch (memory only, forgotten with the
 *   visitor) › its link's `?lang=` (kept in the address) › as a phone;
 * - report and print views: `?lang=` › the console's choice › the assembly's default.
 */
export type Scope = 'phone' | 'kiosk' | 'console' | 'screen' | 'report';

/**
 * The kiosk visitor's own switch choice: held in memory, never in the
 * browser's storage (the kiosk keeps nothing of a visitor), and dropped
 * with the visitor (`forgetKioskLocale`).
 */
let kioskChoice: string | null = null;

const storageKey = (scope: 'phone' | 'console') => `d21:lang:${scope}`;

/** The first of the browser's preferred languages that has a catalog. */
export function browserLocale(): string | null {
  const tags = typeof navigator === 'undefined' ? [] : (navigator.languages?.length ? navigator.languages : [navigator.language]);
  for (const tag of tags) {
    const m = matchLocale(tag);
    if (m) return m;
  }
  return null;
}

function queryLocale(): string | null {
  return matchLocale(new URLSearchParams(window.location.search).get('lang'));
}

/** A language somebody picked for this screen (switch or link), or null. */
export function explicitLocale(scope: Scope): string | null {
  switch (scope) {
    case 'phone':
    case 'console':
      return matchLocale(load<string>(storageKey(scope)));
    case 'screen':
      return queryLocale();
    case 'kiosk':
      return kioskChoice ?? queryLocale();
    case 'report':
      return queryLocale() ?? matchLocale(load<string>(storageKey('console')));
  }
}

/** The language to start in, before the assembly's default is known. */
export function startLocale(scope: Scope): string {
  if (scope === 'phone' || scope === 'console') adoptLinkLocale(scope);
  const explicit = explicitLocale(scope);
  if (explicit) return explicit;
  if (scope === 'phone' || scope === 'kiosk' || scope === 'console') return browserLocale() ?? SOURCE_LOCALE;
  return SOURCE_LOCALE;
}

/** A `?lang=` on a phone or console link: remembered like the switch's choice, and taken out of the address. */
function adoptLinkLocale(scope: 'phone' | 'console'): void {
  const url = new URL(window.location.href);
  const picked = matchLocale(url.searchParams.get('lang'));
  if (!url.searchParams.has('lang')) return;
  if (picked) save(storageKey(scope), picked);
  url.searchParams.delete('lang');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

/** The language to use once the assembly's default (`assemblyLocale`) is known. */
export function settledLocale(scope: Scope, assemblyLocale: string | null | undefined): string {
  const explicit = explicitLocale(scope);
  if (explicit) return explicit;
  const assembly = matchLocale(assemblyLocale);
  if (scope === 'phone' || scope === 'kiosk') return browserLocale() ?? assembly ?? SOURCE_LOCALE;
  if (scope === 'console') return browserLocale() ?? SOURCE_LOCALE;
  return assembly ?? SOURCE_LOCALE;
}

/** Follows the assembly's default language where nobody chose one for this screen. */
export function useAssemblyLocale(scope: Scope, assemblyLocale: string | null | undefined): void {
  useEffect(() => {
    if (assemblyLocale === undefined) return;
    void setLocale(settledLocale(scope, assemblyLocale));
  }, [scope, assemblyLocale]);
}

/**
 * True once this screen shows the language it will keep (its settled
 * locale, catalog loaded). The projector shows no words before that, so a
 * Czech hall never sees an English flash while the assembly's default and
 * its catalog arrive.
 */
export function useLocaleSettled(scope: Scope, assemblyLocale: string | null | undefined): boolean {
  const locale = useStore(i18nStore, (s) => s.locale);
  return assemblyLocale !== undefined && locale === settledLocale(scope, assemblyLocale);
}

/** A screen with a visible language switch. */
export type SwitchScope = 'phone' | 'kiosk' | 'console';

/** The language switch of the phone or the console: remembered on this device; on a kiosk, for the current visitor only. */
export function chooseLocale(scope: SwitchScope, locale: string): Promise<void> {
  if (scope === 'kiosk') kioskChoice = locale;
  else save(storageKey(scope), locale);
  return setLocale(locale);
}

/** The kiosk's next visitor starts in the kiosk's language again (its link's `?lang=`, else as a phone), not the last visitor's. */
export function forgetKioskLocale(assemblyLocale: string | null | undefined): Promise<void> {
  kioskChoice = null;
  return setLocale(assemblyLocale === undefined ? startLocale('kiosk') : settledLocale('kiosk', assemblyLocale));
}
