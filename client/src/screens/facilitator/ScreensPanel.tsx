import { useId, useState, type FormEvent } from 'react';
import { DEFAULT_SCREEN, ScreenName, type ScreenConfig, type ScreenMode } from '../../../../shared/protocol/schemas.ts';
import { FormError } from '../../components/FormError.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { MapThresholdsField } from './MapThresholdsField.tsx';
import { command, useFacilitatorStore } from './store.ts';
import './screens.css';

const MODES: { mode: ScreenMode; label: MessageId }[] = [
  { mode: 'follow', label: 'console.screens.follow' },
  { mode: 'join', label: 'console.display.join' },
  { mode: 'live', label: 'console.display.live' },
  { mode: 'map', label: 'console.screens.map' },
  { mode: 'final', label: 'console.display.final' },
  { mode: 'disagree', label: 'console.display.disagree' },
  { mode: 'blank', label: 'console.display.blank' },
];
const PAGES = 10;

/** The link of a screen: `main` is the plain projector link. */
export function screenLink(assemblyId: string, name: string): string {
  return name === 'main' ? `/a/${assemblyId}/screen` : `/a/${assemblyId}/screen?screen=${name}`;
}

/**
 * Several projectors (docs/projector.md, "Several projectors"): each
 * projector link has its own mode (follow the display control, or keep one
 * view: the hall on live bars, a side screen on the map, the entrance on the
 * join QR), a pinned page, the join corner on or off and a theme.
 */
export function ScreensPanel() {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const screens = useFacilitatorStore((s) => s.assembly?.settings.screens ?? []);
  const { t } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const list: ScreenConfig[] = screens.some((s) => s.name === 'main') ? screens : [{ name: 'main', ...DEFAULT_SCREEN }, ...screens];
  const save = async (next: ScreenConfig[]) => {
    const r = await command('assembly:update', { screens: next });
    setError(r.ok ? null : r.error.message);
  };
  const change = (screenName: string, patch: Partial<ScreenConfig>) => void save(list.map((s) => (s.name === screenName ? { ...s, ...patch } : s)));
  const add = (e: FormEvent) => {
    e.preventDefault();
    const wanted = name.trim().toLowerCase().replace(/\s+/g, '-');
    if (!ScreenName.safeParse(wanted).success) return setError(t('console.screens.badName'));
    if (list.some((s) => s.name === wanted)) return setError(t('console.screens.taken'));
    setName('');
    void save([...list, { name: wanted, ...DEFAULT_SCREEN }]);
  };
  return (
    <section className="card screens-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('console.screens.title')}</h2>
      <p className="muted small">{t('console.screens.hint')}</p>
      <ul className="screens-list">
        {list.map((s) => (
          <li key={s.name} className="screen-item" data-testid={`screen-${s.name}`}>
            <p className="screen-name">
              <strong>{s.name === 'main' ? t('console.screens.main') : s.name}</strong>{' '}
              <a href={screenLink(assemblyId, s.name)} target="_blank" rel="noopener" className="small">
                {t('console.screens.open')}
              </a>
            </p>
            <div className="screen-fields">
              <label>
                <span className="small">{t('console.screens.mode')}</span>
                <select value={s.mode} onChange={(e) => change(s.name, { mode: e.target.value as ScreenMode })}>
                  {MODES.map((m) => (
                    <option key={m.mode} value={m.mode}>
                      {t(m.label)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span className="small">{t('console.screens.page')}</span>
                <select value={s.page ?? ''} onChange={(e) => change(s.name, { page: e.target.value ? Number(e.target.value) : null })}>
                  <option value="">{t('console.screens.pagesTurn')}</option>
                  {Array.from({ length: PAGES }, (_, i) => (
                    <option key={i} value={i + 1}>
                      {t('console.screens.pinPage', { page: i + 1 })}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span className="small">{t('console.screens.theme')}</span>
                <select value={s.theme} onChange={(e) => change(s.name, { theme: e.target.value === 'light' ? 'light' : 'dark' })}>
                  <option value="dark">{t('console.screens.dark')}</option>
                  <option value="light">{t('console.screens.light')}</option>
                </select>
              </label>
              <label className="screen-check">
                <input type="checkbox" checked={s.corner} onChange={(e) => change(s.name, { corner: e.target.checked })} /> {t('console.screens.corner')}
              </label>
              {s.name !== 'main' ? (
                <button type="button" className="btn small" onClick={() => void save(list.filter((x) => x.name !== s.name))}>
                  {t('console.screens.remove', { name: s.name })}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <form className="row screen-add" onSubmit={add}>
        <label htmlFor={`${id}-name`}>{t('console.screens.newName')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('console.screens.namePlaceholder')} maxLength={24} />
        <button type="submit" className="btn">
          {t('console.screens.add')}
        </button>
      </form>
      <FormError message={error} />
      <MapThresholdsField />
    </section>
  );
}
