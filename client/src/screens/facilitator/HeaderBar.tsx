import { useEffect, useState } from 'react';
import type { DisplayMode } from '../../../../shared/protocol/schemas.ts';
import { LanguageSwitch, nativeName } from '../../components/LanguageSwitch.tsx';
import { LOCALES } from '../../i18n/catalogs.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import type { MessageId } from '../../i18n/catalogs.ts';
import { api } from '../../lib/api.ts';
import { shortUrl } from '../../lib/format.ts';
import { setDisplay, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';
import { AssemblyTitle } from './AssemblyTitle.tsx';

const MODES: { mode: DisplayMode; label: MessageId }[] = [
  { mode: 'join', label: 'console.display.join' },
  { mode: 'live', label: 'console.display.live' },
  { mode: 'final', label: 'console.display.final' },
  { mode: 'disagree', label: 'console.display.disagree' },
  { mode: 'blank', label: 'console.display.blank' },
];

export function HeaderBar() {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const { t, rich } = useI18n();
  const [joinUrl, setJoinUrl] = useState(`${window.location.origin}/a/${assemblyId}`);
  useEffect(() => {
    void api.config().then((r) => r.ok && setJoinUrl(`${r.data.publicUrl}/a/${assemblyId}`));
  }, [assemblyId]);

  return (
    <header className="fac-header">
      <div className="fac-title">
        <p className="muted small">{t('console.heading')}</p>
        <AssemblyTitle />
      </div>
      <div className="fac-links">
        <p>{rich('console.joinAt', { url: shortUrl(joinUrl), mono: (c) => <strong className="mono">{c}</strong> })}</p>
        <p>
          <a href={`/a/${assemblyId}/screen`} target="_blank" rel="noopener">
            {t('console.openProjector')}
          </a>{' '}
          <span className="small">
            ({LOCALES.map((l, i) => (
              <span key={l}>
                {i > 0 ? ' · ' : ''}
                <a href={`/a/${assemblyId}/screen?lang=${l}`} target="_blank" rel="noopener" lang={l} hrefLang={l}>
                  {nativeName(l)}
                </a>
              </span>
            ))}
            )
          </span>
          <span aria-hidden="true"> · </span>
          <a href={`/a/${assemblyId}/report`} target="_blank" rel="noopener" data-testid="report-link">
            {t('console.reportLink')}
          </a>
        </p>
      </div>
      <LanguageSwitch scope="console" className="lang-switch fac-lang" />
      <DisplayControl />
    </header>
  );
}

function DisplayControl() {
  const display = useFacilitatorStore((s) => s.assembly?.display ?? 'join');
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  const choose = async (mode: DisplayMode) => {
    const r = await setDisplay(mode);
    setError(r.ok ? null : r.error.message);
  };
  return (
    <div className="display-control">
      <p id="display-label" className="small">
        {t('console.display.label')}
      </p>
      <div className="segmented" role="group" aria-labelledby="display-label">
        {MODES.map(({ mode, label }) => (
          <button key={mode} type="button" aria-pressed={display === mode} className={display === mode ? 'on' : ''} onClick={() => void choose(mode)}>
            {t(label)}
          </button>
        ))}
      </div>
      <FormError message={error} />
    </div>
  );
}
