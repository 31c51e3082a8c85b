import { useEffect, useRef } from 'react';

/**
 * The second step of "Close voting": says what closing does and who has
 * voted, with "Keep voting open" as the safe default (focused first, and
 * Escape cancels). Closing cannot be undone.
 */
export function CloseConfirm({
  seq,
  voted,
  joined,
  busy,
  onClose,
  onCancel,
}: {
  seq: number;
  voted: number;
  joined: number;
  busy: boolean;
  onClose: () => void;
  onCancel: () => void;
}) {
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
        <strong>Close vote {seq} now?</strong>
      </p>
      <p id="close-confirm-d">
        {voted} of {joined} joined have voted. Phones stop taking ballots at once and the results become final; this cannot be undone.
      </p>
      <div className="row">
        <button type="button" className="btn danger" disabled={busy} onClick={onClose} data-testid="confirm-close">
          Yes, close voting
        </button>
        <button type="button" className="btn" ref={keep} onClick={onCancel}>
          Keep voting open
        </button>
      </div>
    </div>
  );
}
