import { useId } from 'react';
import { PRACTICE_PRESETS, SHUFFLE_FROM, type PracticePreset } from '../../../../shared/domain/index.ts';
import type { ProposalView } from '../../../../shared/protocol/views.ts';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import '../../components/practice.css';
import { TIE_RULES, newPotId, prague10Pots, withPreset, type PracticeForm } from './practiceForm.ts';

/** What each practice preset sets, for its button's tooltip (the button shows the place's name). */
const PRESET_DETAIL = {
  praha15: 'console.practice.preset.praha15',
  stredocesky: 'console.practice.preset.stredocesky',
  decin: 'console.practice.preset.decin',
  dablice: 'console.practice.preset.dablice',
} as const satisfies Record<PracticePreset['id'], MessageId>;

interface Props {
  value: PracticeForm;
  onChange: (next: PracticeForm) => void;
  /** A practice preset may set the ballot's plus-per-minus ratio (Děčín 3:1). */
  onRatio: (ratio: number) => void;
  /** Proposals on the ballot (for pot assignments). */
  proposals: ProposalView[];
  budgetRound: boolean;
}

/**
 * The round's §5 settings (d21-method.md §5, docs/practice.md): exclusion
 * thresholds, ranking, tie-break, minus-vote variant, ballot order and
 * budget pots, with presets from real Czech votes. Folded away by default:
 * the core rules need none of it.
 */
export function PracticeFields({ value: f, onChange, onRatio, proposals, budgetRound }: Props) {
  const id = useId();
  const { t, rich } = useI18n();
  const set = (patch: Partial<PracticeForm>) => onChange({ ...f, ...patch });
  const preset = (p: PracticePreset['id']) => {
    const { form, ratio } = withPreset(f, p);
    onChange(form);
    if (ratio !== null) onRatio(ratio);
  };
  const on = f.netBelowZero || f.maxMinusPercent !== '' || f.minPlus !== '' || f.tieRule !== 'flag' || f.rankBy !== 'net' || f.minusAfterAllPlus || f.shuffle !== 'auto' || f.potsOn;
  return (
    <details className="field full practice" open={on || undefined} data-testid="practice-fields">
      <summary>{t(budgetRound ? 'console.practice.summaryPots' : 'console.practice.summary')}</summary>
      <div className="row small-gap wrap" role="group" aria-label={t('console.practice.presets')}>
        {(Object.keys(PRACTICE_PRESETS) as PracticePreset['id'][]).map((p) => (
          <button key={p} type="button" className="btn small" title={t(PRESET_DETAIL[p])} onClick={() => preset(p)}>
            {PRACTICE_PRESETS[p].label.split(':')[0]}
          </button>
        ))}
      </div>
      <fieldset className="inline-options">
        <legend>{t('console.practice.excludeWhen')}</legend>
        <label>
          <input type="checkbox" checked={f.netBelowZero} onChange={(e) => set({ netBelowZero: e.target.checked })} /> {t('console.practice.netBelowZero')}
        </label>
        <label>
          {rich('console.practice.minusShare', {
            input: (
              <input
                key="pct"
                className="narrow"
                aria-label={t('console.practice.minusShareLabel')}
                inputMode="decimal"
                value={f.maxMinusPercent}
                placeholder={t('console.practice.off')}
                onChange={(e) => set({ maxMinusPercent: e.target.value })}
              />
            ),
          })}
        </label>
        <label>
          {rich('console.practice.fewPlus', {
            input: (
              <input
                key="few"
                className="narrow"
                aria-label={t('console.practice.fewPlusLabel')}
                inputMode="numeric"
                value={f.minPlus}
                placeholder={t('console.practice.off')}
                onChange={(e) => set({ minPlus: e.target.value })}
              />
            ),
          })}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-rank`}>{t('console.practice.ranking')}</label>
        <select id={`${id}-rank`} value={f.rankBy} onChange={(e) => set({ rankBy: e.target.value as PracticeForm['rankBy'] })}>
          <option value="net">{t('console.practice.rankNet')}</option>
          <option value="plus">{t('console.practice.rankPlus')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tie`}>{t('console.practice.tie')}</label>
        <select id={`${id}-tie`} value={f.tieRule} onChange={(e) => set({ tieRule: e.target.value as PracticeForm['tieRule'] })}>
          {TIE_RULES.map((r) => (
            <option key={r.id} value={r.id}>
              {t(r.label)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-order`}>{t('console.practice.order')}</label>
        <select id={`${id}-order`} value={f.shuffle} onChange={(e) => set({ shuffle: e.target.value as PracticeForm['shuffle'] })}>
          <option value="auto">{t('console.practice.orderAuto', { n: SHUFFLE_FROM })}</option>
          <option value="on">{t('console.practice.orderOn')}</option>
          <option value="off">{t('console.practice.orderOff')}</option>
        </select>
      </div>
      <label className="field">
        <span>
          <input type="checkbox" checked={f.minusAfterAllPlus} onChange={(e) => set({ minusAfterAllPlus: e.target.checked })} /> {t('console.practice.minusAfterAllPlus')}
        </span>
      </label>
      {budgetRound || f.potsOn ? <Pots f={f} set={set} proposals={proposals} /> : null}
    </details>
  );
}

function Pots({ f, set, proposals }: { f: PracticeForm; set: (patch: Partial<PracticeForm>) => void; proposals: ProposalView[] }) {
  const { t, number } = useI18n();
  const first = f.pots[0]?.id;
  const editPot = (i: number, patch: Partial<PracticeForm['pots'][number]>) => set({ pots: f.pots.map((p, k) => (k === i ? { ...p, ...patch } : p)) });
  return (
    <fieldset className="field full pots" data-testid="pots">
      <legend>{t('console.practice.pots')}</legend>
      <label>
        <input
          type="checkbox"
          checked={f.potsOn}
          onChange={(e) => set({ potsOn: e.target.checked, pots: e.target.checked && f.pots.length === 0 ? prague10Pots() : f.pots })}
        />{' '}
        {t('console.practice.potsOn')}
      </label>
      {f.potsOn ? (
        <>
          <ul className="pot-list">
            {f.pots.map((p, i) => (
              <li key={p.id}>
                <input aria-label={t('console.practice.potName', { n: i + 1 })} value={p.label} maxLength={60} onChange={(e) => editPot(i, { label: e.target.value })} />
                <input aria-label={t('console.practice.potBudget', { n: i + 1 })} inputMode="numeric" value={p.budget} onChange={(e) => editPot(i, { budget: e.target.value })} />
                <button type="button" className="btn small" onClick={() => set({ pots: f.pots.filter((_, k) => k !== i) })} disabled={f.pots.length === 1}>
                  {t('console.practice.potRemove')}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="btn small" onClick={() => set({ pots: [...f.pots, { id: newPotId(f.pots.map((p) => p.id)), label: t('console.practice.potDefault', { n: f.pots.length + 1 }), budget: '0' }] })}>
            {t('console.practice.potAdd')}
          </button>
          <table className="pot-assign">
            <caption className="muted small">{t('console.practice.potAssign')}</caption>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.id}>
                  <td>{p.title}</td>
                  <td className="num">{p.cost === null ? '—' : number(p.cost)}</td>
                  <td>
                    <select aria-label={t('console.practice.potOf', { title: p.title })} value={f.potOf[p.id] ?? first ?? ''} onChange={(e) => set({ potOf: { ...f.potOf, [p.id]: e.target.value } })}>
                      {f.pots.map((pot) => (
                        <option key={pot.id} value={pot.id}>
                          {pot.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </fieldset>
  );
}
