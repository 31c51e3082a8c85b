import type { OpinionGroupsView } from '../../../../shared/protocol/views.ts';
import { groupLetter } from '../../lib/opinionGroups.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { useProjectorStore } from './store.ts';

/** Two rows: with 60 proposals the ranking above needs the height (issue 13). */
const TOP = 2;

/**
 * Below the ranking: the proposals every opinion group backs clearly
 * (`bridging`: Pol.is's consensus test within each group,
 * shared/domain/opinionGroupsBridging.ts), by group-informed consensus,
 * with each group's plus and minus. Only those: the highest consensus of a
 * split room is still one group's proposal, so with none bridging the panel
 * says so in words. Renders nothing while there are no groups (too few voters).
 */
export function BridgingPanel({ view: v, titles }: { view: OpinionGroupsView; titles: Record<string, string> }) {
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, fixed } = useI18n();
  if (v.groups.length < 2) return null;
  const top = v.options.filter((o) => o.bridging).slice(0, TOP);
  return (
    <section className={`pjg${v.groups.length >= 4 ? ' many' : ''}${top.length === 0 ? ' none' : ''}`} aria-labelledby="pjg-title" data-testid="pj-bridging">
      <h2 id="pjg-title" className="pjg-head">
        <span>{t('projector.bridging.title')}</span>
        {/* The groups' sizes are in the map of the room's legend beside it. */}
        {/* With none, the line below says it; "backed across N groups" above it would read as a claim. */}
        {top.length > 0 ? (
          <>
            <span className="pjg-sub">{t('projector.bridging.across', { n: v.groups.length })}</span>
            <span className="pjg-key">{t('projector.bridging.key')}</span>
          </>
        ) : null}
      </h2>
      {top.length === 0 ? (
        <p className="pjg-none" data-testid="pj-bridging-none">
          {t('projector.bridging.none')}
        </p>
      ) : (
        <ol className="pjg-list">
          {top.map((o) => (
            <li key={o.id} className="pjg-row">
              <span className="pjg-title" lang={titles[o.id] ? lang : undefined}>
                {titles[o.id] ?? t('results.deleted')}
              </span>
              <span className="pjg-groups">
                {v.groups.map((g, k) => {
                  const c = o.groups[k] ?? { n: 0, plus: 0, minus: 0 };
                  const n = Math.max(1, c.n);
                  return (
                    <span key={g.index} className="pjg-group">
                      <span className="sr-only">{t('projector.bridging.group', { letter: groupLetter(g.index), plus: c.plus, minus: c.minus, n: c.n }) + ' '}</span>
                      <span className="pjg-letter" aria-hidden="true">
                        {groupLetter(g.index)}
                      </span>
                      <span className="pjg-track" aria-hidden="true">
                        <span className="pjg-fill plus" style={{ width: `${(c.plus / n) * 100}%` }} />
                        <span className="pjg-fill minus" style={{ width: `${(c.minus / n) * 100}%` }} />
                      </span>
                      <span className="pjg-nums" aria-hidden="true">
                        <span className="plus-text">+{c.plus}</span>
                        <span className="pjg-slash">/</span>
                        <span className={c.minus > 0 ? 'minus-text' : 'pjg-zero'}>{c.minus > 0 ? `−${c.minus}` : '0'}</span>
                      </span>
                    </span>
                  );
                })}
              </span>
              <span className="pjg-agree">{fixed(o.agreement, 2)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
