import type { WireError } from '../../../electron/contract';
import { useI18n } from '../i18n';

/** A station error in the person's language; its message already says what to do next. */
export function ErrorBanner({ error, onDismiss }: { error: WireError; onDismiss: () => void }) {
  const { t, errorText } = useI18n();
  return (
    <div className="error-banner" role="alert" data-code={error.code}>
      <strong>{t('errorTitle')}:</strong> <span>{errorText(error)}</span>
      <button type="button" onClick={onDismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}
