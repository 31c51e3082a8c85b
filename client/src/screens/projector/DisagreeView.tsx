import { byPolarisation } from '../../lib/ranking.ts';
import { usePinnedPage, useResults, useTitles } from './selectors.ts';
import { pageRanges, usePage, useRowsThatFit } from './paging.ts';
import { useRef } from 'react';
import { PageLabel } from './PageLabel.tsx';
import { splitting, useOpinionGroups } from '../../lib/opinionGroups.ts';
import { GroupSplitList } from './GroupSplitList.tsx';
import { BridgingPanel } from './BridgingPanel.tsx';
import { RoomMapPanel } from './RoomMapPanel.tsx';
import { RoundHeader } from './RoundHeader.tsx';
import { fetchGroups, useProjectorStore } from './store.ts';
// The ranking first, then the panels beside and below it: the cascade order of the one sheet they were split from.
import './disagree-ranking.css';
import './bridging.css';
import './room-map-panel.css';
import { useI18n } from '../../i18n/useI18n.ts';


/** Rows per page at most; fewer when the list is lower (the map of the room and the bridging proposals beside and below it). */
const MAX_ROWS = 8;
/** A row's least height in design pixels: room for 32 px text (and 37 px polarisation). */
const MIN_ROW = 54;

/**
 * "Where we disagree" (Paris climate simulation): proposals ranked by
 * polarisation, the minus votes left and the plus votes right of one
 * centre line on one scale, the polarisation value beside them, and the
 * number of ballots it rests on. Once the voters form opinion groups: the
 * map of the room beside the ranking, and the bridging proposals below;
 * with no proposal both for and against (a plus-only round), the proposals
 * the groups back differently instead of the ranking (GroupSplitList).
 */
export function DisagreeView() {
  const results = useResults();
  const titles = useTitles();
  const open = useProjectorStore((s) => s.snapshot?.status === 'open');
  const roundId = useProjectorStore((s) => s.snapshot?.roundId ?? null);
  const plusOnly = useProjectorStore((s) => (s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId)?.rules.minus ?? 1) === 0);
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, rich, percent, fixed } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const rows = useRowsThatFit(list, MAX_ROWS, MIN_ROW);
  const ranges = pageRanges(results?.options.length ?? 0, rows);
  const page = usePage(ranges.length, usePinnedPage());
  const groups = useOpinionGroups(fetchGroups, roundId, open);
  const view = groups && 'view' in groups && groups.view.groups.length >= 2 ? groups.view : null;
  if (!results) return null;
  const ranked = byPolarisation(results.options);
  const divided = ranked.filter((o) => o.polarisation > 0);
  const [start, end] = ranges[page] ?? [0, ranked.length];
  const shown = ranked.slice(start, end);
  // One scale for every page.
  const scale = Math.max(1, ...ranked.map((o) => Math.max(o.plus, o.minus)));
  const empty = plusOnly ? t('projector.disagree.plusOnly') : divided.length === 0 ? t('projector.disagree.none') : null;
  // No proposal with both plus and minus votes, yet the map beside lists one
  // that splits the groups: there the disagreement is between groups, so
  // the main area shows it rather than "no disagreement".
  const bySplit = empty !== null && view !== null && splitting(view, 1).length > 0;
  return (
    <main className={`pj pj-disagree${view ? ' with-map' : ''}`}>
      <RoundHeader label={t(open ? 'projector.disagree.labelLive' : 'projector.disagree.label')} />
      <div className="pjd-body">
      {bySplit ? (
        <GroupSplitList view={view} titles={titles} plusOnly={plusOnly} />
      ) : empty ? (
        <p className="pjd-empty">{empty}</p>
      ) : (
        <div className="pjd-main">
          <PageLabel page={page} pages={ranges.length} first={start + 1} last={end} total={ranked.length} />
          <div className="pjd-row pjd-head" aria-hidden="true">
            <span />
            <span>{t('projector.disagree.mostFirst')}</span>
            <span className="pjd-head-bars">
              <span className="minus-text">◀ {t('projector.disagree.against')}</span>
              <span className="plus-text">{t('projector.disagree.for')} ▶</span>
            </span>
            <span className="right">{t('results.polarisation')}</span>
          </div>
          <ol ref={list} className="pjd-list" style={{ ['--rows' as string]: ranges.length > 1 ? rows : Math.max(shown.length, Math.min(6, rows)) }}>
            {shown.map((o, j) => {
              const i = start + j;
              return (
              <li
                key={o.id}
                data-id={o.id}
                className={`pjd-row${o.polarisation >= 0.5 ? ' hot' : ''}${o.polarisation === 0 ? ' calm' : ''}`}
                aria-label={t('projector.disagree.row', { pos: i + 1, title: titles[o.id] ?? '', minus: o.minus, plus: o.plus, pol: fixed(o.polarisation, 2) })}
              >
                <span className="pjd-pos">{i + 1}</span>
                <span className="pjd-title" lang={titles[o.id] ? lang : undefined}>
                  {titles[o.id] ?? t('results.deleted')}
                </span>
                <span className="pjd-bars">
                  <span className="pjd-half left">
                    <span className={`pjd-count minus-text${o.minus === 0 ? ' zero' : ''}`}>
                      {o.minus > 0 ? `−${o.minus}` : '0'} <span className="pjd-pct">{percent(o.opposition)}</span>
                    </span>
                    <span className="pjd-bar minus" style={{ width: `${(o.minus / scale) * 78}%` }} />
                  </span>
                  <span className="pjd-half right">
                    <span className="pjd-bar plus" style={{ width: `${(o.plus / scale) * 78}%` }} />
                    <span className={`pjd-count plus-text${o.plus === 0 ? ' zero' : ''}`}>
                      {o.plus > 0 ? `+${o.plus}` : '0'} <span className="pjd-pct">{percent(o.support)}</span>
                    </span>
                  </span>
                </span>
                <span className="pjd-pol">
                  <strong>{fixed(o.polarisation, 2)}</strong>
                  <span className="pjd-meter" aria-hidden="true">
                    <span style={{ width: `${o.polarisation * 100}%` }} />
                  </span>
                </span>
              </li>
              );
            })}
          </ol>
        </div>
      )}
      {view ? <RoomMapPanel view={view} titles={titles} /> : null}
      </div>
      {view ? <BridgingPanel view={view} titles={titles} /> : null}
      <footer className="pj-footer">
        <span>
          {rich(bySplit ? 'projector.disagree.footerGroups' : 'projector.disagree.footer')}
        </span>
        <span>
          {rich('projector.basedOn', { n: results.ballots, early: 'false', ballots: (c) => <strong data-testid="pj-ballots">{c}</strong> })}
          {view && view.ballots !== results.ballots ? <span className="pjm-lag"> · {t('projector.groupsOn', { n: view.ballots })}</span> : null}
        </span>
      </footer>
    </main>
  );
}
