import type { BudgetAllocation, BudgetLine, RoundResults } from '../../../../shared/domain/index.ts';
import type { SealSummary } from '../../../../shared/protocol/views.ts';
import { SealDigest } from '../../components/SealDigest.tsx';
import { RoundHeader } from './RoundHeader.tsx';
import './budget.css';
import { useI18n } from '../../i18n/useI18n.ts';
import { useProjectorStore } from './store.ts';

import { pageRanges, usePage, useRowsThatFit } from './paging.ts';
import { useRef } from 'react';
import { usePinnedPage } from './selectors.ts';
import { PageLabel } from './PageLabel.tsx';

/** Rows per page at most; fewer when the list is lower (a tie banner above it). */
const MAX_ROWS = 7;
/** A row's least height in design pixels: room for 32 px text and its badge. */
const MIN_ROW = 54;
/** Up to this many tied proposals are named in the banner; more are marked ⚠ in the list (the banner stays two lines). */
const TIE_NAMES = 3;
/** The budget line sits at this share of the track; the rest shows what overshoots it. */
const BUDGET_AT = 0.82;

/**
 * A participatory-budget round on the projector (NYC, Prague 10): the
 * ranking walked top-down, each funded proposal filling the budget where
 * the one above stopped, each one that no longer fits drawn past the budget
 * line and marked "doesn't fit", the money left after every line and at
 * the end.
 */
export function BudgetView({ results, titles, final, seal }: { results: RoundResults; titles: Record<string, string>; final: boolean; seal?: SealSummary | null }) {
  const { t, rich, signed, money, compactMoney } = useI18n();
  const currency = useProjectorStore((s) => s.assembly?.settings.currency ?? null);
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const amount = (n: number) => money(n, currency);
  // The rows' money columns without the currency (the summary above names it): "5 225 000 Kč" did not fit at 32 px.
  const plain = (n: number) => money(n, null);
  // Before the first ballot every net is 0: an allocation in ballot order would look like a result.
  const waiting = !final && results.ballots === 0;
  const real = results.budget!;
  const budget: BudgetAllocation = waiting ? { ...real, spent: 0, left: real.budget, funded: [], unfunded: [], tied: [], lines: real.lines.map((l) => ({ ...l, funded: false, remaining: real.budget })) } : real;
  const lines = budget.lines;
  const byId = new Map(results.options.map((o) => [o.id, o]));
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, MAX_ROWS, MIN_ROW);
  const ranges = pageRanges(lines.length, fit);
  const page = usePage(ranges.length, usePinnedPage());
  const [first, last] = ranges[page] ?? [0, lines.length];
  // Rows share the list's height: a short single page keeps rows of at most a sixth, never more rows than fit.
  const slots = Math.max(ranges.length > 1 ? ranges[0]![1] - ranges[0]![0] : lines.length, Math.min(6, fit));
  // Where each line's block starts: the spending of every funded line above it, on any page.
  let spentBefore = 0;
  const all = lines.map((l) => {
    const start = spentBefore;
    if (l.funded) spentBefore += l.cost;
    return { line: l, start };
  });
  const rows = all.slice(first, last);
  const manyTied = budget.tied.length > TIE_NAMES;
  return (
    <main className={`pj ${final ? 'pj-final' : 'pj-live'} pj-budget`}>
      <RoundHeader label={t(final ? 'projector.budget.labelFinal' : 'projector.budget.labelLive')} />
      <BudgetSummary budget={budget} final={final} results={results} />
      {waiting ? (
        <p className="pjb-waiting" role="status">
          {t('projector.budget.waiting')}
        </p>
      ) : null}
      {budget.tied.length > 0 ? (
        <p className="pj-tie-banner" role="note">
          ⚠{' '}
          {budget.tied.length > TIE_NAMES
            ? t('projector.budget.tieMany', { n: budget.tied.length })
            : t('projector.budget.tie', { titles: budget.tied.map((id) => t('common.quoted', { text: titles[id] ?? id })).join(', ') })}
        </p>
      ) : null}
      <PageLabel page={page} pages={ranges.length} first={first + 1} last={last} total={lines.length} />
      <div className="pjb-row pjb-head" aria-hidden="true">
        <span>{t('results.rank')}</span>
        <span>{t('results.proposal')}</span>
        <span className="right">{t('results.net')}</span>
        <span className="right">{t('results.cost')}</span>
        {/* The budget line's label alone: a "0" at the start met it at 9 proposals (a narrow track). */}
        <span className="pjb-head-track">
          <span style={{ width: `calc(${BUDGET_AT * 100}% + var(--u) * 12)` }}>{t('projector.budget.line', { amount: compactMoney(budget.budget, currency) })}</span>
        </span>
        <span className="right">{t('results.leftAfter')}</span>
        <span />
      </div>
      <ol ref={list} className="pjb-list" style={{ ['--rows' as string]: slots }} aria-label={t('projector.budget.listLabel')}>
        {rows.map(({ line, start }) => {
          const o = byId.get(line.id);
          return (
            <li
              key={line.id}
              data-id={line.id}
              className={`pjb-row ${waiting ? 'pending' : line.funded ? 'funded' : 'skipped'}`}
              aria-label={t('projector.budget.row', { rank: o?.rank ?? '', title: titles[line.id] ?? '', cost: amount(line.cost), funded: String(line.funded), left: amount(line.remaining) })}
            >
              <span className="pj-rank big">{o?.rank ?? ''}</span>
              <span className="pjb-title" lang={titles[line.id] ? lang : undefined}>
                {manyTied && budget.tied.includes(line.id) ? '⚠ ' : ''}
                {titles[line.id] ?? t('results.deleted')}
              </span>
              <span className="pjb-num">{o ? signed(o.net) : ''}</span>
              <span className="pjb-num pjb-cost">{plain(line.cost)}</span>
              {waiting ? <span className="pjb-track" aria-hidden="true" /> : <Track line={line} start={start} budget={budget.budget} />}
              <span className="pjb-num pjb-left">{waiting ? '' : plain(line.remaining)}</span>
              <span className="pjb-status">
                {waiting ? null : line.funded ? <span className="badge funded">✓ {t(final ? 'results.funded' : 'projector.budget.fits')}</span> : <span className="badge nofit">✗ {t('results.doesNotFit')}</span>}
              </span>
            </li>
          );
        })}
      </ol>
      <footer className="pj-footer">
        <span>
          {rich('projector.basedOn', { n: results.ballots, early: String(!final && results.ballots > 0 && results.ballots < 20), ballots: (c) => <strong data-testid="pj-ballots">{c}</strong> })}{' '}
          · {t('projector.budget.rule')}
        </span>
        {/* No budget line here: the summary above gives budget, allocated and left, and the footer stays one line. */}
        {final ? <SealDigest seal={seal} className="pj-seal" /> : null}
      </footer>
    </main>
  );
}

/** The whole budget as one bar: funded proposals in ranking order (numbered by rank), then the money left. */
function BudgetSummary({ budget, final, results }: { budget: BudgetAllocation; final: boolean; results: RoundResults }) {
  const rank = new Map(results.options.map((o) => [o.id, o.rank]));
  const total = Math.max(1, budget.budget);
  const funded = budget.lines.filter((l) => l.funded && l.cost > 0);
  const { t, money, compactMoney } = useI18n();
  const currency = useProjectorStore((s) => s.assembly?.settings.currency ?? null);
  const amount = (n: number) => money(n, currency);
  return (
    <section className="pjb-summary" aria-label={t('projector.budget.summary')}>
      <div className="pjb-stats">
        <p>
          <span className="pjb-stat-label">{t('results.budget')}</span>
          <strong>{amount(budget.budget)}</strong>
        </p>
        <p className="spent">
          <span className="pjb-stat-label">{t(final ? 'projector.budget.allocated' : 'projector.budget.allocatedSoFar')}</span>
          <strong>{amount(budget.spent)}</strong>
          <span className="pjb-stat-note">{t('common.proposals', { n: budget.funded.length })}</span>
        </p>
        <p className="left">
          <span className="pjb-stat-label">{t('projector.budget.moneyLeft')}</span>
          <strong data-testid="pj-budget-left">{amount(budget.left)}</strong>
        </p>
      </div>
      <div className="pjb-stack" role="img" aria-label={t('projector.budget.stack', { spent: amount(budget.spent), budget: amount(budget.budget), left: amount(budget.left) })}>
        {funded.map((l, i) => {
          const w = (l.cost / total) * 100;
          return (
            <span key={l.id} className={`pjb-stack-seg${i % 2 ? ' alt' : ''}`} style={{ width: `${w}%` }}>
              {w >= 2.5 ? rank.get(l.id) : ''}
            </span>
          );
        })}
        {budget.left > 0 ? (
          <span className="pjb-stack-left" style={{ width: `${(budget.left / total) * 100}%` }}>
            {budget.left / total >= 0.12 ? t('projector.budget.leftShort', { amount: compactMoney(budget.left, currency) }) : ''}
          </span>
        ) : null}
      </div>
    </section>
  );
}

/**
 * One line of the walk: the funded block starts where the spending above it
 * ended; a block that does not fit is drawn from the same place, over the
 * budget line, hatched.
 */
function Track({ line, start, budget }: { line: BudgetLine; start: number; budget: number }) {
  const scale = BUDGET_AT / Math.max(1, budget);
  const left = Math.min(1, start * scale);
  const width = Math.min(1 - left, line.cost * scale);
  const overflows = !line.funded && start * scale + line.cost * scale > 1;
  return (
    <span className="pjb-track" aria-hidden="true">
      <span className="pjb-spent" style={{ width: `${left * 100}%` }} />
      <span className={`pjb-block ${line.funded ? 'funded' : 'skipped'}${overflows ? ' overflows' : ''}`} style={{ left: `${left * 100}%`, width: `${Math.max(width * 100, 0.4)}%` }} />
      <span className="pjb-budget-line" style={{ left: `${BUDGET_AT * 100}%` }} />
    </span>
  );
}
