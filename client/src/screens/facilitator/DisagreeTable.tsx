import type { RoundResults } from '../../../../shared/domain/index.ts';
import { byPolarisation } from '../../lib/ranking.ts';
import { fmt } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';


/**
 * "Where we disagree" (Paris climate simulation): proposals ranked by
 * polarisation, with the plus and minus votes side by side on one scale and
 * the number of ballots the index rests on.
 */
export function DisagreeTable({ results, titles, plusOnly }: { results: RoundResults; titles: Record<string, string>; plusOnly: boolean }) {
  const rows = byPolarisation(results.options);
  const scale = Math.max(1, ...rows.map((o) => Math.max(o.plus, o.minus)));
  const divided = rows.filter((o) => o.polarisation > 0).length;
  const { percent, fixed } = fmt();
  return (
    <div className="disagree">
      <p className="disagree-lead">
        {plusOnly ? t('console.disagree.plusOnly') : divided === 0 ? t('console.disagree.none') : t('console.disagree.lead', { n: divided })}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('console.disagree.label')}>
        <table className="results-table disagree-table">
          <caption>
            {t('console.disagree.caption', { n: results.ballots })}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">{t('results.proposal')}</th>
              <th scope="col" className="num">
                {t('results.minus')}
              </th>
              <th scope="col" className="dg-bars-col">
                <span className="sr-only">{t('console.disagree.barsSr')}</span>
                <span aria-hidden="true">{t('console.disagree.bars')}</span>
              </th>
              <th scope="col" className="num">
                {t('results.plus')}
              </th>
              <th scope="col" className="num">
                {t('results.polarisation')}
              </th>
              <th scope="col" className="num">
                {t('console.disagree.rankByNet')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o, i) => (
              <tr key={o.id} className={o.polarisation >= 0.5 ? 'dg-hot' : ''}>
                <td className="num">{i + 1}</td>
                <th scope="row">{titles[o.id] ?? t('results.deleted')}</th>
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
                <td className="num strong">{fixed(o.polarisation, 2)}</td>
                <td className="num">{o.rank}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
