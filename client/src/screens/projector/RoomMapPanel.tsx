import type { OpinionGroupsView } from '../../../../shared/protocol/views.ts';
import { RoomMap } from '../../components/RoomMap.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { groupLetter, splitting } from '../../lib/opinionGroups.ts';
import { useProjectorStore } from './store.ts';

/** One: the map itself needs the height beside a paged ranking (issue 13). */
const SPLITS = 1;

/**
 * "Where we disagree", right-hand side: the map of the room (voters as
 * anonymous dots coloured by opinion group), the groups' sizes, and the
 * proposals that split the groups most. Renders nothing without groups.
 */
export function RoomMapPanel({ view, titles }: { view: OpinionGroupsView; titles: Record<string, string> }) {
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t } = useI18n();
  if (view.groups.length < 2) return null;
  const splits = splitting(view, SPLITS);
  return (
    <aside className="pjm" aria-labelledby="pjm-title" data-testid="pj-room-map">
      <h2 id="pjm-title" className="pjm-head">
        {t('projector.roomMap.title')}
        <span className="pjm-sub">{t('projector.roomMap.sub')}</span>
      </h2>
      {/* Letters of 0.36 map units: 32 px wherever the map is 205 px or more (the e2e test measures them). */}
      <RoomMap view={view} className="pjm-map" letter={0.24} letterSize={0.36} />
      <p className="pjm-legend">
        {view.groups.map((g) => (
          <span key={g.index} className="pjm-group">
            <span className="pjm-swatch" style={{ background: `var(--og-${g.index % 5})` }} aria-hidden="true" />
            <strong>{groupLetter(g.index)}</strong> {g.size}
          </span>
        ))}
        <span className="pjm-based">{t('projector.roomMap.of', { n: view.ballots })}</span>
      </p>
      {splits.length ? (
        <div className="pjm-splits">
          <span className="pjm-splits-key">{t('projector.roomMap.splits')}</span>
          <ol>
            {splits.map((o) => (
              <li key={o.id}>
                <span className="pjm-split-title" lang={titles[o.id] ? lang : undefined}>
                  {titles[o.id] ?? t('results.deleted')}
                </span>
                <span className="pjm-split-groups">
                  <span className="sr-only">{view.groups.map((g, k) => t('projector.roomMap.stance', { letter: groupLetter(g.index), plus: o.groups[k]?.plus ?? 0, minus: o.groups[k]?.minus ?? 0 })).join('; ')}</span>
                  {view.groups.map((g, k) => {
                    const c = o.groups[k] ?? { n: 1, plus: 0, minus: 0 };
                    const net = (c.plus - c.minus) / Math.max(1, c.n);
                    return (
                      <span key={g.index} className={`pjm-stance ${net > 0.05 ? 'for' : net < -0.05 ? 'against' : 'split'}`} aria-hidden="true">
                        {groupLetter(g.index)} {net > 0.05 ? '▲' : net < -0.05 ? '▼' : '•'}
                      </span>
                    );
                  })}
                </span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </aside>
  );
}
