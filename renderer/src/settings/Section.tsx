// One settings section: a titled form that the core's permissions make editable or read-only
// (then it says so), saved with Enter or its button, with the core's refusal shown as it came.
import type { FormEvent, ReactNode } from 'react';
import type { WireError } from '../../../electron/contract';
import { ErrorBanner } from '../common/ErrorBanner';
import { type MessageKey, useI18n } from '../i18n';
import { matches } from '../shortcuts/registry';

export interface SectionProps {
  readonly title: MessageKey;
  readonly editable: boolean;
  readonly busy: boolean;
  readonly error: WireError | null;
  readonly onDismissError: () => void;
  readonly saved: boolean;
  readonly onSubmit?: () => void;
  readonly submitLabel?: MessageKey;
  readonly children: ReactNode;
  readonly extraActions?: ReactNode;
}

export function Section({ title, editable, busy, error, onDismissError, saved, onSubmit, submitLabel = 'setSave', children, extraActions }: SectionProps) {
  const { t } = useI18n();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (editable && onSubmit) onSubmit();
  };
  return (
    <form
      className="panel settings-section"
      aria-label={t(title)}
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        // Ctrl+S saves the section the focus is in, as in any editor.
        if (matches('settings.save', e)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      <h2>{t(title)}</h2>
      {!editable && <p className="hint-box">{t('setReadOnly')}</p>}
      <fieldset className="settings-fields" disabled={!editable || busy}>
        <legend className="sr-only">{t(title)}</legend>
        {children}
      </fieldset>
      {error && <ErrorBanner error={error} onDismiss={onDismissError} />}
      {saved && !error && (
        <p className="notice" role="status">
          {t('setSaved')}
        </p>
      )}
      {editable && onSubmit && (
        <div className="settings-actions">
          {extraActions}
          <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+S">
            {t(submitLabel)}
          </button>
        </div>
      )}
    </form>
  );
}

/** A labelled control with its problem, tied together for screen readers. */
export function Field({ id, label, problem, hint, children }: { id: string; label: MessageKey; problem?: MessageKey | null | undefined; hint?: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{t(label)}</span>
      </label>
      {children}
      {hint && !problem && (
        <p className="hint" id={`${id}-hint`}>
          {t(hint)}
        </p>
      )}
      {problem && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {t(problem)}
        </p>
      )}
    </div>
  );
}

/** The props that tie a control to its Field's problem or hint. */
export const described = (id: string, problem: MessageKey | null | undefined, hint = false) => ({
  id,
  'aria-invalid': problem ? true : undefined,
  'aria-describedby': problem ? `${id}-error` : hint ? `${id}-hint` : undefined,
});
