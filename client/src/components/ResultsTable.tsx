import type { RoundResults } from '../../../shared/domain/index.ts';
import { excludedBecause, exclusionRulesText, potLines, tieBreakText } from '../lib/practiceText.ts';
import './practice.css';
import { useI18n } from '../i18n/useI18n.ts';

/**
 * The full results of a round: ranks (ties share one), raw counts, the
 * shares of voters and the indices, winners and ties at the cut line, and
 * for budget rounds which proposals are funded, the money left after each
 * line and at the end. Plus-only rounds (NYC) drop the minus columns, which
 * would be all zeros.
 */
export function ResultsTable({
  results,
  titles,
  caption,
  plusOnly = false,
  currency = null,
  lang,
}: {
  results: RoundResults;
  titles: Record<string, string>;
  caption: string;
  plusOnly?: boolean;
  /** The assembly's ISO 4217 currency for costs (null: plain numbers). */
  currency?: string | null;
  /** The language of the proposal titles (the assembly's). */
  lang?: string | undefined;
}) {
  const { t, rich, percent, signed, money, number, fixed } = useI18n();
  const amount = (n: number) => money(n, currency);
  const budget = results.budget;
  const fixed2 = (n: number) => fixed(n, 2);
  const lines = new Map(budget?.lines.map((l) => [l.id, l]) ?? []);
  const pots = results.pots ?? null;
  const potName = (id: string) => pots?.find((p) => p.id === lines.get(id)?.pot)?.label ?? '';
  const tieWords = tieBreakText(results.tieBreak, titles);
  const rulesWords = exclusionRulesText(results.exclusion);
  return (
    <div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('results.tableLabel', { caption })}>
        <table className={`results-table${budget ? ' budget' : ''}`}>
          <caption>
            {caption} {t('results.basedOn', { ballots: results.ballots, empty: results.abstentions })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('results.rank')}</th>
              <th scope="col">{t('results.proposal')}</th>
              <th scope="col" className="num">
                {t('results.plus')}{' '}
                <abbr className="share" title={t('results.supportTitle')}>
                  {t('results.support')}
                </abbr>
              </th>
              {plusOnly ? null : (
                <th scope="col" className="num">
                  {t('results.minus')}{' '}
                  <abbr className="share" title={t('results.oppositionTitle')}>
                    {t('results.opposition')}
                  </abbr>
                </th>
              )}
              <th scope="col" className="num">
                {t('results.net')}
              </th>
              {plusOnly ? null : (
                <>
                  <th scope="col" className="num">
                    <abbr title={t('results.consensusTitle')}>{t('results.consensus')}</abbr>
                  </th>
                  <th scope="col" className="num">
                    <abbr title={t('results.polarisationTitle')}>{t('results.polarisation')}</abbr>
                  </th>
                </>
              )}
              {budget ? (
                <>
                  <th scope="col" className="num">
                    {t('results.cost')}
                  </th>
                  <th scope="col" className="num">
                    {t('results.leftAfter')}
                  </th>
                  {pots ? <th scope="col">{t('results.pot')}</th> : null}
                  <th scope="col">{t('results.budget')}</th>
                </>
              ) : (
                <th scope="col">{t('results.outcome')}</th>
              )}
            </tr>
          </thead>
          <tbody>
            {results.options.map((o) => {
              const line = lines.get(o.id);
              const rowClass = o.status === 'excluded' ? 'status-excluded' : budget ? (line?.funded ? 'status-funded' : 'status-unfunded') : `status-${o.status}`;
              return (
                <tr key={o.id} className={rowClass}>
                  <td>{o.rank}</td>
                  <th scope="row" lang={titles[o.id] ? lang : undefined}>
                    {titles[o.id] ?? t('results.deleted')}
                  </th>
                  <td className="num plus-text">
                    {number(o.plus)} <span className="share">{percent(o.support)}</span>
                  </td>
                  {plusOnly ? null : (
                    <td className="num minus-text">
                      {number(o.minus)} <span className="share">{percent(o.opposition)}</span>
                    </td>
                  )}
                  <td className="num strong">{signed(o.net)}</td>
                  {plusOnly ? null : (
                    <>
                      <td className="num">{fixed2(o.consensus)}</td>
                      <td className="num">{fixed2(o.polarisation)}</td>
                    </>
                  )}
                  {budget ? (
                    <>
                      <td className="num">{line ? amount(line.cost) : '—'}</td>
                      <td className="num">{line ? amount(line.remaining) : '—'}</td>
                      {pots ? <td>{potName(o.id)}</td> : null}
                      <td>
                        {o.status === 'excluded' ? (
                          <span className="badge excluded" title={excludedBecause(o.excluded, results.exclusion)}>
                            {excludedBecause(o.excluded, results.exclusion)}
                          </span>
                        ) : line?.funded ? (
                          <span className="badge funded">{t('results.funded')}</span>
                        ) : (
                          <span className="badge unfunded">{t('results.doesNotFit')}</span>
                        )}
                      </td>
                    </>
                  ) : (
                    <td>
                      {o.status === 'winner' ? (
                        <span className="badge winner">{t('results.winner')}</span>
                      ) : o.status === 'tied' ? (
                        <span className="badge tied">{t('results.tied')}</span>
                      ) : o.status === 'excluded' ? (
                        <span className="badge excluded">{excludedBecause(o.excluded, results.exclusion)}</span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rulesWords ? <p className="muted small" data-testid="exclusion-rules">{rulesWords}</p> : null}
      {tieWords ? (
        <p className="tie-note" role="note" data-testid="tie-break">
          {tieWords}
        </p>
      ) : null}
      {/* With no ballot every proposal is at 0: that is no result yet, not a tie. */}
      {!budget && results.ballots > 0 && results.tiedAtCut.length > 0 && results.tieBreak.rule === 'flag' ? (
        <p className="tie-note" role="note">
          ⚠ {t('results.tieNote', { n: results.tiedAtCut.length })}
        </p>
      ) : null}
      {budget ? (
        <div className="budget-summary" data-testid="budget-summary">
          <p className="budget-note">
            {rich('results.budgetLine', { budget: amount(budget.budget), spent: amount(budget.spent), left: amount(budget.left) })}
          </p>
          {pots ? (
            <ul className="pot-summary" data-testid="pot-summary">
              {potLines(results, amount).map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          ) : null}
          <div className="budget-lists">
            <div>
              <h3>{t('results.fundedList', { n: budget.funded.length })}</h3>
              <ul>
                {budget.funded.map((id) => (
                  <li key={id}>
                    <span lang={lang}>{titles[id] ?? id}</span> <span className="muted">{amount(lines.get(id)?.cost ?? 0)}</span>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{t('results.unfundedList', { n: budget.unfunded.length })}</h3>
              {budget.unfunded.length === 0 ? <p className="muted small">{t('results.allFit')}</p> : null}
              <ul>
                {budget.unfunded.map((id) => (
                  <li key={id}>
                    <span lang={lang}>{titles[id] ?? id}</span> <span className="muted">{amount(lines.get(id)?.cost ?? 0)}</span>
                  </li>
                ))}
              </ul>
            </div>
          </div>
          {budget.tied.length > 0 ? (
            <p className="tie-note" role="note">
              ⚠ {t('results.budgetTieNote', { titles: budget.tied.map((id) => t('common.quoted', { text: titles[id] ?? id })).join(', ') })}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
