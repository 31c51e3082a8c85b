import { QrCode } from '../../components/QrCode.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { shortUrl } from '../../lib/format.ts';
import { useProjectorStore } from './store.ts';

/**
 * A small QR code and the short join address in the header of every
 * results view, so latecomers can join without the join screen. A screen
 * link with `?corner=off` leaves it out (e.g. a side screen).
 */
export function JoinCorner() {
  const joinUrl = useProjectorStore((s) => s.joinUrl);
  const { t } = useI18n();
  if (new URLSearchParams(window.location.search).get('corner') === 'off') return null;
  const text = shortUrl(joinUrl);
  return (
    <div className="pj-corner" data-testid="pj-corner">
      <QrCode text={joinUrl} size={132} label={t('projector.corner.qr', { url: text })} />
      <p className="pj-corner-code">
        {t('projector.corner.join')} <strong>{text.replace(/^.*\/a\//, '')}</strong>
      </p>
    </div>
  );
}
