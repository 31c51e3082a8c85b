import { useRef } from 'react';
import { useI18n } from '../i18n/useI18n.ts';
import { useCssHeight } from '../lib/useCssHeight.ts';

/** A visible, announced banner while the link to the server is down; its height is --banner-h, so sticky parts below stack under it. */
export function ConnectionBanner({ state, detail }: { state: 'connecting' | 'online' | 'reconnecting'; detail?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useCssHeight(ref, '--banner-h');
  return (
    <div ref={ref} className={`conn-banner ${state}`} role="status" aria-live="polite">
      {state === 'reconnecting' ? (
        <>
          <span className="spinner" aria-hidden="true" /> <strong>{t('connection.reconnecting')}</strong>
          {detail ? <span className="conn-detail"> {detail}</span> : null}
        </>
      ) : state === 'connecting' ? (
        <>
          <span className="spinner" aria-hidden="true" /> {t('connection.connecting')}
        </>
      ) : null}
    </div>
  );
}
