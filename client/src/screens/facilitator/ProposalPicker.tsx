import { useId, useState } from 'react';
import type { ProposalView } from '../../../../shared/protocol/views.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { useFacilitatorStore } from './store.ts';

/**
 * Which proposals go on a ballot. Every proposal is listed (a grid that
 * grows with the list: nothing hides in a fixed-height box), with a filter,
 * select/clear of what the filter shows, and the count on the ballot.
 * `selected` keeps the proposal list's order.
 */
export function ProposalPicker({
  proposals,
  selected,
  onChange,
}: {
  proposals: readonly ProposalView[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const id = useId();
  const { t, money } = useI18n();
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const currency = useFacilitatorStore((s) => s.assembly?.settings.currency ?? null);
  const [filter, setFilter] = useState('');
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = words.length === 0 ? proposals : proposals.filter((p) => words.every((w) => p.title.toLowerCase().includes(w)));
  const chosen = new Set(selected);
  const set = (ids: Iterable<string>, on: boolean) => {
    const next = new Set(chosen);
    for (const pid of ids) {
      if (on) next.add(pid);
      else next.delete(pid);
    }
    onChange(proposals.map((p) => p.id).filter((pid) => next.has(pid)));
  };
  const shownIds = shown.map((p) => p.id);
  const filtered = shown.length !== proposals.length;
  return (
    <fieldset className="field full proposals-pick">
      <legend>{t('console.setup.proposals')}</legend>
      {proposals.length === 0 ? <p className="muted">{t('console.setup.addFirst')}</p> : null}
      <div className="pick-tools">
        <label htmlFor={`${id}-f`} className="sr-only">
          {t('console.setup.filter')}
        </label>
        <input id={`${id}-f`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('console.setup.filterPlaceholder')} />
        <button type="button" className="btn small" onClick={() => set(shownIds, true)} disabled={shown.length === 0}>
          {filtered ? t('console.setup.selectShown', { n: shown.length }) : t('console.setup.selectAll')}
        </button>
        <button type="button" className="btn small" onClick={() => set(shownIds, false)} disabled={shown.length === 0}>
          {filtered ? t('console.setup.clearShown', { n: shown.length }) : t('console.setup.clearAll')}
        </button>
        <strong className="pick-count" aria-live="polite" data-testid="pick-count">
          {t('console.setup.pickCount', { n: chosen.size, of: proposals.length })}
        </strong>
      </div>
      {filtered && shown.length === 0 ? <p className="muted">{t('console.setup.noMatch', { filter: filter.trim() })}</p> : null}
      <ol className="pick-list">
        {shown.map((p) => (
          <li key={p.id} value={proposals.indexOf(p) + 1}>
            <label>
              <input type="checkbox" checked={chosen.has(p.id)} onChange={(e) => set([p.id], e.target.checked)} />
              <span className="pick-title" lang={lang}>{p.title}</span>
              {p.cost !== null ? <span className="muted small"> · {money(p.cost, currency)}</span> : null}
            </label>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}
