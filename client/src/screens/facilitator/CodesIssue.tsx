/** Issuing access cards: a batch to print, and replacement cards for lost phones. */
import { useState, type FormEvent } from 'react';
import { t } from '../../i18n/i18n.ts';
import { useIssued } from './issuedCodes.ts';
import { command } from './store.ts';

const MAX_PER_REQUEST = 2000;

export function Generate({ onDone }: { onDone: () => Promise<void> }) {
  const [count, setCount] = useState('30');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PER_REQUEST) {
      setError(t('codes.countRange', { max: MAX_PER_REQUEST }));
      return;
    }
    setBusy(true);
    const r = await command('codes:generate', { count: n });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    const unprinted = new Set(useIssued.getState().unprinted);
    for (const c of r.data) unprinted.add(c.id);
    useIssued.setState({ batch: r.data, unprinted });
    await onDone();
  };
  return (
    <form className="codes-generate" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="field">
        <label htmlFor="codes-count">{t('codes.newCards')}</label>
        <input
          id="codes-count"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_PER_REQUEST}
          value={count}
          onChange={(e) => setCount(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`codes-count-hint${error ? ' codes-count-error' : ''}`}
        />
      </div>
      <button type="submit" className="btn primary" disabled={busy}>
        {t(busy ? 'codes.generating' : 'codes.generate')}
      </button>
      <p id="codes-count-hint" className="hint full">
        {t('codes.generateHint', { max: MAX_PER_REQUEST })}
      </p>
      {error ? (
        <p id="codes-count-error" className="form-error full" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The batch just generated: print it now, it cannot be shown again. */
export function Fresh() {
  const batch = useIssued((s) => s.batch);
  const unprinted = useIssued((s) => s.unprinted);
  if (batch.length === 0) return null;
  const first = batch[0]!.label;
  const last = batch[batch.length - 1]!.label;
  const waiting = batch.filter((c) => unprinted.has(c.id)).length;
  return (
    <div className="codes-fresh" role="status">
      <p className="codes-fresh-head">
        <strong>{t('codes.fresh.n', { n: batch.length })}</strong> ({first === last ? t('codes.cardN', { label: first }) : t('codes.cardsRange', { first, last })}).
      </p>
      <p>
        <strong>{t('codes.fresh.printNow')}</strong> {t('codes.fresh.once')}
      </p>
      <button
        type="button"
        className="btn primary"
        onClick={() => useIssued.setState({ sheet: { codes: batch, heading: t('codes.sheet.print', { n: batch.length }) } })}
      >
        {t('codes.fresh.show', { n: batch.length })}
      </button>
      {waiting === 0 ? <span className="form-ok codes-sent-print">{t('codes.sent')}</span> : null}
    </div>
  );
}

/** Replacement cards issued in this session: print each and hand it over. */
export function Replacements() {
  const replacements = useIssued((s) => s.replacements);
  const unprinted = useIssued((s) => s.unprinted);
  return (
    <div className="codes-replacements" role="status">
      <h4>{t('codes.replacements')}</h4>
      <ul>
        {replacements.map(({ code, forLabel }) => (
          <li key={code.id} data-testid="replacement">
            <span>
              {t('codes.replacementLine', { label: code.label, forLabel })} <strong className="mono code-text">{code.code}</strong>
              {unprinted.has(code.id) ? null : <span className="hint"> · {t('codes.printed')}</span>}
            </span>
            <button
              type="button"
              className="btn small primary"
              onClick={() => useIssued.setState({ sheet: { codes: [code], heading: t('codes.sheet.replacement', { label: code.label, forLabel }) } })}
            >
              {t('codes.printCard', { label: code.label })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
