import { useId, useState } from 'react';
import { nativeName } from '../../components/LanguageSwitch.tsx';
import { FormError } from '../../components/FormError.tsx';
import { LOCALES } from '../../i18n/catalogs.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { command, useFacilitatorStore } from './store.ts';

/** Currencies offered for costs and budgets; any ISO 4217 code works through the API. */
const CURRENCIES = ['CZK', 'EUR', 'USD', 'GBP', 'PLN', 'CHF'];

/**
 * The assembly's language and currency: the default language of phones
 * whose browser has no catalog, of projector links without ?lang=, and the
 * language tag of the facilitator's own text; the currency of costs and
 * budgets on every screen (docs/i18n.md).
 */
export function AssemblySettingsPanel() {
  const language = useFacilitatorStore((s) => s.assembly?.settings.language ?? 'en');
  const currency = useFacilitatorStore((s) => s.assembly?.settings.currency ?? null);
  const { t, money } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const save = async (patch: { language?: string; currency?: string | null }) => {
    const r = await command('assembly:update', patch);
    setError(r.ok ? null : r.error.message);
  };
  const currencyName = (code: string) => new Intl.DisplayNames([language], { type: 'currency' }).of(code) ?? code;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('console.settings.title')}</h2>
      <div className="stack">
        <label htmlFor={`${id}-lang`}>{t('console.settings.language')}</label>
        <select id={`${id}-lang`} value={language} onChange={(e) => void save({ language: e.target.value })} aria-describedby={`${id}-lang-hint`}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {nativeName(l)}
            </option>
          ))}
        </select>
        <p id={`${id}-lang-hint`} className="muted small">
          {t('console.settings.languageHint')}
        </p>
        <label htmlFor={`${id}-cur`}>{t('console.settings.currency')}</label>
        <select id={`${id}-cur`} value={currency ?? ''} onChange={(e) => void save({ currency: e.target.value || null })} aria-describedby={`${id}-cur-hint`}>
          <option value="">{t('console.settings.noCurrency')}</option>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c} · {currencyName(c)}
            </option>
          ))}
        </select>
        <p id={`${id}-cur-hint`} className="muted small">
          {t('console.settings.currencyHint', { example: money(1_250_000, currency) })}
        </p>
      </div>
      <FormError message={error} />
    </section>
  );
}
