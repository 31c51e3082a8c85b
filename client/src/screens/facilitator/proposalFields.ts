/** Shared by the proposal panels: cost fields (format and parse) and the assembly's language and money formatting. */
import { LIMITS } from '../../../../shared/protocol/schemas.ts';
import { parseAmount } from '../../../../shared/domain/index.ts';
import { t as translate } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { useFacilitatorStore } from './store.ts';

/** Cost-field text: grouped digits in the page's language, no currency symbol (parseAmount reads it back). */
export const plainAmount = (n: number) => new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 0 }).format(n);

/** The assembly's language and money formatting, for the panels here. */
export function useAssemblyFormat() {
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const currency = useFacilitatorStore((s) => s.assembly?.settings.currency ?? null);
  const i = useI18n();
  return { ...i, lang, amount: (n: number) => i.money(n, currency) };
}

/** Parses a cost field: empty = no cost; thousands separators allowed (shared/domain parseAmount). */
export function parseCost(text: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const n = parseAmount(text);
  if (n === null) return { ok: true, value: null };
  if (!Number.isInteger(n) || n < 0 || n > LIMITS.costMax) return { ok: false, message: translate('console.proposals.costWhole') };
  return { ok: true, value: n };
}

/** The add and edit forms' fields checked as the server will: trimmed text and the cost, or the message to show. */
export function readProposalForm(title: string, description: string, cost: string): { ok: true; value: { title: string; description: string; cost: number | null } } | { ok: false; message: string } {
  const c = parseCost(cost);
  if (!c.ok) return c;
  if (!title.trim()) return { ok: false, message: translate('console.proposals.needsTitle') };
  return { ok: true, value: { title: title.trim(), description: description.trim(), cost: c.value } };
}
