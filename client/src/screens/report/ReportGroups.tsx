/** The report's tables by group: opinion groups (§3) and results by profile answer. */
import type { OpinionGroupsView, SegmentBreakdown } from '../../../../shared/protocol/views.ts';
import { RoomMap } from '../../components/RoomMap.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeRepresentative } from '../../lib/opinionGroups.ts';
import { reportFormat as rf } from './reportFormat.ts';

const { percent, signed, fixed2, list } = rf;

/** Voters grouped by how they voted (d21-method §4): the map, what sets each group apart, then the proposals every group backs first. */
export function OpinionGroups({ og, title }: { og: OpinionGroupsView; title: (id: string) => string }) {
  const letter = (i: number) => String.fromCharCode(65 + i);
  return (
    <div className="breakdown">
      <h3>{t('report.og.title')}</h3>
      <p className="note">
        {t('report.og.note', { n: og.voters, groups: og.groups.length, sizes: og.groups.map((g) => `${t('groups.name', { letter: letter(g.index) })}: ${g.size}`).join(', ') })}{' '}
        {t('report.og.based', { n: og.ballots, leftOut: og.leftOut, minVotes: og.minVotes })}
      </p>
      <div className="report-og-overview">
        <RoomMap view={og} size={220} className="report-og-map" />
        <ul className="report-og-reps">
          {og.representatives.flatMap((reps, g) =>
            reps.slice(0, 2).map((r) => <li key={`${g}-${r.optionId}-${r.stance}`}>{describeRepresentative(g, title(r.optionId), r)}</li>),
          )}
        </ul>
      </div>
      <table>
        <caption>{t('report.og.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.proposal')}</th>
            {og.groups.map((g) => (
              <th scope="col" key={g.index}>
                {t('groups.name', { letter: letter(g.index) })}
                <span className="sub">{t('segments.voters', { n: g.size })}</span>
              </th>
            ))}
            <th scope="col">{t('report.og.consensus')}</th>
          </tr>
        </thead>
        <tbody>
          {og.options.map((o) => (
            <tr key={o.id}>
              <td className="title" lang={rf.lang()}>
                {title(o.id)}
              </td>
              {o.groups.map((g, i) => (
                <td key={i}>
                  +{g.plus} / −{g.minus}
                </td>
              ))}
              <td>{fixed2(o.agreement)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Breakdown({ b, order, title }: { b: SegmentBreakdown; order: string[]; title: (id: string) => string }) {
  const shown = b.groups.filter((g) => !g.suppressed && g.options);
  const hidden = b.groups.filter((g) => g.suppressed);
  const name = (g: SegmentBreakdown['groups'][number]) => (g.optionId === null ? t('segments.noAnswer') : g.label);
  return (
    <div className="breakdown">
      <h3>{t('segments.by', { label: b.label })}</h3>
      {shown.length === 0 ? (
        <p className="note">{t('report.seg.none', { min: b.minGroup })}</p>
      ) : (
        <table>
          <caption>{t('report.seg.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.proposal')}</th>
              {shown.map((g) => (
                <th scope="col" key={g.optionId ?? 'none'}>
                  {name(g)}
                  <span className="sub">{t('segments.voters', { n: g.voters ?? 0 })}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.map((id) => (
              <tr key={id}>
                <td className="title" lang={rf.lang()}>
                  {title(id)}
                </td>
                {shown.map((g) => {
                  const o = g.options?.find((x) => x.id === id);
                  return (
                    <td key={g.optionId ?? 'none'}>
                      {o ? (
                        <>
                          {signed(o.net)} <span className="pct">{percent(o.support)}</span>
                        </>
                      ) : (
                        '–'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hidden.length > 0 ? (
        <p className="note">
          {t('report.seg.hidden', { min: b.minGroup, names: list(hidden.map(name)) })}
        </p>
      ) : null}
    </div>
  );
}
