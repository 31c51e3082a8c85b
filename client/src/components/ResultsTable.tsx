import type { RoundResults } from '../../../shared/domain/index.ts';
import { amount, percent, plural, signed } from '../lib/format.ts';

/**
 * The full results of a round: ranks (ties share one), raw counts, the
 * shares of voters and the indices, winners and ties at the cut line, and
 * for budget rounds which proposals are funded.
 */
export function ResultsTable({ results, titles, caption }: { results: RoundResults; titles: Record<string, string>; caption: string }) {
  const budget = results.budget;
  const lines = new Map(budget?.lines.map((l) => [l.id, l]) ?? []);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`Results table. ${caption}`}>
      <table className="results-table">
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
            <th scope="col" className="num">
              Minus <abbr className="share" title="Opposition: share of voters who gave a minus vote">opposition</abbr>
            </th>
            <th scope="col" className="num">
              Net
            </th>
            <th scope="col" className="num">
              <abbr title="support × (1 − opposition)">Consensus</abbr>
            </th>
            <th scope="col" className="num">
              <abbr title="4 × support × opposition">Polarisation</abbr>
            </th>
            {budget ? (
              <>
                <th scope="col" className="num">
                  Cost
                </th>
                <th scope="col">Budget</th>
              </>
            ) : null}
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {results.options.map((o) => {
            const line = lines.get(o.id);
            return (
              <tr key={o.id} className={`status-${o.status}`}>
                <td>{o.rank}</td>
                <th scope="row">{titles[o.id] ?? '(deleted proposal)'}</th>
                <td className="num plus-text">
                  {o.plus} <span className="share">{percent(o.support)}</span>
                </td>
                <td className="num minus-text">
                  {o.minus} <span className="share">{percent(o.opposition)}</span>
                </td>
                <td className="num strong">{signed(o.net)}</td>
                <td className="num">{o.consensus.toFixed(2)}</td>
                <td className="num">{o.polarisation.toFixed(2)}</td>
                {budget ? (
                  <>
                    <td className="num">{line ? amount(line.cost) : '—'}</td>
                    <td>{line?.funded ? <span className="badge funded">Funded</span> : <span className="badge unfunded">Not funded</span>}</td>
                  </>
                ) : null}
                <td>
                  {o.status === 'winner' ? (
                    <span className="badge winner">Winner</span>
                  ) : o.status === 'tied' ? (
                    <span className="badge tied">Tie at the cut</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {results.tiedAtCut.length > 0 ? (
        <p className="tie-note" role="note">
          ⚠ {results.tiedAtCut.length} proposals tie across the cut line for the last seat(s). D21 publishes no tie-break: decide by a re-vote among the
          tied proposals or a recorded draw.
        </p>
      ) : null}
      {budget ? (
        <p className="budget-note">
          Budget {amount(budget.budget)} · spent {amount(budget.spent)} · <strong>left {amount(budget.left)}</strong>
          {budget.tied.length > 0 ? ' · ⚠ funding depends on the order inside a tie' : ''}
        </p>
      ) : null}
    </div>
  );
}
