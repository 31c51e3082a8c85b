import { Countdown } from '../../components/Countdown.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { useProjectorStore } from './store.ts';
import { JoinCorner } from './JoinCorner.tsx';

/** Turnout only: a round whose results are hidden until close, or "final" asked for before the close. */
export function HiddenView({ final }: { final: boolean }) {
  const round = useProjectorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const voted = useProjectorStore((s) => s.snapshot?.turnout.voted ?? 0);
  const joined = useProjectorStore((s) => s.snapshot?.turnout.joined ?? 0);
  const share = joined > 0 ? Math.min(1, voted / joined) : 0;
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, rich, percent } = useI18n();
  return (
    <main className="pj pj-hidden">
      <div className="pj-hidden-corner">
        <JoinCorner />
      </div>
      <p className="pj-kicker">
        {t('projector.kicker', { n: round?.seq ?? 0, label: t(round?.status === 'open' ? 'projector.votingOpen' : 'projector.votingClosed') })}
      </p>
      <h1 className="pj-question center" lang={round?.question ? lang : undefined}>
        {round?.question || t('phone.ballot.defaultQuestion')}
      </h1>
      <p className="pj-turnout-huge" data-testid="pj-hidden-turnout" aria-live="polite">
        {rich('projector.hidden.voted', { voted, joined })}
      </p>
      <div className="pj-progress" role="img" aria-label={t('projector.hidden.progress', { share: percent(share) })}>
        <div className="pj-progress-fill" style={{ width: `${share * 100}%` }} />
      </div>
      {round?.status === 'open' ? <Countdown deadline={round.deadline} label={t('countdown.closesIn')} className="pj-countdown big" /> : null}
      <p className="pj-big muted">{t(final || round?.visibility === 'hidden' ? 'projector.hidden.atClose' : 'projector.hidden.waiting')}</p>
    </main>
  );
}
