import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_MINUS_RATIO, PRESETS, defaultMinusVotes, defaultPlusVotes, presetOverrides, resolveRules, type BallotPreset } from '../../../../shared/domain/index.ts';
import type { Visibility } from '../../../../shared/protocol/schemas.ts';
import type { RoundView } from '../../../../shared/protocol/views.ts';
import { parseAmount } from '../../../../shared/domain/index.ts';
import './round-setup.css';
import type { MessageId } from '../../i18n/catalogs.ts';
import { t as translate } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { rulesProblemText } from '../../lib/rulesProblem.ts';


type PresetChoice = 'formula' | BallotPreset['id'];
const PRESET_CHOICES: { id: PresetChoice; name: MessageId; detail: MessageId }[] = [
  { id: 'formula', name: 'console.setup.preset.formula', detail: 'console.setup.preset.formulaDetail' },
  { id: 'nyc', name: 'console.setup.preset.nyc', detail: 'console.setup.preset.nycDetail' },
  { id: 'prague10', name: 'console.setup.preset.prague10', detail: 'console.setup.preset.prague10Detail' },
];
import { PracticeFields } from './PracticeFields.tsx';
import { practiceForm, practicePayload, prague10Pots, type PracticeForm } from './practiceForm.ts';
import { command, setDisplay, useFacilitatorStore } from './store.ts';
import { ProposalPicker } from './ProposalPicker.tsx';

interface Fields {
  question: string;
  proposalIds: string[];
  winners: string;
  plus: string;
  minus: string;
  ratio: string;
  minutes: string;
  budget: string;
  visibility: Visibility;
  lockBallots: boolean;
  /** A preset fills the plus/minus/ratio fields left empty (as the server does). */
  preset: PresetChoice;
  /** §5 settings (PracticeFields). */
  practice: PracticeForm;
}

const str = (v: number | null) => (v === null ? '' : String(v));
/** Budget field text: grouped digits of the current language, no currency (typed back by parseAmount). */
const fmtAmount = (n: number) => new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 0 }).format(n);

/** A round saved from a preset stores its numbers: recognise them so the form shows the preset again. */
function presetOf(r: RoundView): BallotPreset['id'] | null {
  for (const id of Object.keys(PRESETS) as BallotPreset['id'][]) {
    const p = presetOverrides(id, r.proposalIds.length);
    if (r.overrides.plus === p.plus && r.overrides.minus === p.minus && r.overrides.ratio === p.ratio) return id;
  }
  return null;
}

function fromRound(r: RoundView): Fields {
  const preset = presetOf(r);
  return {
    question: r.question,
    proposalIds: r.proposalIds,
    winners: String(r.rules.winners),
    preset: preset ?? 'formula',
    plus: preset ? '' : str(r.overrides.plus),
    minus: preset ? '' : str(r.overrides.minus),
    ratio: preset ? '' : str(r.overrides.ratio),
    minutes: r.durationSec === null ? '' : String(Math.round((r.durationSec / 60) * 100) / 100),
    budget: r.budget === null ? '' : fmtAmount(r.budget),
    visibility: r.visibility,
    lockBallots: r.lockBallots,
    practice: practiceForm(r.practice),
  };
}

/** The form's key: a new form when the facilitator edits another draft or seeds from top K. */
export function RoundSetup() {
  const editing = useFacilitatorStore((s) => s.assembly?.rounds.find((r) => r.id === s.editingRoundId && r.status === 'draft') ?? null);
  const key = editing ? `edit-${editing.id}` : 'new';
  const initial: Fields = editing
    ? fromRound(editing)
    : {
        question: '',
        proposalIds: [],
        winners: '1',
        plus: '',
        minus: '',
        ratio: '',
        minutes: '',
        budget: '',
        visibility: 'live',
        lockBallots: false,
        preset: 'formula',
        practice: practiceForm(),
      };
  return <SetupForm key={key} initial={initial} editing={editing} followAll={!editing} />;
}

function num(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : Number.NaN;
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
        <fieldset className="field full preset-pick">
          <legend>{t('console.setup.rules')}</legend>
          <div className="preset-options">
            {PRESET_CHOICES.map((c) => (
              <label key={c.id} className={`preset-option${f.preset === c.id ? ' on' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-preset`}
                  checked={f.preset === c.id}
                  onChange={() =>
                    update({
                      preset: c.id,
                      plus: '',
                      minus: '',
                      ratio: '',
                      // Prague 10 brings its two pots (large 3 M, small 2 M CZK) to a budget round.
                      ...(c.id === 'prague10' && !f.practice.potsOn ? { practice: { ...f.practice, potsOn: budget !== undefined, pots: prague10Pots() } } : {}),
                    })
                  }
                />
                <span>
                  <strong>{t(c.name)}</strong>
                  <span className="preset-detail">{t(c.detail)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-w`}>{t('console.setup.winners')}</label>
          <input id={`${id}-w`} type="number" min={1} max={Math.max(1, C)} value={f.winners} onChange={(e) => update({ winners: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-p`}>{t('console.setup.plus')}</label>
          <input id={`${id}-p`} type="number" min={0} max={C} value={f.plus !== '' || !preset ? f.plus : String(preset.plus)} placeholder={String(defaultP)} onChange={(e) => update({ plus: e.target.value })} aria-describedby={`${id}-p-hint`} />
          <span id={`${id}-p-hint`} className="hint">
            {preset ? t('console.setup.hint.presetFormula', { preset: preset.plus, formula: defaultP }) : t('console.setup.hint.formula', { formula: defaultP })}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-m`}>{t('console.setup.minus')}</label>
          <input id={`${id}-m`} type="number" min={0} max={effP} value={f.minus !== '' || !preset ? f.minus : String(preset.minus)} placeholder={String(defaultM)} onChange={(e) => update({ minus: e.target.value })} aria-describedby={`${id}-m-hint`} />
          <span id={`${id}-m-hint`} className="hint">
            {t(preset ? 'console.setup.hint.presetMinus' : 'console.setup.hint.defaultMinus', { n: preset ? preset.minus : defaultM })}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-r`}>{t('console.setup.ratio')}</label>
          <input id={`${id}-r`} type="number" min={0} max={10} step="0.5" value={f.ratio !== '' || !preset ? f.ratio : String(preset.ratio)} placeholder={String(DEFAULT_MINUS_RATIO)} onChange={(e) => update({ ratio: e.target.value })} aria-describedby={`${id}-r-hint`} />
          <span id={`${id}-r-hint`} className="hint">
            {t(preset ? 'console.setup.hint.presetRatio' : 'console.setup.hint.defaultRatio', { n: preset ? preset.ratio : DEFAULT_MINUS_RATIO })}
          </span>
        </div>
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
