import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/useI18n.ts';
import { forbidReason, type Vote } from './ballotLogic.ts';
import { useVoterStore } from './store.ts';

/**
 * One proposal with its plus and minus buttons. A control a rule forbids
 * stays focusable (aria-disabled) so a tap or a screen reader gets the
 * reason in words instead of silence.
 */
export function ProposalCard({ id }: { id: string }) {
  const proposal = useVoterStore((s) => s.current?.proposals.find((p) => p.id === id));
  const rules = useVoterStore((s) => s.current!.round.rules);
  // Costs matter only where a budget is shared out.
  const budgetRound = useVoterStore((s) => s.current?.round.budget != null);
  const locked = useVoterStore((s) => Boolean(s.current?.round.lockBallots && s.myBallot));
  const vote: Vote | null = useVoterStore((s) => (s.draft.plus.includes(id) ? 'plus' : s.draft.minus.includes(id) ? 'minus' : null));
  const plusReason = useVoterStore((s) => forbidReason(s.draft, id, 'plus', rules));
  const minusReason = useVoterStore((s) => forbidReason(s.draft, id, 'minus', rules));
  const toggle = useVoterStore((s) => s.toggle);
  // §5.7: the pot a proposal is funded from, in a round with pots.
  const pot = useVoterStore((s) => {
    const pots = s.current?.round.practice.pots;
    if (!pots || pots.length === 0) return null;
    const potId = s.current!.round.practice.potOf[id] ?? pots[0]!.id;
    return pots.find((p) => p.id === potId)?.label ?? null;
  });
  const lang = useVoterStore((s) => s.assembly?.language);
  const currency = useVoterStore((s) => s.assembly?.currency ?? null);
  const { t, money } = useI18n();
  const [shown, setShown] = useState<string | null>(null);

  useEffect(() => {
    if (!shown) return;
    const t = setTimeout(() => setShown(null), 5000);
    return () => clearTimeout(t);
  }, [shown]);
  useEffect(() => setShown(null), [vote, plusReason, minusReason]);
  // The reason appears under the card: scrolled clear of the sticky footer (html scroll-padding-bottom is its height).
  const reasonRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (shown) reasonRef.current?.scrollIntoView({ block: 'nearest' });
  }, [shown]);

  if (!proposal) return null;
  const lockedReason = locked ? t('ballot.forbid.locked') : null;
  const press = (kind: Vote, reason: string | null) => {
    const why = lockedReason ?? reason;
    if (why) {
      setShown(why);
      useVoterStore.setState({ notice: why });
      return;
    }
    toggle(id, kind);
  };
  const titleId = `p-${id}`;
  const button = (kind: Vote, reason: string | null) => {
    const pressed = vote === kind;
    const off = Boolean(lockedReason ?? reason);
    const reasonId = `r-${id}-${kind}`;
    return (
      <button
        type="button"
        className={`vote-btn ${kind}${pressed ? ' on' : ''}`}
        aria-pressed={pressed}
        aria-disabled={off || undefined}
        aria-describedby={off ? reasonId : undefined}
        aria-label={t(kind === 'plus' ? 'phone.card.forLabel' : 'phone.card.againstLabel', { title: proposal.title })}
        onClick={() => press(kind, reason)}
      >
        <span className="vote-sign" aria-hidden="true">
          {kind === 'plus' ? '+' : '−'}
        </span>
        <span className="vote-word" aria-hidden="true">
          {t(kind === 'plus' ? 'phone.card.for' : 'phone.card.against')}
        </span>
      </button>
    );
  };
  return (
    <li className={`v-card${vote ? ` voted-${vote}` : ''}`} aria-labelledby={titleId}>
      <div className="v-card-text">
        <h2 id={titleId} className="v-card-title" lang={lang}>
          {proposal.title}
        </h2>
        {proposal.description ? (
          <p className="v-card-desc" lang={lang}>
            {proposal.description}
          </p>
        ) : null}
        {budgetRound && proposal.cost !== null ? (
          <p className="v-card-cost">
            {t('phone.card.cost', { cost: money(proposal.cost, currency) })}
            {pot ? ` · ${pot}` : ''}
          </p>
        ) : null}
      </div>
      <div className="v-card-actions">
        {rules.plus > 0 ? button('plus', plusReason) : null}
        {rules.minus > 0 ? button('minus', minusReason) : null}
      </div>
      <span id={`r-${id}-plus`} className="sr-only">
        {lockedReason ?? plusReason}
      </span>
      <span id={`r-${id}-minus`} className="sr-only">
        {lockedReason ?? minusReason}
      </span>
      {shown ? (
        <p className="v-reason" aria-hidden="true" ref={reasonRef}>
          {shown}
        </p>
      ) : null}
    </li>
  );
}
