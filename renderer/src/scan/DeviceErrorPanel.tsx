// A scanner's error, said as what to do, with Continue: a scan on the same draft, so that the
// pages already scanned stay and the rest come after them.
import { type WireError, errorCategory } from '../../../electron/contract';
import { useI18n } from '../i18n';

/** Errors of the scanner or its driver, after which scanning on can help. */
export function isDeviceError(error: WireError): boolean {
  return errorCategory(error.code) === 'device' && error.code !== 'worker-missing';
}

export function DeviceErrorPanel(props: { error: WireError; pagesKept: number; disabled: boolean; onContinue: () => void; onDismiss: () => void }) {
  const { t, errorText } = useI18n();
  return (
    <div className="error-banner device-error" role="alert" data-code={props.error.code}>
      <div className="device-error-text">
        <strong>{t('errorTitle')}:</strong> <span>{errorText(props.error)}</span>
        {props.pagesKept > 0 && <p className="device-error-kept">{t('pagesKept', { count: props.pagesKept })}</p>}
      </div>
      <div className="device-error-actions">
        <button type="button" className="primary" disabled={props.disabled} onClick={props.onContinue}>
          {t('continueScan')}
        </button>
        <button type="button" onClick={props.onDismiss}>
          {t('dismiss')}
        </button>
      </div>
    </div>
  );
}
