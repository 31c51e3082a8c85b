import { useCallback, useEffect, useState } from 'react';
import type { JoinMode } from '../../../../shared/protocol/schemas.ts';
import type { CodeView } from '../../../../shared/protocol/views.ts';
import { FormError } from '../../components/FormError.tsx';
import { api } from '../../lib/api.ts';
import { t } from '../../i18n/i18n.ts';
import { CodeSheet } from './CodeCards.tsx';
import { Fresh, Generate } from './CodesIssue.tsx';
import { CodesList } from './CodesList.tsx';
import { forAssembly, useIssued } from './issuedCodes.ts';
import { command, useFacilitatorStore } from './store.ts';
import './codes.css';

/**
 * Who can join, and the access cards of a codes assembly: generate them,
 * print them as QR cards, see which are in use, revoke a lost phone's card
 * and issue a replacement.
 */
export function CodesPanel() {
  const assemblyId = useFacilitatorStore((s) => s.assemblyId);
  const joinMode = useFacilitatorStore((s) => s.assembly?.joinMode ?? 'open');
  const title = useFacilitatorStore((s) => s.assembly?.title ?? '');
  const [publicUrl, setPublicUrl] = useState(window.location.origin);
  const sheet = useIssued((s) => s.sheet);
  useEffect(() => forAssembly(assemblyId), [assemblyId]);

  useEffect(() => {
    void api.config().then((r) => r.ok && setPublicUrl(r.data.publicUrl.replace(/\/+$/, '')));
  }, []);

  // Closing the console with codes never printed loses them for good.
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (useIssued.getState().unprinted.size > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, []);

  const closeSheet = useCallback(() => useIssued.setState({ sheet: null }), []);
  const printed = useCallback(() => {
    const shown = useIssued.getState().sheet?.codes ?? [];
    const unprinted = new Set(useIssued.getState().unprinted);
    for (const c of shown) unprinted.delete(c.id);
    useIssued.setState({ unprinted });
  }, []);

  return (
    <section className="card codes-panel" aria-labelledby="codes-title">
      <h2 id="codes-title">{t('codes.title')}</h2>
      <JoinModeSwitch joinMode={joinMode} />
      {joinMode === 'codes' ? <CodesWork /> : null}
      {joinMode === 'codes' ? (
        <p className="hint" data-testid="kiosk-link">
          {t('codes.kiosk', { url: `${publicUrl}/a/${assemblyId}/kiosk` })}
        </p>
      ) : null}
      {sheet ? (
        <CodeSheet codes={sheet.codes} heading={sheet.heading} publicUrl={publicUrl} assemblyId={assemblyId} title={title} onClose={closeSheet} onPrinted={printed} />
      ) : null}
    </section>
  );
}

function JoinModeSwitch({ joinMode }: { joinMode: JoinMode }) {
  const [error, setError] = useState<string | null>(null);
  // The choice shows at once; it settles when the server's update arrives.
  const [pending, setPending] = useState<JoinMode | null>(null);
  useEffect(() => {
    if (pending === joinMode) setPending(null);
  }, [pending, joinMode]);
  const busy = pending !== null;
  const shown = pending ?? joinMode;
  const choose = async (mode: JoinMode) => {
    if (mode === joinMode || busy) return;
    setPending(mode);
    const r = await command('assembly:update', { joinMode: mode });
    if (!r.ok) setPending(null);
    setError(r.ok ? null : r.error.message);
  };
  return (
    <fieldset className="join-mode" aria-describedby="join-mode-note">
      <legend className="sr-only">{t('codes.title')}</legend>
      <label className="join-mode-option">
        <input type="radio" name="join-mode" checked={shown === 'open'} onChange={() => void choose('open')} />
        <span>
          <strong>{t('codes.open')}</strong>
          <span className="hint">{t('codes.openHint')}</span>
        </span>
      </label>
      <label className="join-mode-option">
        <input type="radio" name="join-mode" checked={shown === 'codes'} onChange={() => void choose('codes')} />
        <span>
          <strong>{t('codes.cards')}</strong>
          <span className="hint">{t('codes.cardsHint')}</span>
        </span>
      </label>
      <p id="join-mode-note" className="hint">
        {t('codes.stayIn')}
      </p>
      <FormError message={error} />
    </fieldset>
  );
}

function CodesWork() {
  const [codes, setCodes] = useState<CodeView[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const connection = useFacilitatorStore((s) => s.connection);
  const codesVersion = useFacilitatorStore((s) => s.codesVersion);

  const refresh = useCallback(async () => {
    const r = await command('codes:list', {});
    if (r.ok) {
      setCodes(r.data);
      setListError(null);
    } else if (r.error.code !== 'OFFLINE') setListError(r.error.message);
  }, []);

  // The server announces every card used, revoked or issued (codes:updated).
  useEffect(() => {
    if (connection === 'online') void refresh();
  }, [refresh, connection, codesVersion]);

  return (
    <div className="codes-work">
      <Generate onDone={refresh} />
      <Fresh />
      <CodesList codes={codes} error={listError} onChange={refresh} />
    </div>
  );
}
