import { useEffect, useState } from 'react';
import type { CoSupportView, RoundView } from '../../../../shared/protocol/views.ts';
import { CoSupportHeatmap } from '../../components/CoSupportHeatmap.tsx';
import { errorText } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { GROUPS_REFRESH_MS } from '../../lib/opinionGroups.ts';
import { command } from './store.ts';

/** The console's "Backed together" tab: co-support fetched on demand, refreshed while the vote is open. */
export function CoSupportSection({ round, titles }: { round: RoundView; titles: Record<string, string> }) {
  const { t } = useI18n();
  const [state, setState] = useState<{ roundId: string; view: CoSupportView } | { roundId: string; message: string } | null>(null);
  const live = round.status === 'open';
  useEffect(() => {
    let alive = true;
    const load = async () => {
      const r = await command('cosupport:get', { roundId: round.id });
      if (!alive || (!r.ok && (r.error.code === 'OFFLINE' || r.error.code === 'TIMEOUT'))) return;
      setState(r.ok ? { roundId: round.id, view: r.data } : { roundId: round.id, message: errorText(r.error) });
    };
    void load();
    const timer = live ? setInterval(() => void load(), GROUPS_REFRESH_MS) : null;
    return () => {
      alive = false;
      if (timer) clearInterval(timer);
    };
  }, [round.id, live]);
  if (!state || state.roundId !== round.id) return <p className="muted">{t('cosupport.loading')}</p>;
  if ('message' in state) return <p className="muted">{state.message}</p>;
  return <CoSupportHeatmap view={state.view} titles={titles} />;
}
