// Checking the signatures of any PDF on this computer — one a citizen brought, one from another
// system — not only the station's own records.
import { useState } from 'react';
import type { VerifyReport, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ProgressBar } from '../common/ProgressBar';
import { ErrorBanner } from '../common/ErrorBanner';
import { PathField } from '../common/PathField';
import { useI18n } from '../i18n';
import { VerifyReportView } from './VerifyReportView';

export function VerifyFileForm() {
  const { t } = useI18n();
  const client = useClient();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await client.call('pdf.verify', { path: path.trim() }));
    } catch (e) {
      if (!(e instanceof StationCallError)) throw e;
      setError(e.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="verify-file"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) void verify();
      }}
    >
      <div className="grow">
        <PathField label="verifyFileLabel" value={path} onChange={setPath} use="read" filters={[{ name: 'PDF', extensions: ['pdf'] }]} placeholder="/home/…/giay-to.pdf" />
      </div>
      <button type="submit" className="primary" disabled={busy || !path.trim()}>
        {busy ? t('verifying') : t('verify')}
      </button>
      {busy && <ProgressBar label={t('progressVerifying')} fraction={null} />}
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {report && (
        <Dialog title={t('verifyTitle', { name: path.trim().split(/[\\/]/).pop() ?? path })} onClose={() => setReport(null)} wide>
          <VerifyReportView report={report} />
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={() => setReport(null)}>
              {t('close')}
            </button>
          </div>
        </Dialog>
      )}
    </form>
  );
}
