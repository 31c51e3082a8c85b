import { QrCode } from '../../components/QrCode.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { shortUrl } from '../../lib/format.ts';
import { useProjectorStore } from './store.ts';

export function JoinView() {
  const title = useProjectorStore((s) => s.assembly?.title ?? '');
  const joinUrl = useProjectorStore((s) => s.joinUrl);
  // turnout:updated arrives also before any round opens; a snapshot carries it too.
  const joined = useProjectorStore((s) => s.turnout?.joined ?? s.snapshot?.turnout.joined ?? null);
  const round = useProjectorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const open = round?.status === 'open';
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, rich } = useI18n();
  return (
    <main className="pj pj-join">
      <div className="pj-join-qr">
        <QrCode text={joinUrl} size={760} label={t('projector.join.qr', { url: shortUrl(joinUrl) })} />
      </div>
      <div className="pj-join-text">
        <p className="pj-kicker" lang={lang}>
          {title}
        </p>
        <h1 className="pj-huge">{t(open ? 'projector.join.open' : 'projector.join.scan')}</h1>
        <p className="pj-big">{t('projector.join.how')}</p>
        <p className="pj-label">{t('projector.join.orType')}</p>
        <p className="pj-url" data-testid="join-url">
          {shortUrl(joinUrl)}
        </p>
        {joined !== null ? (
          <p className="pj-joined" aria-live="polite">
            {rich('projector.join.joined', { n: joined, count: (c) => <strong data-testid="joined-count">{c}</strong> })}
          </p>
        ) : null}
      </div>
    </main>
  );
}
