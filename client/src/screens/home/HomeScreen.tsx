import { useEffect, useState, type FormEvent } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { errorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { api } from '../../lib/api.ts';
import { navigate } from '../../lib/nav.ts';
import { keys, load, save } from '../../lib/storage.ts';
import { recentAssemblies, rememberAssembly } from '../../lib/recentAssemblies.ts';

/** The operator key from the start banner's link (#operator=…), kept in this browser and taken out of the address bar. */
function takeOperatorKey(): string {
  const m = /(?:^#|&)operator=([^&]+)/.exec(window.location.hash);
  if (m?.[1]) {
    const key = decodeURIComponent(m[1]);
    save(keys.operatorKey, key);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return key;
  }
  return load<string>(keys.operatorKey) ?? '';
}

/** Start page: create an assembly, or go back to one facilitated from this browser. */
export function HomeScreen() {
  const [title, setTitle] = useState('');
  const [operatorKey, setOperatorKey] = useState(takeOperatorKey);
  const [askKey, setAskKey] = useState(() => operatorKey === '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const recent = recentAssemblies();
  const { t, rich, locale } = useI18n();

  useEffect(() => {
    document.title = t('home.title');
  }, [t]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError(t('home.titleMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    // The console's language becomes the assembly's default; the facilitator can change it in the console.
    const reply = await api.createAssembly(title.trim(), operatorKey.trim(), locale);
    setBusy(false);
    if (!reply.ok) {
      if (reply.error.code === 'UNAUTHORIZED') {
        setAskKey(true);
        setError(t('home.operatorKeyWrong'));
      } else setError(errorText(reply.error));
      return;
    }
    save(keys.operatorKey, operatorKey.trim());
    const { assembly, facilitatorToken } = reply.data;
    save(keys.facilitatorToken(assembly.id), facilitatorToken);
    rememberAssembly(assembly.id, assembly.title);
    // Same origin as this page (the returned URL may name the LAN address).
    navigate(`/a/${assembly.id}/facilitator#token=${encodeURIComponent(facilitatorToken)}`);
  };

  return (
    <main className="page narrow home">
      <div className="home-top">
        <h1>{t('home.title')}</h1>
        <LanguageSwitch scope="console" />
      </div>
      <p className="lead">{rich('home.lead')}</p>
      <form className="card stack" onSubmit={onSubmit} noValidate>
        <h2>{t('home.new')}</h2>
        <label htmlFor="title">{t('home.titleLabel')}</label>
        <input
          id="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={200}
          placeholder={t('home.titlePlaceholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'create-error' : undefined}
        />
        {askKey ? (
          <>
            <label htmlFor="operator-key">{t('home.operatorKey')}</label>
            <input
              id="operator-key"
              value={operatorKey}
              onChange={(e) => setOperatorKey(e.target.value)}
              autoComplete="off"
              aria-describedby="operator-key-hint"
            />
            <p id="operator-key-hint" className="muted">
              {t('home.operatorKeyHint')}
            </p>
          </>
        ) : null}
        {error ? (
          <p id="create-error" className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn primary" disabled={busy}>
          {t(busy ? 'home.creating' : 'home.create')}
        </button>
      </form>
      {recent.length > 0 ? (
        <section className="card">
          <h2>{t('home.recent')}</h2>
          <ul className="plain-list">
            {recent.map((a) => (
              <li key={a.id}>
                <a href={`/a/${a.id}/facilitator`}>{a.title}</a> <span className="muted">({a.id})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
