import type { RoundView } from '../../../../shared/protocol/views.ts';
import { errorText } from '../../i18n/errors.ts';
import { fmt } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { RoomMap } from '../../components/RoomMap.tsx';
import { describeRepresentative, groupName, useOpinionGroups } from '../../lib/opinionGroups.ts';
import { command } from './store.ts';

const fetchGroups = (roundId: string) => command('groups:get', { roundId });

/**
 * Opinion groups (d21-method §4, docs/opinion-groups.md): voters grouped by
 * how they voted; what sets each group apart, in words; the map of the
 * room; and the proposals ordered by group-informed consensus, those every
 * group backs clearly marked "bridging" (Pol.is's consensus test within each
 * group, shared/domain/opinionGroupsBridging.ts), or a plain line when none is.
 */
export function OpinionGroups({ round, titles }: { round: RoundView; titles: Record<string, string> }) {
  const state = useOpinionGroups(fetchGroups, round.id, round.status === 'open');
  const { fixed } = fmt();
  let body;
  if (!state) body = <p className="muted">{t('groups.loading')}</p>;
  else if ('code' in state) body = <p className="muted">{state.code === 'RESULTS_HIDDEN' ? t('groups.hidden') : errorText(state)}</p>;
  else {
    const v = state.view;
    if (v.groups.length < 2) {
      body = (
        <p className="og-empty" data-testid="og-empty">
          {t('groups.appear', { min: 2 * v.minGroup, group: v.minGroup })}{' '}
          {v.voters === 0 ? t('groups.nobody') : v.voters < 2 * v.minGroup ? t('groups.onlyN', { n: v.voters }) : t('groups.noSplit', { n: v.voters })}
        </p>
      );
    } else {
      body = (
        <>
          <p className="og-lead" data-testid="og-lead">
            {t('groups.lead', { n: v.voters, groups: v.groups.length })}{' '}
            {v.groups.map((g, i) => (
              <span key={g.index} className="og-size">
                {groupName(g.index)} {g.size}
                {i < v.groups.length - 1 ? ', ' : '.'}
              </span>
            ))}
          </p>
          <div className="og-overview">
            <RoomMap view={v} size={240} className="og-map" />
            <div>
              <h4 className="og-subhead">{t('groups.apart')}</h4>
              <ul className="og-reps" data-testid="og-reps">
                {v.representatives.flatMap((reps, g) =>
                  reps.slice(0, 2).map((r) => (
                    <li key={`${g}-${r.optionId}-${r.stance}`} className={r.significant ? '' : 'og-lean'}>
                      <span className="og-dot" style={{ background: `var(--og-${g % 5})` }} aria-hidden="true" />
                      {describeRepresentative(g, titles[r.optionId] ?? t('results.deleted'), r)}
                    </li>
                  )),
                )}
              </ul>
              <p className="hint" data-testid="og-based">
                {t('groups.based', { n: v.ballots, leftOut: v.leftOut, minVotes: v.minVotes })}
              </p>
            </div>
          </div>
          {v.options.some((o) => o.bridging) ? null : (
            <p className="og-none" data-testid="og-no-bridging">
              {t('groups.noBridging')}
            </p>
          )}
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('groups.tableLabel')}>
            <table className="results-table og-table">
              <caption>{t('groups.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">{t('results.proposal')}</th>
                  {v.groups.map((g) => (
                    <th key={g.index} scope="col" className="num">
                      {groupName(g.index)} <span className="share">({g.size})</span>
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('results.consensus')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.options.map((o, i) => (
                  <tr key={o.id} className={o.bridging ? 'og-bridge' : ''}>
                    <td className="num">{i + 1}</td>
                    <th scope="row">
                      {titles[o.id] ?? t('results.deleted')}
                      {o.bridging ? (
                        <>
                          {' '}
                          <span className="og-tag">{t('groups.bridging')}</span>
                        </>
                      ) : null}
                    </th>
                    {v.groups.map((g, k) => {
                      const c = o.groups[k] ?? { n: 0, plus: 0, minus: 0 };
                      return (
                        <td key={g.index} className="num og-cell" title={t('groups.cell', { group: groupName(g.index), plus: c.plus, minus: c.minus, n: c.n })}>
                          <span className="plus-text">+{c.plus}</span> / <span className="minus-text">{c.minus > 0 ? `−${c.minus}` : '0'}</span>
                        </td>
                      );
                    })}
                    <td className="num strong">{fixed(o.agreement, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      );
    }
  }
  return (
    <section className="og" aria-labelledby="og-title" data-testid="opinion-groups">
      <h3 id="og-title">{t('groups.title')}</h3>
      {body}
      <p className="hint og-index">
        {t('groups.index')}
      </p>
    </section>
  );
}
