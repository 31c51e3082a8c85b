import type { RoundResults } from '../../../../shared/domain/index.ts';
import { percent, plural } from '../../lib/format.ts';
import { byPolarisation } from '../../lib/ranking.ts';

/**
 * "Where we disagree" (Paris climate simulation): proposals ranked by
 * polarisation, with the plus and minus votes side by side on one scale and
 * the number of ballots the index rests on.
 */
export function DisagreeTable({ results, titles, plusOnly }: { results: RoundResults; titles: Record<string, string>; plusOnly: boolean }) {
  const rows = byPolarisation(results.options);
  const scale = Math.max(1, ...rows.map((o) => Math.max(o.plus, o.minus)));
  const divided = rows.filter((o) => o.polarisation > 0).length;
  return (
    <div className="disagree">
      <p className="disagree-lead">
        {plusOnly
          ? 'This vote has no minus votes, so nobody can vote against a proposal: there is no disagreement to measure.'
          : divided === 0
            ? 'No proposal has drawn both plus and minus votes yet.'
            : `${plural(divided, 'proposal')} drew both plus and minus votes. Most divisive first; polarisation is 1 when half the voters are for and half against.`}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Where we disagree: proposals by polarisation">
        <table className="results-table disagree-table">
          <caption>
            Ranked by polarisation = 4 × support × opposition, based on {plural(results.ballots, 'ballot')}.
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Proposal</th>
              <th scope="col" className="num">
                Minus
              </th>
              <th scope="col" className="dg-bars-col">
                <span className="sr-only">Minus and plus votes side by side</span>
                <span aria-hidden="true">− against · for +</span>
              </th>
              <th scope="col" className="num">
                Plus
              </th>
              <th scope="col" className="num">
                Polarisation
              </th>
              <th scope="col" className="num">
                Rank by net
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o, i) => (
              <tr key={o.id} className={o.polarisation >= 0.5 ? 'dg-hot' : ''}>
                <td className="num">{i + 1}</td>
                <th scope="row">{titles[o.id] ?? '(deleted proposal)'}</th>
                <td className="num minus-text">
                  {o.minus} <span className="share">{percent(o.opposition)}</span>
                </td>
                <td className="dg-bars-col" aria-hidden="true">
                  <span className="dg-bars">
                    <span className="dg-half left">
                      <span className="dg-bar minus" style={{ width: `${(o.minus / scale) * 100}%` }} />
                    </span>
                    <span className="dg-half right">
                      <span className="dg-bar plus" style={{ width: `${(o.plus / scale) * 100}%` }} />
                    </span>
                  </span>
                </td>
                <td className="num plus-text">
                  {o.plus} <span className="share">{percent(o.support)}</span>
                </td>
                <td className="num strong">{o.polarisation.toFixed(2)}</td>
                <td className="num">{o.rank}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
