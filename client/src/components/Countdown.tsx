import { useI18n } from '../i18n/useI18n.ts';
import { useServerNow } from '../lib/useNow.ts';

/** Time left until a server-time deadline; "closing…" once it passes (the server closes the round). */
export function Countdown({ deadline, label, className = 'countdown' }: { deadline: number | null; label?: string; className?: string }) {
  const now = useServerNow(deadline !== null);
  const { t, clock } = useI18n();
  if (deadline === null) return null;
  const left = deadline - now;
  const urgent = left <= 30_000;
  return (
    <p className={`${className}${urgent ? ' urgent' : ''}`} role="timer" aria-atomic="true">
      {left > 0 ? (
        <>
          <span className="countdown-label">{label ?? t('countdown.closesIn')} </span>
          <span className="countdown-time">{clock(left)}</span>
        </>
      ) : (
        <span className="countdown-label">{t('countdown.closing')}</span>
      )}
    </p>
  );
}
