import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/useI18n.ts';
import { PaperUnfinished } from './PaperUnfinished.tsx';

/**
 * The second step of "Close voting": says what closing does and who has
 * voted, with "Keep voting open" as the safe default (focused first, and
 * Escape cancels). Closing cannot be undone.
 */
export function CloseConfirm({
  roundId,
  seq,
  voted,
  joined,
  busy,
  onClose,
  onCancel,
}: {
  /** The round: paper ballots not counted yet are named (§5.1). */
  roundId: string;
  seq: number;
  voted: number;
  joined: number;
  busy: boolean;
  onClose: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div
      className="close-confirm"
      role="alertdialog"
      aria-labelledby="close-confirm-q"
      aria-describedby="close-confirm-d"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <p id="close-confirm-q">
        <strong>{t('console.close.q', { seq })}</strong>
      </p>
      <p id="close-confirm-d">
        {t('console.close.detail', { voted, joined })}
      </p>
      <PaperUnfinished roundId={roundId} />
      <div className="row">
        <button type="button" className="btn danger" disabled={busy} onClick={onClose} data-testid="confirm-close">
          {t('console.close.yes')}
        </button>
        <button type="button" className="btn" ref={keep} onClick={onCancel}>
          {t('console.close.keep')}
        </button>
      </div>
    </div>
  );
}
