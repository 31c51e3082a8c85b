/** The report's summary lines: what each vote decided, and what is referred onward. */
import type { Report, ReportRound } from '../../../../shared/protocol/views.ts';
import { amount, plural } from '../../lib/format.ts';

/** One vote's outcome in a line: winners, a tie at the cut, or the money funded and left. */
export function outcome(r: ReportRound, title: (id: string) => string): string {
  if (!r.results) return r.round.status === 'open' ? 'voting open, results hidden' : '—';
  const b = r.results.budget;
  if (b) return `${plural(b.funded.length, 'proposal')} funded, ${amount(b.left)} left`;
  const w = r.results.winners.map(title);
  const open = r.round.status === 'open' ? ' (voting still open)' : '';
  if (r.results.tiedAtCut.length > 0) return `${w.length ? `${w.join('; ')}; ` : ''}tie at the cut${open}`;
  return `${w.join('; ')}${open}`;
}

export function Referred({ referred, r, title, costs }: { referred: NonNullable<Report['referred']>; r: ReportRound; title: (id: string) => string; costs: Record<string, number | null> }) {
  const budget = r.results?.budget;
  return (
    <section className="referred" aria-labelledby="referred-h">
      <h2 id="referred-h">{budget ? 'Funded' : 'Referred onward'}</h2>
      <p className="note">
        {budget
          ? `The proposals funded by vote ${r.round.seq}, the last closed vote, within a budget of ${amount(budget.budget)}.`
          : referred.proposalIds.length === 0
            ? `Vote ${r.round.seq}, the last closed vote, has no clear winner yet.`
            : `The ${referred.proposalIds.length === 1 ? 'winner' : `${referred.proposalIds.length} winners`} of vote ${r.round.seq}, the last closed vote.`}
      </p>
      {referred.proposalIds.length === 0 && !budget ? null : <ol>
        {referred.proposalIds.map((id) => (
          <li key={id}>
            {title(id)}
            {budget ? <span className="cost"> {amount(costs[id] ?? 0)}</span> : null}
          </li>
        ))}
      </ol>}
      {budget ? (
        <p className="money">
          Allocated {amount(budget.spent)} · <strong>left {amount(budget.left)}</strong>
          {budget.unfunded.length > 0 ? ` · not funded: ${budget.unfunded.map(title).join('; ')}` : ''}
        </p>
      ) : null}
      {referred.tiedAtCut.length > 0 ? (
        <p className="tie-line">
          <span className="badge tie">Tie</span>{' '}
          {budget ? 'Funding depended on the order inside a tie of net score: ' : 'Still tied at the cut, for the facilitator to resolve: '}
          {referred.tiedAtCut.map(title).join('; ')}
        </p>
      ) : null}
    </section>
  );
}
