/** The report's tables by group: opinion groups (§3) and results by profile answer. */
import type { OpinionGroupsView, SegmentBreakdown } from '../../../../shared/protocol/views.ts';
import { RoomMap } from '../../components/RoomMap.tsx';
import { percent, plural, signed } from '../../lib/format.ts';
import { describeRepresentative } from '../../lib/opinionGroups.ts';

/** Voters grouped by how they voted (d21-method §4): the map, what sets each group apart, then the proposals every group backs first. */
export function OpinionGroups({ og, title }: { og: OpinionGroupsView; title: (id: string) => string }) {
  const letter = (i: number) => String.fromCharCode(65 + i);
  return (
    <div className="breakdown">
      <h3>By opinion group</h3>
      <p className="note">
        {og.voters} voters fall into {og.groups.length} groups by how they voted
        ({og.groups.map((g) => `group ${letter(g.index)}: ${g.size}`).join(', ')}), based on {plural(og.ballots, 'ballot')}
        {og.leftOut > 0 ? ` (${og.leftOut} with fewer than ${og.minVotes} votes left out)` : ''}. Proposals are ordered by group-informed
        consensus (Pol.is): the product over groups of (plus + 1)/(voters + 2), high only when every group supports it.
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
        <caption>Plus / minus per opinion group</caption>
        <thead>
          <tr>
            <th scope="col">Proposal</th>
            {og.groups.map((g) => (
              <th scope="col" key={g.index}>
                Group {letter(g.index)}
                <span className="sub">{plural(g.size, 'voter')}</span>
              </th>
            ))}
            <th scope="col">Consensus across groups</th>
          </tr>
        </thead>
        <tbody>
          {og.options.map((o) => (
            <tr key={o.id}>
              <td className="title">{title(o.id)}</td>
              {o.groups.map((g, i) => (
                <td key={i}>
                  +{g.plus} / −{g.minus}
                </td>
              ))}
              <td>{o.agreement.toFixed(2)}</td>
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
  const name = (g: SegmentBreakdown['groups'][number]) => (g.optionId === null ? 'No answer' : g.label);
  return (
    <div className="breakdown">
      <h3>By {b.label.charAt(0).toLowerCase() + b.label.slice(1)}</h3>
      {shown.length === 0 ? (
        <p className="note">No group has {b.minGroup} or more voters: nothing is shown.</p>
      ) : (
        <table>
          <caption>Net score per group, with the group’s support</caption>
          <thead>
            <tr>
              <th scope="col">Proposal</th>
              {shown.map((g) => (
                <th scope="col" key={g.optionId ?? 'none'}>
                  {name(g)}
                  <span className="sub">{plural(g.voters ?? 0, 'voter')}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.map((id) => (
              <tr key={id}>
                <td className="title">{title(id)}</td>
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
          Not shown, to protect groups of fewer than {b.minGroup} voters: {hidden.map(name).join('; ')}.
        </p>
      ) : null}
    </div>
  );
}
