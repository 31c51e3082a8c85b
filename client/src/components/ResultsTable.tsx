import type { RoundResults } from '../../../shared/domain/index.ts';
import { amount, percent, plural, signed } from '../lib/format.ts';

/**
 * The full results of a round: ranks (ties share one), raw counts, the
 * shares of voters and the indices, winners and ties at the cut line, and
 * for budget rounds which proposals are funded, the money left after each
 * line and at the end. Plus-only rounds (NYC) drop the minus columns, which
 * would be all zeros.
 */
export function ResultsTable({ results, titles, caption, plusOnly = false }: { results: RoundResults; titles: Record<string, string>; caption: string; plusOnly?: boolean }) {
  const budget = results.budget;
  const lines = new Map(budget?.lines.map((l) => [l.id, l]) ?? []);
  return (
    <div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={`Results table. ${caption}`}>
        <table className={`results-table${budget ? ' budget' : ''}`}>
          <caption>
            {caption} Based on {plural(results.ballots, 'ballot')}
            {results.abstentions > 0 ? ` (${results.abstentions} empty)` : ''}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Proposal</th>
              <th scope="col" className="num">
                Plus <abbr className="share" title="Support: share of voters who gave a plus vote">support</abbr>
              </th>
              {plusOnly ? null : (
                <th scope="col" className="num">
                  Minus <abbr className="share" title="Opposition: share of voters who gave a minus vote">opposition</abbr>
                </th>
              )}
              <th scope="col" className="num">
                Net
              </th>
              {plusOnly ? null : (
                <>
                  <th scope="col" className="num">
                    <abbr title="support × (1 − opposition)">Consensus</abbr>
                  </th>
                  <th scope="col" className="num">
                    <abbr title="4 × support × opposition">Polarisation</abbr>
                  </th>
                </>
              )}
              {budget ? (
                <>
                  <th scope="col" className="num">
                    Cost
                  </th>
                  <th scope="col" className="num">
                    Left after
                  </th>
                  <th scope="col">Budget</th>
                </>
              ) : (
                <th scope="col">Outcome</th>
              )}
            </tr>
          </thead>
          <tbody>
            {results.options.map((o) => {
              const line = lines.get(o.id);
              const rowClass = budget ? (line?.funded ? 'status-funded' : 'status-unfunded') : `status-${o.status}`;
              return (
                <tr key={o.id} className={rowClass}>
                  <td>{o.rank}</td>
                  <th scope="row">{titles[o.id] ?? '(deleted proposal)'}</th>
                  <td className="num plus-text">
                    {o.plus} <span className="share">{percent(o.support)}</span>
                  </td>
                  {plusOnly ? null : (
                    <td className="num minus-text">
                      {o.minus} <span className="share">{percent(o.opposition)}</span>
                    </td>
                  )}
                  <td className="num strong">{signed(o.net)}</td>
                  {plusOnly ? null : (
                    <>
                      <td className="num">{o.consensus.toFixed(2)}</td>
                      <td className="num">{o.polarisation.toFixed(2)}</td>
                    </>
                  )}
                  {budget ? (
                    <>
                      <td className="num">{line ? amount(line.cost) : '—'}</td>
                      <td className="num">{line ? amount(line.remaining) : '—'}</td>
                      <td>{line?.funded ? <span className="badge funded">Funded</span> : <span className="badge unfunded">Doesn’t fit</span>}</td>
                    </>
                  ) : (
                    <td>
                      {o.status === 'winner' ? (
                        <span className="badge winner">Winner</span>
                      ) : o.status === 'tied' ? (
                        <span className="badge tied">Tie at the cut</span>
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
      {!budget && results.tiedAtCut.length > 0 ? (
        <p className="tie-note" role="note">
          ⚠ {results.tiedAtCut.length} proposals tie across the cut line for the last seat(s). D21 publishes no tie-break: decide by a re-vote among the
          tied proposals or a recorded draw.
        </p>
      ) : null}
      {budget ? (
        <div className="budget-summary" data-testid="budget-summary">
          <p className="budget-note">
            Budget {amount(budget.budget)} · spent {amount(budget.spent)} · <strong>left {amount(budget.left)}</strong>
          </p>
          <div className="budget-lists">
            <div>
              <h3>Funded ({budget.funded.length})</h3>
              <ul>
                {budget.funded.map((id) => (
                  <li key={id}>
                    {titles[id] ?? id} <span className="muted">{amount(lines.get(id)?.cost ?? 0)}</span>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>Not funded ({budget.unfunded.length})</h3>
              {budget.unfunded.length === 0 ? <p className="muted small">Every proposal fits.</p> : null}
              <ul>
                {budget.unfunded.map((id) => (
                  <li key={id}>
                    {titles[id] ?? id} <span className="muted">{amount(lines.get(id)?.cost ?? 0)}</span>
                  </li>
                ))}
              </ul>
            </div>
          </div>
          {budget.tied.length > 0 ? (
            <p className="tie-note" role="note">
              ⚠ Same net score, funded differently: {budget.tied.map((id) => `“${titles[id] ?? id}”`).join(', ')}. Funding followed the order inside the
              tie (more plus votes first, then ballot order): confirm it or decide by a re-vote or a recorded draw.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
