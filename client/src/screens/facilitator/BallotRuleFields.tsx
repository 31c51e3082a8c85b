import { useId } from 'react';
import { DEFAULT_MINUS_RATIO } from '../../../../shared/domain/index.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { prague10Pots } from './practiceForm.ts';
import { PRESET_CHOICES, type Fields } from './roundSetupFields.ts';

interface Props {
  f: Fields;
  update: (patch: Partial<Fields>) => void;
  /** Proposals on the ballot. */
  C: number;
  /** The chosen preset's numbers for this ballot, or null for the formula. */
  preset: { plus: number; minus: number; ratio: number } | null;
  /** The formula's plus votes, the plus votes in force and the formula's minus votes (d21-method.md §1). */
  defaultP: number;
  effP: number;
  defaultM: number;
  /** The round has a budget (Prague 10 then brings its pots, §5.7). */
  budgetRound: boolean;
}

/** The ballot rules of the setup form: preset (D21 formula, NYC, Prague 10), winners, plus and minus votes, ratio. */
export function BallotRuleFields({ f, update, C, preset, defaultP, effP, defaultM, budgetRound }: Props) {
  const id = useId();
  const { t } = useI18n();
  return (
    <>
          <fieldset className="field full preset-pick">
            <legend>{t('console.setup.rules')}</legend>
            <div className="preset-options">
              {PRESET_CHOICES.map((c) => (
                <label key={c.id} className={`preset-option${f.preset === c.id ? ' on' : ''}`}>
                  <input
                    type="radio"
                    name={`${id}-preset`}
                    checked={f.preset === c.id}
                    onChange={() =>
                      update({
                        preset: c.id,
                        plus: '',
                        minus: '',
                        ratio: '',
                        // Prague 10 brings its two pots (large 3 M, small 2 M CZK) to a budget round.
                        ...(c.id === 'prague10' && !f.practice.potsOn ? { practice: { ...f.practice, potsOn: budgetRound, pots: prague10Pots() } } : {}),
                      })
                    }
                  />
                  <span>
                    <strong>{t(c.name)}</strong>
                    <span className="preset-detail">{t(c.detail)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-w`}>{t('console.setup.winners')}</label>
            <input id={`${id}-w`} type="number" min={1} max={Math.max(1, C)} value={f.winners} onChange={(e) => update({ winners: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-p`}>{t('console.setup.plus')}</label>
            <input id={`${id}-p`} type="number" min={0} max={C} value={f.plus !== '' || !preset ? f.plus : String(preset.plus)} placeholder={String(defaultP)} onChange={(e) => update({ plus: e.target.value })} aria-describedby={`${id}-p-hint`} />
            <span id={`${id}-p-hint`} className="hint">
              {preset ? t('console.setup.hint.presetFormula', { preset: preset.plus, formula: defaultP }) : t('console.setup.hint.formula', { formula: defaultP })}
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${id}-m`}>{t('console.setup.minus')}</label>
            <input id={`${id}-m`} type="number" min={0} max={effP} value={f.minus !== '' || !preset ? f.minus : String(preset.minus)} placeholder={String(defaultM)} onChange={(e) => update({ minus: e.target.value })} aria-describedby={`${id}-m-hint`} />
            <span id={`${id}-m-hint`} className="hint">
              {t(preset ? 'console.setup.hint.presetMinus' : 'console.setup.hint.defaultMinus', { n: preset ? preset.minus : defaultM })}
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${id}-r`}>{t('console.setup.ratio')}</label>
            <input id={`${id}-r`} type="number" min={0} max={10} step="0.5" value={f.ratio !== '' || !preset ? f.ratio : String(preset.ratio)} placeholder={String(DEFAULT_MINUS_RATIO)} onChange={(e) => update({ ratio: e.target.value })} aria-describedby={`${id}-r-hint`} />
            <span id={`${id}-r-hint`} className="hint">
              {t(preset ? 'console.setup.hint.presetRatio' : 'console.setup.hint.defaultRatio', { n: preset ? preset.ratio : DEFAULT_MINUS_RATIO })}
            </span>
          </div>
    </>
  );
}
