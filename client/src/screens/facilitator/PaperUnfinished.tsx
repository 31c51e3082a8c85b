import { useEffect, useState } from 'react';
import type { PaperListView } from '../../../../shared/protocol/paperViews.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { command } from './store.ts';

/**
 * In the close confirmation: paper ballots that would not count if the
 * round closed now (keyed once, or mismatched and not yet resolved).
 * Nothing when every keyed paper is counted or voided.
 */
export function PaperUnfinished({ roundId }: { roundId: string }) {
  const [summary, setSummary] = useState<PaperListView['summary'] | null>(null);
  const { t } = useI18n();
  useEffect(() => {
    let live = true;
    void command('paper:list', { roundId }).then((r) => live && r.ok && setSummary(r.data.summary));
    return () => {
      live = false;
    };
  }, [roundId]);
  if (!summary || summary.waiting + summary.mismatch + summary.held === 0) return null;
  return (
    <p className="form-error" data-testid="paper-unfinished">
      {t('console.close.paperUnfinished', { waiting: summary.waiting, mismatch: summary.mismatch, held: summary.held })}
    </p>
  );
}
