import { useEffect, useState } from 'react';
import type { DisplayMode } from '../../../../shared/protocol/schemas.ts';
import { api } from '../../lib/api.ts';
import { shortUrl } from '../../lib/format.ts';
import { setDisplay, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';
import { AssemblyTitle } from './AssemblyTitle.tsx';

const MODES: { mode: DisplayMode; label: string }[] = [
  { mode: 'join', label: 'Join screen' },
  { mode: 'live', label: 'Live results' },
  { mode: 'final', label: 'Final results' },
  { mode: 'disagree', label: 'Where we disagree' },
  { mode: 'blank', label: 'Blank' },
];

export function HeaderBar() {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const [joinUrl, setJoinUrl] = useState(`${window.location.origin}/a/${assemblyId}`);
  useEffect(() => {
    void api.config().then((r) => r.ok && setJoinUrl(`${r.data.publicUrl}/a/${assemblyId}`));
  }, [assemblyId]);

  return (
    <header className="fac-header">
      <div className="fac-title">
        <p className="muted small">Facilitator console</p>
        <AssemblyTitle />
      </div>
      <div className="fac-links">
        <p>
          Phones join at <strong className="mono">{shortUrl(joinUrl)}</strong>
        </p>
        <p>
          <a href={`/a/${assemblyId}/screen`} target="_blank" rel="noopener">
            Open the projector screen ↗
          </a>
          <span aria-hidden="true"> · </span>
          <a href={`/a/${assemblyId}/report`} target="_blank" rel="noopener" data-testid="report-link">
            Final report ↗
          </a>
        </p>
      </div>
      <DisplayControl />
    </header>
  );
}

function DisplayControl() {
  const display = useFacilitatorStore((s) => s.assembly?.display ?? 'join');
  const [error, setError] = useState<string | null>(null);
  const choose = async (mode: DisplayMode) => {
    const r = await setDisplay(mode);
    setError(r.ok ? null : r.error.message);
  };
  return (
    <div className="display-control">
      <p id="display-label" className="small">
        Projector shows
      </p>
      <div className="segmented" role="group" aria-labelledby="display-label">
        {MODES.map(({ mode, label }) => (
          <button key={mode} type="button" aria-pressed={display === mode} className={display === mode ? 'on' : ''} onClick={() => void choose(mode)}>
            {label}
          </button>
        ))}
      </div>
      <FormError message={error} />
    </div>
  );
}
