import { LOCALES } from '../i18n/catalogs.ts';
import { chooseLocale, type SwitchScope } from '../i18n/choose.ts';
import { useI18n } from '../i18n/useI18n.ts';

/** A language's name in that language ("English", "Čeština"), from Intl: no list to maintain. */
export function nativeName(locale: string): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/**
 * The visible language switch of the phone, the kiosk and the console. Each option is
 * written in its own language (and tagged so), so anybody finds theirs.
 */
export function LanguageSwitch({ scope, className = 'lang-switch' }: { scope: SwitchScope; className?: string }) {
  const { t, locale } = useI18n();
  return (
    <label className={className}>
      <span className="sr-only">{t('language.label')}</span>
      <svg aria-hidden="true" className="lang-icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.7 3.5 5.7 3.5 9s-1 6.3-3.5 9c-2.5-2.7-3.5-5.7-3.5-9s1-6.3 3.5-9z" />
      </svg>
      <select value={locale} onChange={(e) => void chooseLocale(scope, e.target.value)} data-testid="language-switch">
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {nativeName(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
