import { useEffect } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useI18n } from '../../i18n/useI18n.ts';
import { EntryForm } from './EntryForm.tsx';
import { EntryList } from './EntryList.tsx';
import { startEntry, useEntryStore } from './store.ts';
import './entry.css';

/**
 * The paper-ballot entry screen of a staff link (`/a/:id/entry#key=…`,
 * docs/practice.md "Paper ballots"): made for the keyboard. Serial, code
 * (access-code assemblies), the proposal numbers marked on the paper, Enter.
 */
export function EntryScreen({ assemblyId }: { assemblyId: string }) {
  useEffect(() => startEntry(assemblyId), [assemblyId]);
  const joined = useEntryStore((s) => s.joined);
  const authError = useEntryStore((s) => s.authError);
  const connection = useEntryStore((s) => s.connection);
  const title = useEntryStore((s) => s.state?.assembly.title ?? '');
  const staffName = useEntryStore((s) => s.state?.staff.name ?? '');
  const round = useEntryStore((s) => s.state?.round ?? null);
  const { t } = useI18n();

  useEffect(() => {
    document.title = title ? t('entry.pageTitleOf', { title }) : t('entry.pageTitle');
  }, [title, t]);

  // A link revoked while open: the reconnect's join is refused, and the form goes away.
  if (!joined || authError) {
    return (
      <main className="page narrow">
        <h1>{t('entry.heading')}</h1>
        <ConnectionBanner state={authError ? 'online' : connection} />
        {authError ? (
          <p className="form-error" role="alert">
            {authError}
          </p>
        ) : (
          <p>{t('connection.connecting')}</p>
        )}
      </main>
    );
  }
  return (
    <div className="entry">
      <ConnectionBanner state={connection} />
      <header className="entry-head">
        <div>
          <h1>{t('entry.heading')}</h1>
          <p className="muted">{t('entry.who', { title, name: staffName })}</p>
        </div>
        <LanguageSwitch scope="console" />
      </header>
      <main className="entry-main" id="main">
        {!round ? (
          <p className="card">{t('entry.noRound')}</p>
        ) : (
          <>
            <h2 className="entry-question">{round.question || t('entry.roundOf', { seq: round.seq })}</h2>
            {round.status === 'closed' ? <p className="card entry-closed">{t('entry.closed')}</p> : <EntryForm />}
            <EntryList />
          </>
        )}
      </main>
    </div>
  );
}
