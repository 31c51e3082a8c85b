import { QrCode } from '../../components/QrCode.tsx';
import { shortUrl } from '../../lib/format.ts';
import { useProjectorStore } from './store.ts';

export function JoinView() {
  const title = useProjectorStore((s) => s.assembly?.title ?? '');
  const joinUrl = useProjectorStore((s) => s.joinUrl);
  // turnout:updated arrives also before any round opens; a snapshot carries it too.
  const joined = useProjectorStore((s) => s.turnout?.joined ?? s.snapshot?.turnout.joined ?? null);
  const round = useProjectorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const open = round?.status === 'open';
  return (
    <main className="pj pj-join">
      <div className="pj-join-qr">
        <QrCode text={joinUrl} size={760} label={`QR code to join: ${shortUrl(joinUrl)}`} />
      </div>
      <div className="pj-join-text">
        <p className="pj-kicker">{title}</p>
        <h1 className="pj-huge">{open ? 'Voting is open' : 'Scan to vote'}</h1>
        <p className="pj-big">Open the camera on your phone and point it at the code. No app, no account.</p>
        <p className="pj-label">or type</p>
        <p className="pj-url" data-testid="join-url">
          {shortUrl(joinUrl)}
        </p>
        {joined !== null ? (
          <p className="pj-joined" aria-live="polite">
            <strong data-testid="joined-count">{joined}</strong> {joined === 1 ? 'person has' : 'people have'} joined
          </p>
        ) : null}
      </div>
    </main>
  );
}
