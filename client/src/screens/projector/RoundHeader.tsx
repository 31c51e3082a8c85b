import { Countdown } from '../../components/Countdown.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { useProjectorStore } from './store.ts';
import { JoinCorner } from './JoinCorner.tsx';

/** The band at the top of the results views: which vote, the clock, and turnout. */
export function RoundHeader({ label }: { label: string }) {
  const round = useProjectorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const voted = useProjectorStore((s) => s.snapshot?.turnout.voted ?? 0);
  const joined = useProjectorStore((s) => s.snapshot?.turnout.joined ?? 0);
  const lang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t, rich } = useI18n();
  if (!round) return null;
  return (
    <header className="pj-header">
      <div className="pj-header-main">
        <p className="pj-kicker">
          {t('projector.kicker', { n: round.seq, label })}
        </p>
        <h1 className="pj-question" lang={round.question ? lang : undefined}>
          {round.question || t('phone.ballot.defaultQuestion')}
        </h1>
      </div>
      <JoinCorner />
      <div className="pj-header-side">
        {round.status === 'open' ? (
          <Countdown deadline={round.deadline} label={t('projector.timeLeft')} className="pj-countdown" />
        ) : (
          <p className="pj-closed-pill">{t('projector.closedPill')}</p>
        )}
        <p className="pj-turnout" data-testid="pj-turnout">
          {rich('projector.header.voted', { voted, joined })}
        </p>
      </div>
    </header>
  );
}
