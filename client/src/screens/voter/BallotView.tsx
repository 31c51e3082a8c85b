import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ballotAllowance, plusNeededForMinus } from '../../../../shared/domain/index.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { inWords } from '../../lib/format.ts';
import { ruleLines } from './ballotLogic.ts';
import { ProposalCard } from './ProposalCard.tsx';
import { ProposeSection } from './ProposeSection.tsx';
import { useVoterStore } from './store.ts';
import { SubmitBar } from './SubmitBar.tsx';
import { BallotSearch, BudgetTotal, LONG_BALLOT, MyChoices, matches } from './BallotAids.tsx';

export function BallotView() {
  const round = useVoterStore((s) => s.current!.round);
  const [query, setQuery] = useState('');
  const total = useVoterStore((s) => s.current?.proposals.length ?? 0);
  const proposalIds = useVoterStore(useShallow((s) => (s.current?.proposals ?? []).filter((p) => matches(p, query)).map((p) => p.id)));
  const notice = useVoterStore((s) => s.notice);
  const rules = round.rules;
  const long = total >= LONG_BALLOT;

  return (
    <>
      <section className="v-ballot" aria-labelledby="question">
        <p className="v-round-no">Vote {round.seq}</p>
        <h1 id="question" className="v-question">
          {round.question || 'Which proposals do you support?'}
        </h1>
        <Countdown deadline={round.deadline} />
        <details className="v-rules">
          <summary>How to vote</summary>
          <ul>
            {ruleLines(rules, round.lockBallots).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
        <div className="v-sticky">
          <Counters />
          <BudgetTotal />
        </div>
        {long ? <BallotSearch query={query} onQuery={setQuery} shown={proposalIds.length} total={total} /> : null}
        <ol className="v-proposals" aria-label="Proposals">
          {proposalIds.map((id) => (
            <ProposalCard key={id} id={id} />
          ))}
        </ol>
        {long ? <MyChoices /> : null}
        <p className="sr-only" aria-live="polite" aria-atomic="true">
          {notice}
        </p>
        <ProposeSection variant="ballot" />
      </section>
      <SubmitBar long={long} />
    </>
  );
}

/** "2 of 3 plus left · 1 of 1 minus left", and why minus votes are locked. */
function Counters() {
  const rules = useVoterStore((s) => s.current!.round.rules);
  const draft = useVoterStore((s) => s.draft);
  const a = ballotAllowance(draft, rules);
  const needed = plusNeededForMinus(rules, draft.minus.length + 1);
  let hint: string | null = null;
  if (rules.plus > 0 && a.plusLeft === 0) hint = 'All plus votes given. Tap a green “For” again to take one back.';
  if (rules.minus > 0 && a.minusLeft > 0 && a.minusUnlocked === 0) {
    hint = draft.minus.length === 0
      ? `A minus vote needs ${inWords(needed)} plus vote${needed === 1 ? '' : 's'} first.`
      : `Another minus vote needs ${inWords(needed)} plus votes in all.`;
  }
  return (
    <div className="v-counters" id="counters">
      <p className="v-counter-line">
        <span className="counter plus">
          <strong>{a.plusLeft}</strong> of {rules.plus} plus left
        </span>
        {rules.minus > 0 ? (
          <span className="counter minus">
            <strong>{a.minusLeft}</strong> of {rules.minus} minus left
          </span>
        ) : null}
      </p>
      {hint ? <p className="v-hint">{hint}</p> : null}
    </div>
  );
}
