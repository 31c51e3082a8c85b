import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCssHeight } from '../../lib/useCssHeight.ts';
import { ballotAllowance, plusNeededForMinus } from '../../../../shared/domain/index.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { keys } from '../../lib/storage.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { ruleLines } from './ballotLogic.ts';
import { phoneOrder, practiceRuleLines } from './practice.ts';
import { PotTotals } from './PotTotals.tsx';
import { ProposalCard } from './ProposalCard.tsx';
import { ProposeSection } from './ProposeSection.tsx';
import { useVoterStore, visitorStorage } from './store.ts';
import { SubmitBar } from './SubmitBar.tsx';
import { BallotSearch, BudgetTotal, LONG_BALLOT, MyChoices, matches } from './BallotAids.tsx';

export function BallotView() {
  const round = useVoterStore((s) => s.current!.round);
  const [query, setQuery] = useState('');
  const total = useVoterStore((s) => s.current?.proposals.length ?? 0);
  const listed = useVoterStore(useShallow((s) => s.current?.proposals.map((p) => p.id) ?? []));
  const shown = useVoterStore(useShallow((s) => (s.current?.proposals ?? []).filter((p) => matches(p, query)).map((p) => p.id)));
  const assemblyId = useVoterStore((s) => s.assemblyId);
  // §5.6: this voter's own order (the same after a reload), then the search filter.
  const proposalIds = phoneOrder(listed, round, visitorStorage().load<string>(keys.voterToken(assemblyId))).filter((id) => shown.includes(id));
  const notice = useVoterStore((s) => s.notice);
  const lang = useVoterStore((s) => s.assembly?.language);
  const rules = round.rules;
  const { t } = useI18n();
  const long = total >= LONG_BALLOT;

  return (
    <>
      <section className="v-ballot" aria-labelledby="question">
        <p className="v-round-no">{t('phone.ballot.roundNo', { n: round.seq })}</p>
        <h1 id="question" className="v-question" lang={round.question ? lang : undefined}>
          {round.question || t('phone.ballot.defaultQuestion')}
        </h1>
        <Countdown deadline={round.deadline} />
        <details className="v-rules">
          <summary>{t('phone.ballot.howToVote')}</summary>
          <ul>
            {[...ruleLines(rules, round.lockBallots), ...practiceRuleLines(round.practice)].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
        <div className="v-sticky">
          <Counters />
          <BudgetTotal />
        </div>
        {long ? <BallotSearch query={query} onQuery={setQuery} shown={proposalIds.length} total={total} /> : null}
        <ol className="v-proposals" aria-label={t('phone.ballot.proposals')}>
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
  const { t, rich } = useI18n();
  const a = ballotAllowance(draft, rules);
  const needed = plusNeededForMinus(rules, draft.minus.length + 1);
  const ref = useRef<HTMLDivElement>(null);
  useCssHeight(ref, '--counters-h');
  let hint: string | null = null;
  if (rules.plus > 0 && a.plusLeft === 0) hint = t('phone.counters.allPlusGiven', { max: rules.plus });
  if (rules.minus > 0 && a.minusLeft > 0 && a.minusUnlocked === 0) {
    hint = t(draft.minus.length === 0 ? 'phone.counters.minusNeedsPlus' : 'phone.counters.nextMinusNeedsPlus', { needed });
  }
  return (
    <div className="v-counters" id="counters" ref={ref}>
      <p className="v-counter-line">
        <span className="counter plus">{rich('phone.counters.plusLeft', { left: a.plusLeft, max: rules.plus })}</span>
        {rules.minus > 0 ? (
          <span className="counter minus">{rich('phone.counters.minusLeft', { left: a.minusLeft, max: rules.minus })}</span>
        ) : null}
      </p>
      <PotTotals />
      {hint ? <p className="v-hint">{hint}</p> : null}
    </div>
  );
}
