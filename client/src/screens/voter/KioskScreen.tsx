import { useCallback, useEffect, useRef, useState } from 'react';
import type { JoinMode } from '../../../../shared/protocol/schemas.ts';
import { forgetKioskLocale } from '../../i18n/choose.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { idlePhase, kioskTimings, type KioskTimings } from './kioskIdle.ts';
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
 *
 * Forgetting is total: `forgetKioskVisitor` ends the person's session
 * first (its socket is closed, so the server hears nothing more from it;
 * its timers stop; an ack still on the way is dropped), then drops their
 * memory, and only then does the next person's screen start, with a fresh
 * memory and from the code screen. Each person's screen is one keyed
 * subtree (KioskVisitor), so all of it goes when they do.
 *
 * A ballot on its way: "Start over (forget me)" is disabled while "Send
 * ballot" waits for the server's answer (at most 10 s), with a note saying
 * so, and a tap in the same instant as "Send ballot" is refused too. As a
 * polling-station officer would want, the person who pressed Send learns
 * whether it counted: counted ends at the thank-you screen (their session
 * closed); refused or not confirmed leaves them at their ballot to send
 * again or start over. A ballot not confirmed when they start over may
 * still have reached the server and be counted; nothing of it is shown to,
 * or can be changed by, the next person.
 *
 * Walking away: after `?idle=` seconds (default 120, kioskIdle.ts) without
 * a touch, key or click while a person is at the tablet (joined, a refused
 * code on screen, or something typed), "Are you still there?" counts down
 * `?warn=` seconds (default 20); "I'm still here" (or a tap on the
 * warning) keeps them, otherwise the tablet forgets them exactly as "Start
 * over" does. Never while a ballot is on its way. The bare code screen
 * does not count down: there is nobody to forget.
 */
export function KioskScreen({ assemblyId }: { assemblyId: string }) {
  const { t } = useI18n();
  const [joinMode, setJoinMode] = useState<JoinMode | 'missing' | null>(null);
  const [visitor, setVisitor] = useState(0);
  const [timings] = useState(() => kioskTimings(window.location.search));
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
    // Checked here, not only by the disabled button: a tap in the same
    // instant as "Send ballot" arrives before the button re-renders.
    if (useVoterStore.getState().sending) return;
    // The next person starts in the kiosk's language, not the last person's choice.
    void forgetKioskLocale(assemblyLang);
    forgetKioskVisitor();
    setVisitor((v) => v + 1);
    setDone(false);
  }, [assemblyLang]);
  const counted = useCallback(() => setDone(true), []);

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
        // One keyed child per person: the whole of their screen (ballot,
        // watcher, buttons, idle clock) unmounts together when they go.
        <KioskVisitor key={visitor} assemblyId={assemblyId} timings={timings} onCounted={counted} onStartOver={next} />
      )}
    </div>
  );
}

/** One person's turn at the tablet: their ballot screen, "Start over", and the idle clock. */
function KioskVisitor({
  assemblyId,
  timings,
  onCounted,
  onStartOver,
}: {
  assemblyId: string;
  timings: KioskTimings;
  onCounted: () => void;
  onStartOver: () => void;
}) {
  const { t } = useI18n();
  const sending = useVoterStore((s) => s.sending);
  const root = useRef<HTMLDivElement>(null);
  const present = useCallback(() => somebodyHere(root.current), []);
  const idle = useIdleReset(timings, present, onStartOver);
  return (
    <div ref={root} className="kiosk-visitor">
      <div className="kiosk-turn" inert={idle.secondsLeft !== null}>
        <VoterScreen assemblyId={assemblyId} />
        <CountedWatch onCounted={onCounted} />
        <div className="kiosk-bar">
          <button type="button" className="btn" onClick={onStartOver} disabled={sending} aria-describedby="kiosk-wait">
            {t('kiosk.startOver')}
          </button>
          <p id="kiosk-wait" className="kiosk-wait" role="status">
            {sending ? t('kiosk.startOverWait') : ''}
          </p>
        </div>
      </div>
      {idle.secondsLeft !== null ? <IdleWarning secondsLeft={idle.secondsLeft} onStay={idle.stay} /> : null}
    </div>
  );
}

/**
 * Is anything of a person on the tablet? Joined (a ballot or a waiting
 * screen of theirs), a code being checked or refused (their code may be on
 * screen), or something typed. A ballot on its way does not count: it is
 * never reset under a send.
 */
function somebodyHere(root: HTMLElement | null): boolean {
  const s = useVoterStore.getState();
  if (s.sending) return false;
  if (s.joined || s.codeBusy) return true;
  if (s.joinError && s.joinError.code !== 'CODE_REQUIRED') return true;
  return [...(root?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea') ?? [])].some((el) => el.value.trim() !== '');
}

/** Inputs that show a person is at the tablet. */
const INPUT_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel'] as const;

/**
 * The idle clock: the last touch, key or click, and the warning's seconds
 * left (null: no warning). While the warning shows, only "I'm still here"
 * (or a tap on the warning) stops it: a tap that merely dismissed it on
 * pointer-down would fall through to the ballot underneath.
 */
function useIdleReset(timings: KioskTimings, present: () => boolean, onReset: () => void): { secondsLeft: number | null; stay(): void } {
  const last = useRef(Date.now());
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const warning = useRef(false);
  const reset = useRef(onReset);
  reset.current = onReset;
  useEffect(() => {
    const input = () => {
      if (!warning.current) last.current = Date.now();
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, input, { capture: true, passive: true });
    const tick = setInterval(() => {
      const now = Date.now();
      if (!present()) {
        // Nobody to forget (or a ballot on its way): the clock waits.
        last.current = now;
        warning.current = false;
        setSecondsLeft(null);
        return;
      }
      const p = idlePhase(last.current, now, timings);
      if (p.phase === 'reset') reset.current();
      warning.current = p.phase === 'warning';
      setSecondsLeft(p.phase === 'warning' ? p.secondsLeft : null);
    }, 250);
    return () => {
      clearInterval(tick);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, input, { capture: true });
    };
  }, [timings, present]);
  const stay = useCallback(() => {
    last.current = Date.now();
    warning.current = false;
    setSecondsLeft(null);
  }, []);
  return { secondsLeft, stay };
}

/** "Are you still there?" over the ballot, with the seconds left and one big button. */
function IdleWarning({ secondsLeft, onStay }: { secondsLeft: number; onStay: () => void }) {
  const { t } = useI18n();
  return (
    <div className="kiosk-idle" onClick={onStay}>
      <section className="kiosk-idle-box" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-idle-title" aria-describedby="kiosk-idle-text">
        <h2 id="kiosk-idle-title">{t('kiosk.idle.title')}</h2>
        <p id="kiosk-idle-text">{t('kiosk.idle.text')}</p>
        <p className="kiosk-idle-left">{t('kiosk.idle.countdown', { seconds: secondsLeft })}</p>
        <button type="button" className="btn primary" autoFocus onClick={onStay}>
          {t('kiosk.idle.stay')}
        </button>
      </section>
    </div>
  );
}

/** Tells once when this visitor's ballot is counted (a receipt already in the store when their screen appeared is not theirs). */
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
