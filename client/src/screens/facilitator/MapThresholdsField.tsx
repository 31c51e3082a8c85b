import { useId, useState } from 'react';
import type { MapThresholds } from '../../../../shared/protocol/schemas.ts';
import { FormError } from '../../components/FormError.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { command, useFacilitatorStore } from './store.ts';

/**
 * The consensus map's quadrant lines for this assembly, in % of voters;
 * empty keeps the documented default (docs/projector.md, "The consensus
 * map": support P / C, opposition at least 5 % or M / C).
 */
export function MapThresholdsField() {
  const map = useFacilitatorStore((s) => s.assembly?.settings.map ?? { support: null, opposition: null });
  const { t } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const save = async (key: keyof MapThresholds, text: string) => {
    const pct = text.trim() === '' ? null : Number(text);
    if (pct !== null && !(pct >= 1 && pct <= 99)) return setError(t('console.screens.thresholdRange'));
    const r = await command('assembly:update', { map: { ...map, [key]: pct === null ? null : pct / 100 } });
    setError(r.ok ? null : r.error.message);
  };
  const field = (key: keyof MapThresholds, label: string) => (
    <label key={`${key}-${map[key] ?? ''}`}>
      <span className="small">{label}</span>
      <input
        type="number"
        min={1}
        max={99}
        inputMode="numeric"
        defaultValue={map[key] === null ? '' : Math.round(map[key] * 100)}
        placeholder={t('console.screens.thresholdDefault')}
        onBlur={(e) => void save(key, e.target.value)}
      />
    </label>
  );
  return (
    <fieldset className="map-thresholds" aria-describedby={`${id}-hint`}>
      <legend>{t('console.screens.mapLines')}</legend>
      <div className="screen-fields">
        {field('support', t('console.screens.supportLine'))}
        {field('opposition', t('console.screens.oppositionLine'))}
      </div>
      <p id={`${id}-hint`} className="muted small">
        {t('console.screens.mapHint')}
      </p>
      <FormError message={error} />
    </fieldset>
  );
}
