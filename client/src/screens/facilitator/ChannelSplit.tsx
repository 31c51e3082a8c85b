import { useEffect, useState } from 'react';
import type { RoundResults } from '../../../../shared/domain/results.ts';
import type { PaperListView } from '../../../../shared/protocol/paperViews.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { command, useFacilitatorStore } from './store.ts';

/**
 * Phone, paper and total counts of a round with paper ballots (§5.1), under
 * its results: the paper counts come from the round's paper ballots
 * (`paper:list`, reloaded on every paper change), the phones' are the
 * results' totals minus them, so they follow the live tally at no cost.
 * Nothing for a round without paper ballots.
 */
export function ChannelSplit({ roundId, results, titles }: { roundId: string; results: RoundResults; titles: Record<string, string> }) {
  const paperVersion = useFacilitatorStore((s) => s.paperVersion);
  const [paper, setPaper] = useState<PaperListView['channels']['paper'] | null>(null);
  const { t } = useI18n();
  useEffect(() => {
    let live = true;
    void command('paper:list', { roundId }).then((r) => live && setPaper(r.ok ? r.data.channels.paper : null));
    return () => {
      live = false;
    };
  }, [roundId, paperVersion]);
  if (!paper || paper.ballots === 0) return null;
  return (
    <details className="channel-split" data-testid="channel-split">
      <summary>{t('console.paper.counts', { phone: results.ballots - paper.ballots, paper: paper.ballots, total: results.ballots })}</summary>
      <table className="data small">
        <thead>
          <tr>
            <th scope="col">{t('console.paper.proposal')}</th>
            <th scope="col">{t('console.paper.phoneVotes')}</th>
            <th scope="col">{t('console.paper.paperVotes')}</th>
            <th scope="col">{t('console.paper.totalVotes')}</th>
          </tr>
        </thead>
        <tbody>
          {results.options.map((o) => {
            const p = { plus: paper.plus[o.id] ?? 0, minus: paper.minus[o.id] ?? 0 };
            const votes = (plus: number, minus: number) => t('console.paper.votes', { plus, minus });
            return (
              <tr key={o.id}>
                <th scope="row">{titles[o.id] ?? o.id}</th>
                <td>{votes(o.plus - p.plus, o.minus - p.minus)}</td>
                <td>{votes(p.plus, p.minus)}</td>
                <td>{votes(o.plus, o.minus)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
