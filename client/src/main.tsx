import { StrictMode, Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { HomeScreen } from './screens/home/HomeScreen.tsx';
import { VoterScreen } from './screens/voter/VoterScreen.tsx';
import { KioskScreen } from './screens/voter/KioskScreen.tsx';
import { NotFound } from './components/NotFound.tsx';
import { setLocale, t } from './i18n/i18n.ts';
import { startLocale, type Scope } from './i18n/choose.ts';
import './styles.css';

// Phones on bad wifi load only the ballot: the console and the projector
// (charts, QR codes) are separate chunks.
const FacilitatorScreen = lazy(() => import('./screens/facilitator/FacilitatorScreen.tsx').then((m) => ({ default: m.FacilitatorScreen })));
const ProjectorScreen = lazy(() => import('./screens/projector/ProjectorScreen.tsx').then((m) => ({ default: m.ProjectorScreen })));
const ReportScreen = lazy(() => import('./screens/report/ReportScreen.tsx').then((m) => ({ default: m.ReportScreen })));
const EntryScreen = lazy(() => import('./screens/entry/EntryScreen.tsx').then((m) => ({ default: m.EntryScreen })));

/** Routes: / home, /a/:id phone, /a/:id/screen projector, /a/:id/facilitator console, /a/:id/report final report, /a/:id/entry paper-ballot entry (staff links), /a/:id/kiosk a shared tablet that forgets each voter. */
function route(pathname: string): ReactNode {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return <HomeScreen />;
  const m = /^\/a\/([A-Za-z0-9_-]{1,64})(?:\/(screen|facilitator|report|entry|kiosk))?$/.exec(path);
  if (!m) return <NotFound />;
  const id = m[1]!;
  if (m[2] === 'screen') return <ProjectorScreen key={id} assemblyId={id} />;
  if (m[2] === 'facilitator') return <FacilitatorScreen key={id} assemblyId={id} />;
  if (m[2] === 'report') return <ReportScreen key={id} assemblyId={id} />;
  if (m[2] === 'entry') return <EntryScreen key={id} assemblyId={id} />;
  if (m[2] === 'kiosk') return <KioskScreen key={id} assemblyId={id} />;
  return <VoterScreen key={id} assemblyId={id} />;
}

/** Whose language rules apply on a path (i18n/choose.ts). */
function scopeOf(pathname: string): Scope {
  const m = /^\/a\/[^/]+(?:\/(screen|facilitator|report|entry|kiosk))?\/?$/.exec(pathname);
  if (!m) return 'console';
  return m[1] === 'screen' ? 'screen' : m[1] === 'facilitator' || m[1] === 'entry' ? 'console' : m[1] === 'report' ? 'report' : m[1] === 'kiosk' ? 'kiosk' : 'phone';
}

function App() {
  const [pathname, setPathname] = useState(() => window.location.pathname);
  useEffect(() => {
    const onPop = () => setPathname(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return <Suspense fallback={<p className="page">{t('app.loading')}</p>}>{route(pathname)}</Suspense>;
}

// The first paint is already in the right language: its catalog loads first.
void setLocale(startLocale(scopeOf(window.location.pathname))).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
