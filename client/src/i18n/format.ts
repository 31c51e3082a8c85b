import type { IntlShape } from 'react-intl';
import { i18nStore } from './i18n.ts';

/**
 * Locale formatting, all through `Intl` (via FormatJS): money in the
 * assembly's currency, percentages, signed nets, dates and countdowns.
 * `formatters(intl)` binds them to one language; the bare functions use
 * the current one (for stores and tests).
 */
export interface Formatters {
  /** 1250000 → "1,250,000" (en) / "1 250 000" (cs). */
  number: (n: number) => string;
  /** Exactly `digits` decimals: 0.5 → "0.50" (en) / "0,50" (cs). */
  fixed: (n: number, digits: number) => string;
  /** Whole units of `currency` (ISO 4217); a plain number when the assembly has none. "1 250 000 Kč", "$1,250,000". */
  money: (n: number, currency: string | null | undefined) => string;
  /** Short money for tight spots: "1.3M Kč" / "1,3 mil. Kč". */
  compactMoney: (n: number, currency: string | null | undefined) => string;
  /** A share 0..1 as a whole percentage; "<1%" for a small non-zero share. */
  percent: (share: number) => string;
  /** A net with its sign: "+3", "−2", "0". */
  signed: (n: number) => string;
  /** Date and time of an epoch-ms instant, medium date + short time. */
  dateTime: (ms: number) => string;
  /** Time of day of an epoch-ms instant. */
  time: (ms: number) => string;
  /** A countdown, m:ss or h:mm:ss, rounded up to the second. */
  clock: (ms: number) => string;
  /** "a, b and c" in the language's own way. */
  list: (items: string[]) => string;
  /** "a, b or c" in the language's own way. */
  orList: (items: string[]) => string;
}

export function formatters(intl: IntlShape): Formatters {
  const two = (n: number) => intl.formatNumber(n, { minimumIntegerDigits: 2, useGrouping: false });
  const percent = (share: number) => intl.formatNumber(share, { style: 'percent', maximumFractionDigits: 0 });
  return {
    number: (n) => intl.formatNumber(n),
    fixed: (n, digits) => intl.formatNumber(n, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    money: (n, currency) =>
      currency
        ? intl.formatNumber(n, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0, minimumFractionDigits: 0 })
        : intl.formatNumber(n, { maximumFractionDigits: 0 }),
    compactMoney: (n, currency) =>
      intl.formatNumber(n, {
        notation: 'compact',
        maximumFractionDigits: 1,
        ...(currency ? { style: 'currency', currency, currencyDisplay: 'narrowSymbol' } : {}),
      }),
    percent: (share) => (share > 0 && share < 0.005 ? `<${percent(0.01)}` : percent(share)),
    // U+2212 for the minus: the typographic sign reads better on a projector than a hyphen.
    signed: (n) => intl.formatNumber(n, { signDisplay: 'exceptZero' }).replace('-', '−'),
    dateTime: (ms) => intl.formatDate(ms, { dateStyle: 'medium', timeStyle: 'short' }),
    time: (ms) => intl.formatTime(ms, { timeStyle: 'short' }),
    clock: (ms) => {
      const total = Math.max(0, Math.ceil(ms / 1000));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = total % 60;
      const head = h > 0 ? `${intl.formatNumber(h)}:${two(m)}` : intl.formatNumber(m, { useGrouping: false });
      return `${head}:${two(s)}`;
    },
    list: (items) => intl.formatList(items, { type: 'conjunction' }),
    orList: (items) => intl.formatList(items, { type: 'disjunction' }),
  };
}

/** The formatters of the current language, for code outside React. */
export function fmt(): Formatters {
  return formatters(i18nStore.getState().intl);
}
