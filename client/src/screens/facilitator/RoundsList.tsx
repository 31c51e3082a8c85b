import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import { originText, rulesSummary } from '../../components/roundText.ts';
import { command, setDisplay, useFacilitatorStore } from './store.ts';
import { FormError } from '../../components/FormError.tsx';
import { useI18n } from '../../i18n/useI18n.ts';


/** Every round of the assembly, newest first: open drafts, edit them, view past results. */
export function RoundsList() {
  const rounds = useFacilitatorStore(useShallow((s) => [...(s.assembly?.rounds ?? [])].reverse()));
  const { t } = useI18n();
  if (rounds.length === 0) return null;
  return (
    <section className="card" aria-labelledby="rounds-title">
      <h2 id="rounds-title">{t('console.rounds.title')}</h2>
      <ul className="rounds-list">
        {rounds.map((r) => (
          <RoundItem key={r.id} round={r} />
        ))}
      </ul>
    </section>
  );
}

function RoundItem({ round }: { round: RoundView }) {
  const editRound = useFacilitatorStore((s) => s.editRound);
  const viewRound = useFacilitatorStore((s) => s.viewRound);
  const editing = useFacilitatorStore((s) => s.editingRoundId === round.id);
  const fromSeq = useFacilitatorStore((s) => (round.origin ? (s.assembly?.rounds.find((r) => r.id === round.origin?.fromRoundId)?.seq ?? null) : null));
  const titles = useFacilitatorStore(useShallow((s) => Object.fromEntries((s.assembly?.proposals ?? []).map((p) => [p.id, p.title]))));
  const [error, setError] = useState<string | null>(null);
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const currency = useFacilitatorStore((s) => s.assembly?.settings.currency ?? null);
  const { t, money } = useI18n();
  const open = async () => {
    const r = await command('round:open', { roundId: round.id });
    if (r.ok) {
      viewRound(null);
      await setDisplay('live');
    }
    setError(r.ok ? null : r.error.message);
  };
  return (
    <li className="round-item">
      <div>
        <strong>{t('console.round.title', { n: round.seq })}</strong>{' '}
        <span className={`badge status-${round.status}`}>{t(round.status === 'open' ? 'console.rounds.badge.open' : round.status === 'closed' ? 'console.rounds.badge.closed' : 'console.rounds.badge.draft')}</span>
        {round.question ? (
          <span>
            {' · '}
            <span lang={lang}>{round.question}</span>
          </span>
        ) : null}
        <p className="muted small">
          {rulesSummary(round)}
          {round.budget !== null ? ` · ${t('projector.budget.line', { amount: money(round.budget, currency) })}` : ''}
        </p>
        {round.origin ? (
          <p className="small origin-line" data-testid="round-origin">
            ↳ {originText(round.origin, fromSeq, titles)}
          </p>
        ) : null}
        <FormError message={error} />
      </div>
      <div className="row-actions">
        {round.status === 'draft' ? (
          <>
            <button type="button" className="btn small" onClick={() => editRound(round.id)} disabled={editing}>
              {t(editing ? 'console.rounds.editing' : 'console.rounds.edit')}
            </button>
            <button type="button" className="btn small primary" onClick={() => void open()}>
              {t('console.rounds.open')}
            </button>
          </>
        ) : (
          <button type="button" className="btn small" onClick={() => viewRound(round.id)} aria-label={t('console.rounds.resultsOf', { n: round.seq })}>
            {t('console.rounds.results')}
          </button>
        )}
      </div>
    </li>
  );
}
