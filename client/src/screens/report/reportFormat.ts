import type { Report } from '../../../../shared/protocol/views.ts';
import { fmt } from '../../i18n/format.ts';

/**
 * The report's formatting in its language (i18n/format.ts), with money in
 * the assembly's currency and the assembly's language as the tag of the
 * facilitator's texts; set once the report has loaded.
 */
let assembly: Pick<Report['assembly'], 'language' | 'currency'> | null = null;

export function setReportAssembly(a: Pick<Report['assembly'], 'language' | 'currency'>): void {
  assembly = a;
}

export const reportFormat = {
  when: (ms: number) => fmt().dateTime(ms),
  amount: (n: number) => fmt().money(n, assembly?.currency ?? null),
  percent: (share: number) => fmt().percent(share),
  signed: (n: number) => fmt().signed(n),
  fixed2: (n: number) => fmt().fixed(n, 2),
  list: (items: string[]) => items.join('; '),
  currency: () => assembly?.currency ?? null,
  lang: () => assembly?.language,
};
