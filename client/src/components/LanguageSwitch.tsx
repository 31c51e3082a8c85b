import { LOCALES } from '../i18n/catalogs.ts';
import { chooseLocale } from '../i18n/choose.ts';
import { useI18n } from '../i18n/useI18n.ts';

/** A language's name in that language ("English", "Čeština"), from Intl: no list to maintain. */
export function nativeName(locale: string): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/**
 * The visible language switch of the phone and the console. Each option is
 * written in its own language (and tagged so), so anybody finds theirs.
 */
export function LanguageSwitch({ scope, className = 'lang-switch' }: { scope: 'phone' | 'console'; className?: string }) {
  const { t, locale } = useI18n();
  return (
    <label className={className}>
      <span className="sr-only">{t('language.label')}</span>
      <span aria-hidden="true" className="lang-icon">
        🌐
      </span>
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
