/** The report's summary lines: what each vote decided, and what is referred onward. */
import type { Report, ReportRound } from '../../../../shared/protocol/views.ts';
import { t } from '../../i18n/i18n.ts';
import { reportFormat as rf } from './reportFormat.ts';

const { amount, list } = rf;

/** One vote's outcome in a line: winners, a tie at the cut, or the money funded and left. */
export function outcome(r: ReportRound, title: (id: string) => string): string {
  if (!r.results) return r.round.status === 'open' ? t('report.outcome.hidden') : '—';
  const b = r.results.budget;
  if (b) return t('report.outcome.budget', { n: b.funded.length, left: amount(b.left) });
  const w = r.results.winners.map(title);
  const open = r.round.status === 'open' ? ` ${t('report.outcome.open')}` : '';
  if (r.results.tiedAtCut.length > 0) return `${w.length ? `${list(w)}; ` : ''}${t('report.outcome.tie')}${open}`;
  return `${list(w)}${open}`;
}

export function Referred({ referred, r, title, costs }: { referred: NonNullable<Report['referred']>; r: ReportRound; title: (id: string) => string; costs: Record<string, number | null> }) {
  const budget = r.results?.budget;
  return (
    <section className="referred" aria-labelledby="referred-h">
      <h2 id="referred-h">{t(budget ? 'report.funded' : 'report.referred')}</h2>
      <p className="note">
        {budget
          ? t('report.referred.budget', { n: r.round.seq, budget: amount(budget.budget) })
          : referred.proposalIds.length === 0
            ? t('report.referred.none', { n: r.round.seq })
            : t('report.referred.winners', { count: referred.proposalIds.length, n: r.round.seq })}
      </p>
      {referred.proposalIds.length === 0 && !budget ? null : <ol>
        {referred.proposalIds.map((id) => (
          <li key={id}>
            <span lang={rf.lang()}>{title(id)}</span>
            {budget ? <span className="cost"> {amount(costs[id] ?? 0)}</span> : null}
          </li>
        ))}
      </ol>}
      {budget ? (
        <p className="money">
          {t('report.allocated', { spent: amount(budget.spent) })} · <strong>{t('report.left', { left: amount(budget.left) })}</strong>
          {budget.unfunded.length > 0 ? ` · ${t('report.notFunded', { titles: list(budget.unfunded.map(title)) })}` : ''}
        </p>
      ) : null}
      {referred.tiedAtCut.length > 0 ? (
        <p className="tie-line">
          <span className="badge tie">{t('projector.final.tieBadge')}</span>{' '}
          {t(budget ? 'report.tie.budget' : 'report.tie.cut', { titles: list(referred.tiedAtCut.map(title)) })}
        </p>
      ) : null}
    </section>
  );
}
