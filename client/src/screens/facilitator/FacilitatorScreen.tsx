import { useEffect, useState, type FormEvent } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { AssemblySettingsPanel } from './AssemblySettingsPanel.tsx';
import { startFacilitator, useFacilitatorStore } from './store.ts';
import { HeaderBar } from './HeaderBar.tsx';
import { ProposalsPanel } from './ProposalsPanel.tsx';
import { RoundPanel } from './RoundPanel.tsx';
import { RoundSetup } from './RoundSetup.tsx';
import { RoundsList } from './RoundsList.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { CodesPanel } from './CodesPanel.tsx';
import { ModerationPanel } from './ModerationPanel.tsx';
import { ProfilePanel } from './ProfilePanel.tsx';
import { ScreensPanel } from './ScreensPanel.tsx';
import { PaperPanel } from './PaperPanel.tsx';
import { SecurityNotice } from './SecurityNotice.tsx';
import './console.css';

export function FacilitatorScreen({ assemblyId }: { assemblyId: string }) {
  useEffect(() => startFacilitator(assemblyId), [assemblyId]);
  const joined = useFacilitatorStore((s) => s.joined);
  const authError = useFacilitatorStore((s) => s.authError);
  const connection = useFacilitatorStore((s) => s.connection);
  const title = useFacilitatorStore((s) => s.assembly?.title ?? '');
  const { t } = useI18n();

  useEffect(() => {
    document.title = title ? t('console.pageTitleOf', { title }) : t('console.pageTitle');
  }, [title, t]);

  if (!joined) {
    return (
      <main className="page narrow">
        <h1>{t('console.heading')}</h1>
        <ConnectionBanner state={authError ? 'online' : connection} />
        {authError ? <TokenForm message={authError} /> : <p>{t('connection.connecting')}</p>}
      </main>
    );
  }
  return (
    <div className="fac">
      <HeaderBar />
      <ConnectionBanner state={connection} detail={t('console.paused')} />
      <main className="fac-main" id="main">
        <div className="fac-col">
          <RoundPanel />
          <ModerationPanel placement="main" />
          <ResultsPanel />
          <RoundSetup />
          <RoundsList />
          <SecurityNotice />
        </div>
        <div className="fac-col">
          <ProposalsPanel />
          <ModerationPanel placement="side" />
          <ProfilePanel />
          <CodesPanel />
          <PaperPanel />
          <ScreensPanel />
          <AssemblySettingsPanel />
        </div>
      </main>
    </div>
  );
}

/** Without a token (or with a wrong one): paste the facilitator link. */
function TokenForm({ message }: { message: string }) {
  const setToken = useFacilitatorStore((s) => s.setToken);
  const [value, setValue] = useState('');
  const { t, rich } = useI18n();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const m = /token=([^&\s]+)/.exec(value);
    const token = decodeURIComponent(m?.[1] ?? value.trim());
    if (token) setToken(token);
  };
  return (
    <form className="card stack" onSubmit={onSubmit}>
      <p className="form-error" role="alert">
        {message}
      </p>
      <label htmlFor="token">{t('console.token.label')}</label>
      <input id="token" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
      <button className="btn primary" type="submit">
        {t('console.token.open')}
      </button>
      <p className="muted">{rich('console.token.help', { link: (c) => <a href="/">{c}</a> })}</p>
    </form>
  );
}
