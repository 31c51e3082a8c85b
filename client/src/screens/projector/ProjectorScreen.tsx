import { useEffect, useState } from 'react';
import { useAssemblyLocale, useLocaleSettled } from '../../i18n/choose.ts';
import './theme.css';
import { errorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { startProjector, useProjectorStore } from './store.ts';
import { JoinView } from './JoinView.tsx';
import { LiveView } from './LiveView.tsx';
import { HiddenView } from './HiddenView.tsx';
import { FinalView } from './FinalView.tsx';
import { DisagreeView } from './DisagreeView.tsx';
import { MapView } from './MapView.tsx';
import { effectiveMode } from './screenConfig.ts';
import { useScreenConfig } from './selectors.ts';

/**
 * The projector: what it shows is the facilitator's choice (assembly.display),
 * or this screen's own mode and theme when the console set them for its
 * link's `?screen=` name (screenConfig.ts).
 * It keeps the last picture while the link is down (a small pill says so),
 * so the hall never sees a blank or an error page. Its language is its
 * link's ?lang=, else the assembly's default (i18n/choose.ts).
 */
export function ProjectorScreen({ assemblyId }: { assemblyId: string }) {
  useEffect(() => startProjector(assemblyId), [assemblyId]);
  useEffect(() => {
    document.documentElement.classList.add('projector-root');
    return () => document.documentElement.classList.remove('projector-root');
  }, []);
  const theme = useScreenConfig().theme;
  useEffect(() => {
    // The light high-contrast theme for bright rooms (styles: projector-light.css).
    document.documentElement.classList.toggle('projector-light', theme === 'light');
    return () => document.documentElement.classList.remove('projector-light');
  }, [theme]);
  const joined = useProjectorStore((s) => s.joined);
  const error = useProjectorStore((s) => s.error);
  const retrying = useProjectorStore((s) => s.retrying);
  const connection = useProjectorStore((s) => s.connection);
  const config = useScreenConfig();
  const display = effectiveMode(config.mode, useProjectorStore((s) => s.assembly?.display ?? 'join'));
  const title = useProjectorStore((s) => s.assembly?.title ?? '');
  const round = useProjectorStore((s) => s.assembly?.rounds.find((r) => r.id === s.assembly?.currentRoundId) ?? null);
  const assemblyLang = useProjectorStore((s) => s.assembly?.settings.language);
  const { t } = useI18n();
  useAssemblyLocale('screen', assemblyLang);
  const settled = useLocaleSettled('screen', assemblyLang);
  const slow = useSlowStart();
  const hasResults = useProjectorStore((s) => Boolean(s.snapshot?.results && s.snapshot.roundId === s.assembly?.currentRoundId));

  useEffect(() => {
    document.title = title ? t('projector.pageTitleOf', { title }) : t('projector.pageTitle');
  }, [title, t]);

  let view;
  if (!error && (!joined || !settled) && !slow) {
    // No words until the screen's language is known: the hall sees a quiet
    // pulse, never a flash of the wrong language (docs/i18n.md).
    view = (
      <main className="pj pj-center" aria-busy="true">
        <div className="pj-pulse" />
      </main>
    );
  } else if (!joined) {
    view = (
      <main className="pj pj-center">
        <h1 className="pj-huge">{error ? t('projector.cannotShow') : retrying ? t('connection.reconnecting') : t('connection.connecting')}</h1>
        {error ? <p className="pj-big">{errorText({ code: error })}</p> : null}
        {retrying && !error ? (
          <p className="pj-big" role="status" data-testid="projector-retrying">
            {t('projector.busy')}
          </p>
        ) : null}
      </main>
    );
  } else if (display === 'blank') {
    view = (
      <main className="pj pj-blank" aria-label={t('projector.blank')}>
        <h1 className="sr-only">{t('projector.blank')}</h1>
      </main>
    );
  } else if (display === 'join' || !round || round.status === 'draft') {
    view = <JoinView />;
  } else if (display === 'final' && round.status !== 'closed') {
    view = <HiddenView final />;
  } else if (!hasResults) {
    view = <HiddenView final={false} />;
  } else if (display === 'final') {
    view = <FinalView />;
  } else if (display === 'disagree') {
    view = <DisagreeView />;
  } else if (display === 'map') {
    view = <MapView />;
  } else {
    view = <LiveView />;
  }
  return (
    <>
      {view}
      {joined && connection !== 'online' ? (
        <p className="pj-conn" role="status">
          {t('connection.reconnecting')}
        </p>
      ) : null}
    </>
  );
}

/** After 4 s without a picture, say in words that the screen is connecting. */
function useSlowStart(): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 4000);
    return () => clearTimeout(timer);
  }, []);
  return slow;
}
