import type { RoundView } from '../../../../shared/protocol/views.ts';
import { RoomMap } from '../../components/RoomMap.tsx';
import { plural } from '../../lib/format.ts';
import { describeRepresentative, groupName, useOpinionGroups } from '../../lib/opinionGroups.ts';
import { command } from './store.ts';

const BRIDGING = 3;

const fetchGroups = (roundId: string) => command('groups:get', { roundId });

/**
 * Opinion groups (d21-method §4, docs/opinion-groups.md): voters grouped by
 * how they voted; what sets each group apart, in words; the map of the
 * room; and the proposals ordered by group-informed consensus, so the ones
 * every group backs (the bridging ones) lead.
 */
export function OpinionGroups({ round, titles }: { round: RoundView; titles: Record<string, string> }) {
  const state = useOpinionGroups(fetchGroups, round.id, round.status === 'open');
  let body;
  if (!state) body = <p className="muted">Loading opinion groups…</p>;
  else if ('code' in state)
    body = <p className="muted">{state.code === 'RESULTS_HIDDEN' ? 'Results are hidden until the vote closes, and so are the opinion groups.' : state.message}</p>;
  else {
    const v = state.view;
    if (v.groups.length < 2) {
      body = (
        <p className="og-empty" data-testid="og-empty">
          Opinion groups appear once at least {2 * v.minGroup} people have voted and their ballots split into at least two groups of {v.minGroup} or more.{' '}
          {v.voters === 0
            ? 'Nobody has voted yet.'
            : v.voters < 2 * v.minGroup
              ? `So far ${v.voters === 1 ? 'only one person has' : `only ${v.voters} people have`} voted.`
              : `So far the ${plural(v.voters, 'voter')} do not split that way.`}
        </p>
      );
    } else {
      body = (
        <>
          <p className="og-lead" data-testid="og-lead">
            {v.voters} voters fall into {v.groups.length} opinion groups (by how they voted):{' '}
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
              <h4 className="og-subhead">What sets each group apart</h4>
              <ul className="og-reps" data-testid="og-reps">
                {v.representatives.flatMap((reps, g) =>
                  reps.slice(0, 2).map((r) => (
                    <li key={`${g}-${r.optionId}-${r.stance}`} className={r.significant ? '' : 'og-lean'}>
                      <span className="og-dot" style={{ background: `var(--og-${g % 5})` }} aria-hidden="true" />
                      {describeRepresentative(g, titles[r.optionId] ?? '(deleted proposal)', r)}
                    </li>
                  )),
                )}
              </ul>
              <p className="hint" data-testid="og-based">
                Based on {plural(v.ballots, 'ballot')}
                {v.leftOut > 0 ? `; ${v.leftOut} with fewer than ${v.minVotes} votes are left out of the groups` : ''}. Dots close together voted alike.
              </p>
            </div>
          </div>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Opinion groups: proposals by group-informed consensus">
            <table className="results-table og-table">
              <caption>Bridging: backed by every group. Proposals by group-informed consensus, highest first; the top {BRIDGING} are marked.</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">Proposal</th>
                  {v.groups.map((g) => (
                    <th key={g.index} scope="col" className="num">
                      {groupName(g.index)} <span className="share">({g.size})</span>
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Consensus
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.options.map((o, i) => (
                  <tr key={o.id} className={i < BRIDGING ? 'og-bridge' : ''}>
                    <td className="num">{i + 1}</td>
                    <th scope="row">
                      {titles[o.id] ?? '(deleted proposal)'}
                      {i < BRIDGING ? (
                        <>
                          {' '}
                          <span className="og-tag">bridging</span>
                        </>
                      ) : null}
                    </th>
                    {v.groups.map((g, k) => {
                      const c = o.groups[k] ?? { n: 0, plus: 0, minus: 0 };
                      return (
                        <td key={g.index} className="num og-cell" title={`${groupName(g.index)}: ${c.plus} plus, ${c.minus} minus of ${c.n}`}>
                          <span className="plus-text">+{c.plus}</span> / <span className="minus-text">{c.minus > 0 ? `−${c.minus}` : '0'}</span>
                        </td>
                      );
                    })}
                    <td className="num strong">{o.agreement.toFixed(2)}</td>
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
      <h3 id="og-title">Opinion groups</h3>
      {body}
      <p className="hint og-index">
        Group-informed consensus (Pol.is): the product over groups of (plus+1)/(voters+2) — high only when every group supports it.
      </p>
    </section>
  );
}
