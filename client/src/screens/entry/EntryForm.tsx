import { useId, useRef, useState, type FormEvent } from 'react';
import type { PaperStatus } from '../../../../shared/domain/paperBallots.ts';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { useEntryStore } from './store.ts';
import { lineOf, ticksOf, toggle } from './ticks.ts';

/** What a serial's status says to the person keying it. */
export const STATUS_TEXT: Record<PaperStatus, MessageId> = {
  waiting: 'entry.status.waiting',
  matched: 'entry.status.matched',
  mismatch: 'entry.status.mismatch',
  held: 'entry.status.held',
  resolved: 'entry.status.resolved',
  void: 'entry.status.void',
};

/**
 * One paper ballot: serial, code, the numbers marked (typed, or ticked
 * below), Enter. After a keying the form clears and the serial field has
 * the focus again, for the next paper of the pile.
 */
export function EntryForm() {
  const round = useEntryStore((s) => s.state!.round!);
  const withCode = useEntryStore((s) => s.state?.assembly.joinMode === 'codes');
  const sending = useEntryStore((s) => s.sending);
  const outcome = useEntryStore((s) => s.outcome);
  const submit = useEntryStore((s) => s.submit);
  const { t } = useI18n();
  const id = useId();
  const serialRef = useRef<HTMLInputElement>(null);
  const [serial, setSerial] = useState('');
  const [code, setCode] = useState('');
  const [line, setLine] = useState('');
  const ticks = ticksOf(line);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (await submit({ serial, code, line })) {
      setSerial('');
      setCode('');
      setLine('');
      serialRef.current?.focus();
    }
  };
  const { plus, minus } = round.rules;
  return (
    <form className="card entry-form" onSubmit={(e) => void onSubmit(e)} aria-describedby={`${id}-rules`}>
      <p id={`${id}-rules`} className="muted">
        {t('entry.rules', { plus, minus })}
      </p>
      <div className="entry-fields">
        <label>
          <span>{t('entry.serial')}</span>
          <input ref={serialRef} id={`${id}-serial`} value={serial} onChange={(e) => setSerial(e.target.value)} autoFocus autoComplete="off" inputMode="text" maxLength={20} data-testid="entry-serial" />
        </label>
        {withCode ? (
          <label>
            <span>{t('entry.code')}</span>
            <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" autoCapitalize="characters" maxLength={64} data-testid="entry-code" />
          </label>
        ) : null}
        <label className="entry-line">
          <span>{t('entry.numbers')}</span>
          <input value={line} onChange={(e) => setLine(e.target.value)} autoComplete="off" placeholder={t('entry.numbersPlaceholder')} data-testid="entry-line" />
        </label>
        <button className="btn primary" type="submit" disabled={sending}>
          {t('entry.submit')}
        </button>
      </div>
      <Outcome outcome={outcome} />
      <fieldset className="entry-ticks">
        <legend>{t('entry.ticks')}</legend>
        <ol>
          {round.paper.map((p, i) => {
            const n = i + 1;
            return (
              <li key={p.id}>
                <span className="entry-num">{n}</span>
                <span className="entry-title">{p.title}</span>
                <label className="entry-tick">
                  <input type="checkbox" checked={ticks.plus.has(n)} onChange={() => setLine(lineOf(toggle(ticks, n, 'plus')))} />
                  <span className="sr-only">{t('entry.tickPlus', { n, title: p.title })}</span>
                  <span aria-hidden="true">+</span>
                </label>
                {minus > 0 ? (
                  <label className="entry-tick minus">
                    <input type="checkbox" checked={ticks.minus.has(n)} onChange={() => setLine(lineOf(toggle(ticks, n, 'minus')))} />
                    <span className="sr-only">{t('entry.tickMinus', { n, title: p.title })}</span>
                    <span aria-hidden="true">−</span>
                  </label>
                ) : null}
              </li>
            );
          })}
        </ol>
      </fieldset>
    </form>
  );
}

function Outcome({ outcome }: { outcome: ReturnType<typeof useEntryStore.getState>['outcome'] }) {
  const { t } = useI18n();
  if (!outcome) return <p className="entry-outcome" role="status" aria-live="polite" />;
  if (!outcome.ok) {
    return (
      <p className="form-error entry-outcome" role="alert" data-testid="entry-error">
        {outcome.message}
      </p>
    );
  }
  return (
    <p className={`entry-outcome ok ${outcome.entry.status}`} role="status" aria-live="polite" data-testid="entry-outcome">
      {t('entry.keyed', { serial: outcome.entry.serial })} {t(STATUS_TEXT[outcome.entry.status])}
    </p>
  );
}
