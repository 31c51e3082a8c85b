import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { defaultMinusVotes, defaultPlusVotes, parseAmount, presetOverrides, resolveRules } from '../../../../shared/domain/index.ts';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import './round-setup.css';
import { t as translate } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { rulesProblemText } from '../../lib/rulesProblem.ts';
import { BallotRuleFields } from './BallotRuleFields.tsx';
import { PracticeFields } from './PracticeFields.tsx';
import { practicePayload } from './practiceForm.ts';
import { ProposalPicker } from './ProposalPicker.tsx';
import { emptyFields, fmtAmount, fromRound, num, type Fields } from './roundSetupFields.ts';
import { command, setDisplay, useFacilitatorStore } from './store.ts';

/** The form's key: a new form when the facilitator edits another draft or seeds from top K. */
export function RoundSetup() {
  const editing = useFacilitatorStore((s) => s.assembly?.rounds.find((r) => r.id === s.editingRoundId && r.status === 'draft') ?? null);
  const key = editing ? `edit-${editing.id}` : 'new';
  const initial: Fields = editing
    ? fromRound(editing)
    : emptyFields();
  return <SetupForm key={key} initial={initial} editing={editing} followAll={!editing} />;
}


function SetupForm({ initial, editing, followAll }: { initial: Fields; editing: RoundView | null; followAll: boolean }) {
  // Only approved proposals go on a ballot (phones' submissions wait for moderation).
  const proposals = useFacilitatorStore(useShallow((s) => (s.assembly?.proposals ?? []).filter((p) => p.status === 'approved')));
  const hasOpen = useFacilitatorStore((s) => s.assembly?.rounds.some((r) => r.status === 'open') ?? false);
  const editRound = useFacilitatorStore((s) => s.editRound);
  const viewRound = useFacilitatorStore((s) => s.viewRound);
  const [f, setF] = useState<Fields>(initial);
  const [touchedSelection, setTouchedSelection] = useState(!followAll);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Nothing is wrong before the facilitator does something: no red "choose a proposal" on arrival.
  const [tried, setTried] = useState(false);
  const lang = useFacilitatorStore((s) => s.assembly?.settings.language);
  const currency = useFacilitatorStore((s) => s.assembly?.settings.currency ?? null);
  const { t, money, list } = useI18n();
  const amount = (n: number) => money(n, currency);
  const id = useId();
  const update = (patch: Partial<Fields>) => {
    setF((prev) => ({ ...prev, ...patch }));
    setDone(null);
  };

  // A fresh form follows the proposal list until the facilitator picks by hand.
  const selected = touchedSelection ? f.proposalIds.filter((pid) => proposals.some((p) => p.id === pid)) : proposals.map((p) => p.id);
  const C = selected.length;
  const W = num(f.winners) ?? 1;
  const preset = f.preset === 'formula' || C === 0 ? null : presetOverrides(f.preset, C);
  // Explicit fields win over the preset, as on the server.
  const P = num(f.plus) ?? preset?.plus;
  const M = num(f.minus) ?? preset?.minus;
  const ratio = num(f.ratio) ?? preset?.ratio;
  const defaultP = C > 0 && Number.isInteger(W) && W >= 1 ? defaultPlusVotes(C, Math.min(W, C)) : 0;
  const effP = P !== undefined && Number.isInteger(P) ? P : defaultP;
  const defaultM = Math.min(defaultMinusVotes(effP), effP);
  const rules = C === 0 ? null : resolveRules(C, W, { plus: P, minus: M, ratio });
  const minutes = num(f.minutes);
  const budget = parseAmount(f.budget) ?? undefined;
  const onBallot = proposals.filter((p) => selected.includes(p.id));
  const totalCost = onBallot.reduce((sum, p) => sum + (p.cost ?? 0), 0);
  const noCost = onBallot.filter((p) => p.cost === null);

  let problem: string | null = null;
  if (C === 0) problem = t(proposals.length === 0 ? 'console.setup.addFirst' : 'console.setup.chooseOne');
  else if (rules && !rules.ok) problem = rulesProblemText(rules.message);
  else if (minutes !== undefined && (Number.isNaN(minutes) || minutes * 60 < 5 || minutes * 60 > 24 * 3600)) problem = t('console.setup.timerRange');
  else if (budget !== undefined && (!Number.isInteger(budget) || budget < 0)) problem = t('console.setup.budgetWhole');
  const practice = practicePayload(f.practice, selected);
  if (!problem && !practice.ok) problem = practice.problem;
  const quiet = C === 0 && !touchedSelection && !tried;

  const submit = async (andOpen: boolean) => {
    setTried(true);
    if (problem) return setError(problem);
    const payload = {
      question: f.question.trim(),
      proposalIds: selected,
      winners: W,
      // With a preset, empty fields go as null and the server fills them for this ballot.
      preset: f.preset === 'formula' ? null : f.preset,
      plus: num(f.plus) ?? null,
      minus: num(f.minus) ?? null,
      ratio: num(f.ratio) ?? null,
      budget: budget ?? null,
      durationSec: minutes === undefined ? null : Math.round(minutes * 60),
      visibility: f.visibility,
      lockBallots: f.lockBallots,
      ...(practice.ok ? practice.fields : {}),
      ...(practice.ok && practice.potsTotal !== null ? { budget: practice.potsTotal } : {}),
    };
    setBusy(true);
    const saved = editing ? await command('round:update', { roundId: editing.id, ...payload }) : await command('round:create', payload);
    if (!saved.ok) {
      setBusy(false);
      return setError(saved.error.message);
    }
    if (andOpen) {
      const opened = await command('round:open', { roundId: saved.data.id });
      if (!opened.ok) {
        setBusy(false);
        editRound(saved.data.id);
        return setError(t('console.setup.savedNotOpened', { reason: opened.error.message }));
      }
      viewRound(null);
      await setDisplay('live');
    }
    setBusy(false);
    setError(null);
    setDone(t(andOpen ? 'console.setup.opened' : 'console.setup.savedDraft', { n: saved.data.seq }));
    if (editing) editRound(null);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(!hasOpen);
  };

  const fromSeq = editing?.origin ? (useFacilitatorStore.getState().assembly?.rounds.find((r) => r.id === editing.origin?.fromRoundId)?.seq ?? '?') : null;
  const heading = editing
    ? editing.origin
      ? t('console.setup.editFrom', { n: editing.seq, from: translate('origin.from', { k: editing.origin.k, seq: fromSeq ?? '?' }) })
      : t('console.setup.edit', { n: editing.seq })
    : t('console.setup.title');
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{heading}</h2>
      <form className="setup-form" onSubmit={onSubmit} noValidate>
        <div className="field full">
          <label htmlFor={`${id}-q`}>{t('console.setup.question')}</label>
          <input id={`${id}-q`} lang={lang} value={f.question} onChange={(e) => update({ question: e.target.value })} maxLength={300} placeholder={t('console.setup.questionPlaceholder')} />
        </div>
        <ProposalPicker
          proposals={proposals}
          selected={selected}
          onChange={(ids) => {
            setTouchedSelection(true);
            update({ proposalIds: ids });
          }}
        />
        <BallotRuleFields f={f} update={update} C={C} preset={preset} defaultP={defaultP} effP={effP} defaultM={defaultM} budgetRound={budget !== undefined} />
        <div className="field">
          <label htmlFor={`${id}-t`}>{t('console.setup.timer')}</label>
          <input id={`${id}-t`} type="number" min={0.1} step="0.5" value={f.minutes} placeholder={t('console.setup.noneValue')} onChange={(e) => update({ minutes: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-b`}>{t('results.budget')}</label>
          <input
            id={`${id}-b`}
            inputMode="numeric"
            value={f.budget}
            placeholder={t('console.setup.noneValue')}
            onChange={(e) => update({ budget: e.target.value })}
            onBlur={() => {
              const b = parseAmount(f.budget);
              if (b !== null && Number.isInteger(b)) update({ budget: fmtAmount(b) });
            }}
            aria-describedby={`${id}-b-hint`}
          />
          <span id={`${id}-b-hint`} className="hint">
            {budget === undefined ? t('console.setup.hint.noBudget') : Number.isInteger(budget) ? t('console.setup.hint.funds', { amount: amount(budget) }) : t('console.setup.hint.wholeAmount')}
          </span>
        </div>
        {budget !== undefined && Number.isInteger(budget) && C > 0 ? (
          <p className={`budget-check full${noCost.length > 0 ? ' warn' : ''}`} data-testid="budget-check">
            {t('console.setup.budgetCheck', { n: C, total: amount(totalCost) })}{' '}
            {totalCost <= budget ? t('console.setup.budgetCovers') : t('console.setup.budgetOver', { amount: amount(totalCost - budget) })}
            {noCost.length > 0
              ? ` ⚠ ${t('console.setup.noCost', {
                  n: noCost.length,
                  titles: list(noCost.slice(0, 3).map((p) => t('common.quoted', { text: p.title }))) + (noCost.length > 3 ? ', …' : ''),
                })}`
              : ''}
          </p>
        ) : null}
        <PracticeFields
          value={f.practice}
          onChange={(practice) => update({ practice })}
          onRatio={(r) => update({ ratio: String(r) })}
          proposals={onBallot}
          budgetRound={budget !== undefined || f.practice.potsOn}
        />
        <fieldset className="field full inline-options">
          <legend>{t('console.rounds.results')}</legend>
          <label>
            <input type="radio" name={`${id}-vis`} checked={f.visibility === 'live'} onChange={() => update({ visibility: 'live' })} /> {t('console.setup.live')}
          </label>
          <label>
            <input type="radio" name={`${id}-vis`} checked={f.visibility === 'hidden'} onChange={() => update({ visibility: 'hidden' })} /> {t('console.setup.hidden')}
          </label>
          <label>
            <input type="checkbox" checked={f.lockBallots} onChange={(e) => update({ lockBallots: e.target.checked })} /> {t('console.setup.lock')}
          </label>
        </fieldset>
        <p className={`rules-preview full${problem && !quiet ? ' bad' : ''}`} aria-live="polite">
          {problem ??
            (rules?.ok
              ? t('console.setup.preview', { plus: rules.value.plus, minus: rules.value.minus, ratio: rules.value.minus > 0 ? rules.value.ratio : 0, winners: rules.value.winners, of: C })
              : '')}
        </p>
        <div className="row full">
          {hasOpen ? null : (
            <button type="submit" className="btn primary" disabled={busy}>
              {t(editing ? 'console.setup.saveOpen' : 'console.setup.createOpen')}
            </button>
          )}
          <button type="button" className="btn" disabled={busy} onClick={() => void submit(false)}>
            {t(editing ? 'console.setup.saveDraft' : 'console.setup.saveAsDraft')}
          </button>
          {editing ? (
            <button type="button" className="btn" onClick={() => editRound(null)}>
              {t('console.setup.cancel')}
            </button>
          ) : null}
          <span className="muted small">{t(hasOpen ? 'console.setup.oneOpen' : 'console.setup.switches')}</span>
        </div>
        {error ? (
          <p className="form-error full" role="alert">
            {error}
          </p>
        ) : null}
        {done ? (
          <p className="form-ok full" role="status">
            {done}
          </p>
        ) : null}
      </form>
    </section>
  );
}
