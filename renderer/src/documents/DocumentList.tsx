// The documents this station has digitized, newest first; refreshed whenever one changes.
import { useCallback, useEffect, useState } from 'react';
import type { DocumentSummary, VerifyReport, WireError } from '../../../electron/contract';
import { StationCallError, documentPdfUrl } from '../client/client';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { SignDialog } from '../signing/SignDialog';
import { VerifyFileForm } from '../signing/VerifyFileForm';
import { VerifyReportView } from '../signing/VerifyReportView';

export function DocumentList() {
  const { t } = useI18n();
  const client = useClient();
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [signing, setSigning] = useState<DocumentSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [verified, setVerified] = useState<{ doc: DocumentSummary; report: VerifyReport } | null>(null);

  const load = useCallback(async () => {
    try {
      setDocs(await client.call('documents.list', { limit: 200 }));
    } catch (e) {
      if (e instanceof StationCallError) setError(e.error);
      else throw e;
    }
  }, [client]);

  useEffect(() => {
    void load();
    return client.subscribe((name) => {
      if (name === 'documents.changed') void load();
    });
  }, [client, load]);

  const verify = async (doc: DocumentSummary) => {
    try {
      setVerified({ doc, report: await client.call('documents.verify', { id: doc.id }) });
    } catch (e) {
      if (e instanceof StationCallError) setError(e.error);
      else throw e;
    }
  };

  return (
    <section className="documents" aria-label={t('documents')}>
      <h2>{t('documents')}</h2>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {docs?.length === 0 && <p className="muted">{t('noDocuments')}</p>}
      {docs && docs.length > 0 && (
        <table className="doc-table">
          <thead>
            <tr>
              <th scope="col">{t('colCreated')}</th>
              <th scope="col">{t('colTitle')}</th>
              <th scope="col">{t('colDossier')}</th>
              <th scope="col" className="num">
                {t('colPages')}
              </th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colSignatures')}</th>
              <th scope="col">PDF</th>
              <th scope="col">
                <span className="sr-only">{t('colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id} data-testid="document-row">
                <td>{d.createdAt.slice(0, 19).replace('T', ' ')}</td>
                <td>{d.metadata.title ?? <span className="muted">{t('untitled')}</span>}</td>
                <td>{d.metadata.dossierCode ?? '—'}</td>
                <td className="num">{d.pageCount}</td>
                <td>
                  <span className={`status ${d.status}`}>{t(d.status === 'ready' ? 'statusReady' : 'statusDraft')}</span>
                  {d.ocr === 'pending' && (
                    // A job of seconds to minutes: announced as a progress indicator (no count: OCR reports none).
                    <span className="status pending" role="progressbar" aria-label={t('ocrPending')}>
                      {t('ocrPending')}
                    </span>
                  )}
                  {d.ocr === 'failed' && <span className="status draft">{t('ocrFailed')}</span>}
                </td>
                <td>{d.signatureCount > 0 ? <span className="status signed">{t('signedCount', { count: d.signatureCount })}</span> : <span className="muted">—</span>}</td>
                <td>
                  {d.pdf && (
                    <a href={documentPdfUrl(d.id)} target="_blank" rel="noreferrer">
                      {t('openPdf')}
                    </a>
                  )}
                </td>
                <td className="row-actions">
                  {d.status === 'ready' && (
                    <button type="button" className="plain" disabled={d.ocr === 'pending'} title={d.ocr === 'pending' ? t('signAfterOcr') : undefined} onClick={() => setSigning(d)}>
                      {t('sign')}
                    </button>
                  )}
                  {d.signatureCount > 0 && (
                    <button type="button" className="plain" onClick={() => void verify(d)}>
                      {t('verify')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <VerifyFileForm />
      {signing && (
        <SignDialog
          doc={signing}
          onClose={() => setSigning(null)}
          onSigned={(doc) => {
            setSigning(null);
            const last = doc.signatures.at(-1);
            setNotice(t('signedNotice', { signer: last?.signer ?? '', time: last?.signedAt ?? '' }));
          }}
        />
      )}
      {verified && (
        <Dialog title={t('verifyTitle', { name: verified.doc.metadata.title ?? t('untitled') })} onClose={() => setVerified(null)} wide>
          <VerifyReportView report={verified.report} />
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={() => setVerified(null)}>
              {t('close')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
