import { useEffect, useRef, useState } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useAssemblyLocale } from '../../i18n/choose.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { isKiosk, startVoter, useVoterStore } from './store.ts';
import './phone-dark.css';
import { BallotView } from './BallotView.tsx';
import { ClosedView, JoinProblem, WaitingView } from './WaitingView.tsx';
import { ProfileView } from './ProfileView.tsx';

export function VoterScreen({ assemblyId }: { assemblyId: string }) {
  useEffect(() => startVoter(assemblyId), [assemblyId]);
  // Phone-only page styles (dark mode, scroll padding) hang on <html>.
  useEffect(() => {
    document.documentElement.classList.add('phone-root');
    return () => document.documentElement.classList.remove('phone-root');
  }, []);
  const connection = useVoterStore((s) => s.connection);
  const joined = useVoterStore((s) => s.joined);
  const joinError = useVoterStore((s) => s.joinError);
  const title = useVoterStore((s) => s.assembly?.title ?? '');
  const status = useVoterStore((s) => s.current?.round.status ?? null);
  const profileAsk = useVoterStore((s) => s.profileAsk);
  const news = useVoterStore((s) => s.news);

  const question = useVoterStore((s) => s.current?.round.question ?? '');
  const assemblyLang = useVoterStore((s) => s.assembly?.language);
  const { t } = useI18n();
  // A kiosk keeps its link's language and forgets each visitor's choice (i18n/choose.ts).
  const scope = isKiosk ? 'kiosk' : 'phone';
  useAssemblyLocale(scope, assemblyLang);
  useEffect(() => {
    document.title = title ? t('phone.pageTitleOf', { title }) : t('phone.pageTitle');
  }, [title, t]);

  // Screen readers hear when voting opens or closes, wherever the focus is.
  const [announce, setAnnounce] = useState('');
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (!joined) return;
    const key = status ?? 'none';
    if (last.current !== null && last.current !== key) {
      setAnnounce(status === 'open' ? (question ? t('phone.news.openWith', { question }) : t('phone.news.open')) : status === 'closed' ? t('phone.news.closed') : t('phone.news.waiting'));
    }
    last.current = key;
  }, [joined, status, question, t]);

  let body;
  if (joinError && !joined) body = <JoinProblem />;
  else if (!joined) body = <p className="v-loading">{t('phone.connecting')}</p>;
  // Profile questions come first at join; added later, they wait for the end of an open ballot.
  else if (profileAsk === 'join' || (profileAsk === 'later' && status !== 'open')) body = <ProfileView />;
  else if (status === 'open') body = <BallotView />;
  else if (status === 'closed') body = <ClosedView />;
  else body = <WaitingView />;

  return (
    <div className="phone">
      <header className="v-header">
        <span className="v-assembly" lang={title ? assemblyLang : undefined}>
          {title || t('phone.appName')}
        </span>
        <LanguageSwitch scope={scope} />
      </header>
      <ConnectionBanner
        state={joinError && !joined ? 'online' : connection}
        detail={joined ? t('phone.keptOnPhone') : ''}
      />
      <main className="v-main" id="main">
        {body}
      </main>
      <p className="sr-only" aria-live="assertive" aria-atomic="true">
        {announce}
      </p>
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid="voter-news">
        {news}
      </p>
    </div>
  );
}
