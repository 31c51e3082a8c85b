import type { OpinionGroupsView } from '../../../../shared/protocol/views.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { groupLetter, splitting } from '../../lib/opinionGroups.ts';
import { useProjectorStore } from './store.ts';

/** Rows at most: the bridging panel below needs its height, and the top few carry the story. */
const ROWS = 5;

/**
 * "Where we disagree" when no proposal has both plus and minus votes (a
 * plus-only round, or none drew a minus yet) but the room forms opinion
 * groups: disagreement is then groups backing different proposals, so the
 * main area ranks the proposals by how much the groups' net stance differs
 * (`split`, docs/opinion-groups.md), each group's share voting plus beside
 * it. The same order as the map's "splits the groups" (`splitting`), so the
 * two never contradict each other. Null when nothing splits the groups.
 */
export function GroupSplitList({ view, titles, plusOnly }: { view: OpinionGroupsView; titles: Record<string, string>; plusOnly: boolean }) {
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, percent, fixed } = useI18n();
  const shown = splitting(view, ROWS);
  if (shown.length === 0) return null;
  return (
    <div className={`pjd-main pjd-bygroup${view.groups.length >= 4 ? ' many' : ''}`} data-testid="pj-group-split">
      <p className="pjd-lead">{t(plusOnly ? 'projector.disagree.groupsLeadPlusOnly' : 'projector.disagree.groupsLead')}</p>
      <div className="pjd-row pjd-head" aria-hidden="true">
        <span />
        <span>{t('projector.disagree.groupsHead')}</span>
        <span>{t('projector.disagree.groupsShare')}</span>
        <span className="right">{t('projector.disagree.split')}</span>
      </div>
      <ol className="pjd-list" style={{ ['--rows' as string]: Math.max(shown.length, 4) }}>
        {shown.map((o, i) => (
          <li
            key={o.id}
            data-id={o.id}
            className="pjd-row"
            aria-label={t('projector.disagree.groupRow', {
              pos: i + 1,
              title: titles[o.id] ?? '',
              groups: view.groups.map((g, k) => t('projector.roomMap.stance', { letter: groupLetter(g.index), plus: o.groups[k]?.plus ?? 0, minus: o.groups[k]?.minus ?? 0 })).join('; '),
              split: fixed(o.split, 2),
            })}
          >
            <span className="pjd-pos">{i + 1}</span>
            <span className="pjd-title" lang={titles[o.id] ? lang : undefined}>
              {titles[o.id] ?? t('results.deleted')}
            </span>
            <span className="pjd-shares" aria-hidden="true">
              {view.groups.map((g, k) => {
                const c = o.groups[k] ?? { n: 0, plus: 0, minus: 0 };
                const share = c.n > 0 ? c.plus / c.n : 0;
                return (
                  <span key={g.index} className="pjd-share">
                    <span className="pjg-letter">{groupLetter(g.index)}</span>
                    <span className="pjd-share-pct">{percent(share)}</span>
                    <span className="pjd-share-track">
                      <span className="pjg-fill plus" style={{ width: `${share * 100}%` }} />
                    </span>
                  </span>
                );
              })}
            </span>
            <span className="pjd-pol">
              <strong>{fixed(o.split, 2)}</strong>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
