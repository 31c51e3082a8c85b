import { QrCode } from '../../components/QrCode.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { shortUrl } from '../../lib/format.ts';
import { screenConfig } from './screenConfig.ts';
import { useProjectorStore } from './store.ts';

/**
 * A small QR code and the short join address in the header of every
 * results view, so latecomers can join without the join screen. The
 * console can switch it off per screen (screenConfig.ts; a link without
 * console settings: `?corner=off`).
 */
export function JoinCorner() {
  const joinUrl = useProjectorStore((s) => s.joinUrl);
  const { t } = useI18n();
  const shown = useProjectorStore((s) => screenConfig(s.assembly?.settings.screens).corner);
  if (!shown) return null;
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
