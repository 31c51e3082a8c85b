import type { ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n.ts';

/**
 * The console forms' closing row: an optional action first (e.g. "Save and
 * approve"), the submit button, and Cancel. One pattern for every edit,
 * reject, merge and rename form, so they look and behave alike.
 */
export function FormActions({
  submit,
  onCancel,
  tone = 'primary',
  small = true,
  disabled = false,
  before,
  className = 'row',
  children,
}: {
  /** The submit button's label. */
  submit: string;
  onCancel: () => void;
  tone?: 'primary' | 'danger' | 'plain';
  small?: boolean;
  disabled?: boolean;
  /** Buttons before the submit button. */
  before?: ReactNode;
  className?: string;
  /** After the buttons (e.g. the form's error). */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const size = small ? ' small' : '';
  return (
    <div className={className}>
      {before}
      <button type="submit" className={`btn${size}${tone === 'plain' ? '' : ` ${tone}`}`} disabled={disabled}>
        {submit}
      </button>
      <button type="button" className={`btn${size}`} onClick={onCancel}>
        {t('console.cancel')}
      </button>
      {children}
    </div>
  );
}
