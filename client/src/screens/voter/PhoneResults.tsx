import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../i18n/useI18n.ts';
import { useVoterStore } from './store.ts';
import './phone-results.css';

/**
 * A closed round's final results on the phone, once the facilitator
 * published them (round:publish; docs/protocol.md, "Results on phones"):
 * every proposal in ranking order, one card line each, readable on a
 * 360 px screen: place, title, plus and minus, net, and the outcome in
 * words (winner, tie at the cut, funded) as well as colour.
 */
export function PhoneResults() {
  const { results, proposals } = useVoterStore(useShallow((s) => ({ results: s.current?.results ?? null, proposals: s.current?.proposals ?? [] })));
  const lang = useVoterStore((s) => s.assembly?.language);
  const { t, signed } = useI18n();
  if (!results) return null;
  const title = (id: string) => proposals.find((p) => p.id === id)?.title ?? t('results.deleted');
  const funded = new Set(results.budget?.funded ?? []);
  const outcome = (o: (typeof results.options)[number]) =>
    results.budget ? (funded.has(o.id) ? t('results.funded') : null) : o.status === 'winner' ? t('results.winner') : o.status === 'tied' ? t('results.tied') : null;
  return (
    <section className="v-results" aria-labelledby="v-results-title" data-testid="phone-results">
      <h2 id="v-results-title">{t('phone.results.title')}</h2>
      <p className="v-results-basis">{t('results.basedOn', { ballots: results.ballots, empty: results.abstentions })}</p>
      <ol className="v-results-list">
        {results.options.map((o) => {
          const won = outcome(o);
          return (
            <li key={o.id} className={`v-result${won ? ' won' : ''}${o.status === 'tied' ? ' tied' : ''}`} data-id={o.id}>
              <span className="v-result-rank" aria-label={t('phone.results.place', { n: o.rank })}>
                {o.rank}
              </span>
              <span className="v-result-main">
                <span className="v-result-title" lang={lang}>
                  {title(o.id)}
                </span>
                <span className="v-result-counts">
                  <span className="plus-count">+{o.plus}</span> <span className="minus-count">−{o.minus}</span> · {t('phone.results.net', { net: signed(o.net) })}
                  {won ? <strong className="v-result-outcome"> · {won}</strong> : null}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
