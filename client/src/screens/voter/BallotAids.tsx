import { useI18n } from '../../i18n/useI18n.ts';
import { useVoterStore } from './store.ts';
import './ballot-aids.css';

/** Ballots this long get a search field and a "my choices" summary (22 proposals are ~7 screens on a phone). */
export const LONG_BALLOT = 10;

/**
 * Budget rounds: the budget and the running total of the projects this
 * phone supports, sticky under the counters. Informative only: D21 budget
 * counting funds projects down the ranking, so a ballot over the budget is
 * still valid (d21-method §5).
 */
export function BudgetTotal() {
  const budget = useVoterStore((s) => s.current?.round.budget ?? null);
  const total = useVoterStore((s) => s.draft.plus.reduce((sum, id) => sum + (s.current?.proposals.find((p) => p.id === id)?.cost ?? 0), 0));
  const currency = useVoterStore((s) => s.assembly?.currency ?? null);
  const { t, rich, money } = useI18n();
  const amount = (n: number) => money(n, currency);
  if (budget === null) return null;
  const over = total - budget;
  return (
    <p className={`v-budget${over > 0 ? ' over' : ''}`} data-testid="budget-total" aria-live="polite">
      <span>{rich('phone.budget.budget', { amount: amount(budget) })}</span>
      <span>{rich('phone.budget.chosen', { amount: amount(total) })}</span>
      <span className="v-budget-left">{over > 0 ? t('phone.budget.over', { amount: amount(over) }) : t('phone.budget.left', { amount: amount(-over) })}</span>
    </p>
  );
}

/** Search over titles and descriptions: hides the cards that do not match (no vote is lost). */
export function BallotSearch({ query, onQuery, shown, total }: { query: string; onQuery: (q: string) => void; shown: number; total: number }) {
  const { t } = useI18n();
  return (
    <div className="v-search">
      <label htmlFor="ballot-search">{t('phone.search.label')}</label>
      <input id="ballot-search" type="search" value={query} onChange={(e) => onQuery(e.target.value)} placeholder={t('phone.search.placeholder')} autoComplete="off" />
      {query.trim() ? (
        <p className="muted small" aria-live="polite">
          {t('phone.search.shown', { shown, total })}{' '}
          <button type="button" className="link-btn" onClick={() => onQuery('')}>
            {t('phone.search.all')}
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** Whether a proposal matches every word of the search (case-insensitive, titles and descriptions). */
export function matches(p: { title: string; description: string }, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${p.title} ${p.description}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** "My choices": what this ballot says, in words, before sending; each line jumps to its card. */
export function MyChoices() {
  const draft = useVoterStore((s) => s.draft);
  const proposals = useVoterStore((s) => s.current?.proposals);
  const lang = useVoterStore((s) => s.assembly?.language);
  const { t } = useI18n();
  const title = (id: string) => proposals?.find((p) => p.id === id)?.title ?? '';
  const chosen = [...draft.plus.map((id) => ({ id, kind: 'plus' as const, title: title(id) })), ...draft.minus.map((id) => ({ id, kind: 'minus' as const, title: title(id) }))];
  const plus = chosen.filter((c) => c.kind === 'plus');
  const minus = chosen.filter((c) => c.kind === 'minus');
  const jump = (id: string) => {
    const el = document.getElementById(`p-${id}`);
    el?.scrollIntoView({ block: 'center' });
    el?.closest('li')?.querySelector<HTMLButtonElement>('.vote-btn')?.focus();
  };
  const line = (c: (typeof chosen)[number]) => (
    <li key={c.id}>
      <button type="button" className="link-btn" lang={lang} onClick={() => jump(c.id)}>
        {c.title}
      </button>
    </li>
  );
  return (
    <section className="v-mine" id="my-choices" aria-labelledby="my-choices-h" data-testid="my-choices">
      <h2 id="my-choices-h">{t('phone.myChoices')}</h2>
      {chosen.length === 0 ? <p className="muted">{t('phone.myChoices.none')}</p> : null}
      {plus.length > 0 ? (
        <>
          <h3 className="v-mine-plus">{t('phone.myChoices.for', { n: plus.length })}</h3>
          <ul>{plus.map(line)}</ul>
        </>
      ) : null}
      {minus.length > 0 ? (
        <>
          <h3 className="v-mine-minus">{t('phone.myChoices.against', { n: minus.length })}</h3>
          <ul>{minus.map(line)}</ul>
        </>
      ) : null}
    </section>
  );
}
