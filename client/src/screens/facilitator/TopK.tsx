import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RoundResults } from '../../../../shared/domain/index.ts';
import { topKCut } from '../../../../shared/domain/index.ts';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import { FormError } from '../../components/FormError.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { RevoteButton } from './RevoteButton.tsx';
import { command, useFacilitatorStore } from './store.ts';

type TieChoice = 'include' | 'draw' | 'revote' | { choose: string[] };

/**
 * "New round from the top K" of a closed round (round:advance): a tie at
 * the cut is never settled silently; the facilitator includes all, chooses,
 * draws, or prepares a re-vote among the tied (§5.3).
 */
export function TopK({ round, results }: { round: RoundView; results: RoundResults }) {
  const editRound = useFacilitatorStore((s) => s.editRound);
  const titles = useFacilitatorStore(useShallow((s) => Object.fromEntries((s.assembly?.proposals ?? []).map((p) => [p.id, p.title]))));
  const count = results.options.length;
  const [k, setK] = useState(String(Math.min(count, Math.max(2, round.rules.winners * 2))));
  const [tie, setTie] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const { t } = useI18n();
  const n = Number(k);
  const valid = Number.isInteger(n) && n >= 1 && n <= count;
  const cut = valid ? topKCut(results.options, n) : { sure: [], tied: [], slots: 0 };
  const start = (tieBreak?: TieChoice) => (valid ? advance(n, tieBreak) : undefined);
  const advance = async (at: number, tieBreak?: TieChoice) => {
    setBusy(true);
    const r = await command('round:advance', { fromRoundId: round.id, k: at, ...(tieBreak ? { tieBreak } : {}) });
    setBusy(false);
    if (!r.ok) {
      // A tie at the cut is never settled silently: the facilitator picks how.
      if (r.error.code === 'TIE_AT_CUT' && !tieBreak) {
        setTie(r.error.message);
        setChosen([]);
        setChoosing(false);
        setError(null);
      } else setError(r.error.message);
      return;
    }
    setTie(null);
    setChoosing(false);
    setError(null);
    editRound(r.data.id);
    document.querySelector('.setup-form')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  return (
    <div className="topk">
      <RevoteButton round={round} results={results} busy={busy} onPrepare={(k) => void advance(k, 'revote')} />
      <div className="row">
        <label htmlFor="topk">{t('console.topk.label')}</label>
        <input
          id="topk"
          type="number"
          min={1}
          max={count}
          value={k}
          onChange={(e) => {
            setK(e.target.value);
            setTie(null);
            setChoosing(false);
          }}
          className="narrow-input"
        />
        <span>{t('console.topk.of', { n: count })}</span>
        <button type="button" className="btn" disabled={!valid || busy} onClick={() => void start()}>
          {t('console.topk.prepare')}
        </button>
      </div>
      {tie ? (
        <div className="tie-note" role="alert">
          <p>{tie}</p>
          <div className="row">
            <button type="button" className="btn small" disabled={busy} onClick={() => void start('include')}>
              {t('console.topk.include')}
            </button>
            <button type="button" className="btn small" disabled={busy || cut.tied.length === 0} aria-expanded={choosing} onClick={() => setChoosing((c) => !c)}>
              {t('console.topk.choose')}
            </button>
            <button type="button" className="btn small" disabled={busy} onClick={() => void start('draw')}>
              {t('console.topk.draw')}
            </button>
            <button type="button" className="btn small" disabled={busy} onClick={() => void start('revote')}>
              {t('console.topk.revote')}
            </button>
          </div>
          {choosing ? (
            <fieldset className="tie-choose">
              <legend>
                {t('console.topk.chooseLegend', { slots: cut.slots, tied: cut.tied.length })}
              </legend>
              <ul>
                {cut.tied.map((id) => (
                  <li key={id}>
                    <label>
                      <input type="checkbox" checked={chosen.includes(id)} disabled={!chosen.includes(id) && chosen.length >= cut.slots} onChange={() => toggle(id)} />{' '}
                      <span lang={lang}>{titles[id] ?? id}</span>
                    </label>
                  </li>
                ))}
              </ul>
              <div className="row">
                <button type="button" className="btn small primary" disabled={busy || chosen.length !== cut.slots} onClick={() => void start({ choose: chosen })}>
                  {t('console.topk.advance')}
                </button>
                <span className="small" aria-live="polite">
                  {t('console.topk.chosen', { n: chosen.length, of: cut.slots })}
                </span>
              </div>
            </fieldset>
          ) : null}
        </div>
      ) : valid && cut.tied.length > 0 ? (
        <p className="hint">
          {t('console.topk.note', { n: cut.tied.length, place: n })}
        </p>
      ) : null}
      <FormError message={error} />
    </div>
  );
}
