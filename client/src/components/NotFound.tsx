import { useI18n } from '../i18n/useI18n.ts';

export function NotFound() {
  const { t, rich } = useI18n();
  return (
    <main className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{rich('notFound.text', { link: (c) => <a href="/">{c}</a> })}</p>
    </main>
  );
}
