import { useCallback, useEffect, useState } from 'react';
import type { JoinMode } from '../../../../shared/protocol/schemas.ts';
import { forgetKioskLocale } from '../../i18n/choose.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { forgetKioskVisitor, isKiosk, useVoterStore } from './store.ts';
import { VoterScreen } from './VoterScreen.tsx';
import './kiosk.css';

/** Seconds the thank-you stays before the tablet is ready for the next person. */
export const KIOSK_RESET_SECONDS = 15;

/**
 * Kiosk mode (issue 14, d21-method.md §5.1 "assisted ballots"): a shared
 * tablet at the desk for people without a phone. Each person types the code
 * of their own one-use access card, votes, and sees "counted"; then the
 * tablet forgets them (its session ends, its memory-only storage is
 * dropped) and asks the next person for a code. Nothing is kept in the
 * browser's storage. An open (code-less) assembly is refused: there a
 * shared tablet would let anyone vote again and again.
 */
export function KioskScreen({ assemblyId }: { assemblyId: string }) {
  const { t } = useI18n();
  const [joinMode, setJoinMode] = useState<JoinMode | 'missing' | null>(null);
  const [visitor, setVisitor] = useState(0);
  useEffect(() => {
    let live = true;
    fetch(`/api/assemblies/${encodeURIComponent(assemblyId)}/public`, { headers: { accept: 'application/json' } })
      .then((r) => r.json() as Promise<{ ok: boolean; data?: { joinMode: JoinMode } }>)
      .then((b) => live && setJoinMode(b.ok && b.data ? b.data.joinMode : 'missing'))
      .catch(() => live && setJoinMode('missing'));
    return () => {
      live = false;
    };
  }, [assemblyId]);
  const [done, setDone] = useState(false);
  const assemblyLang = useVoterStore((s) => s.assembly?.language);
  const next = useCallback(() => {
    // The next person starts in the kiosk's language, not the last person's choice.
    void forgetKioskLocale(assemblyLang);
    forgetKioskVisitor();
    setVisitor((v) => v + 1);
    setDone(false);
  }, [assemblyLang]);

  if (!isKiosk) return null;
  if (joinMode === null) return <p className="page">{t('app.loading')}</p>;
  if (joinMode !== 'codes') {
    return (
      <main className="phone kiosk-refused">
        <section className="v-waiting">
          <h1>{t(joinMode === 'missing' ? 'phone.join.notFound' : 'kiosk.needsCodes')}</h1>
          <p role="alert">{t(joinMode === 'missing' ? 'phone.join.notFoundText' : 'kiosk.needsCodesText')}</p>
        </section>
      </main>
    );
  }
  return (
    <div className="kiosk">
      {done ? (
        <KioskThanks onNext={next} />
      ) : (
        <>
          <VoterScreen key={visitor} assemblyId={assemblyId} />
          <CountedWatch key={visitor} onCounted={() => setDone(true)} />
          <div className="kiosk-bar">
            <button type="button" className="btn" onClick={next}>
              {t('kiosk.startOver')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** Tells once when this visitor's ballot is counted (the last visitor's receipt may linger a moment after a reset). */
function CountedWatch({ onCounted }: { onCounted: () => void }) {
  const [before] = useState(() => useVoterStore.getState().myBallot);
  const counted = useVoterStore((s) => s.myBallot !== null && s.myBallot !== before && s.pending === null && !s.sending);
  useEffect(() => {
    if (counted) onCounted();
  }, [counted, onCounted]);
  return null;
}

/**
 * After the ballot is counted the voter's session is already closed (the
 * ballot screen is gone, nobody can change it): thanks, and the next person
 * in a few seconds or at once.
 */
function KioskThanks({ onNext }: { onNext: () => void }) {
  const { t } = useI18n();
  const [left, setLeft] = useState(KIOSK_RESET_SECONDS);
  useEffect(() => {
    const timer = setInterval(() => setLeft((n) => n - 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) onNext();
  }, [left, onNext]);
  return (
    <main className="phone kiosk-thanks" aria-labelledby="kiosk-thanks-title">
      <h1 id="kiosk-thanks-title">{t('kiosk.done')}</h1>
      <p role="status">{t('kiosk.forget', { seconds: Math.max(0, left) })}</p>
      <button type="button" className="btn primary" autoFocus onClick={onNext}>
        {t('kiosk.next')}
      </button>
    </main>
  );
}
