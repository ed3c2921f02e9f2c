// The documents this station has digitized, newest first; refreshed whenever one changes.
import { useCallback, useEffect, useState } from 'react';
import type { DocumentSummary, WireError } from '../../../electron/contract';
import { StationCallError, documentPdfUrl } from '../client/client';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';

export function DocumentList() {
  const { t } = useI18n();
  const client = useClient();
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);

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

  return (
    <section className="documents" aria-label={t('documents')}>
      <h2>{t('documents')}</h2>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
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
              <th scope="col">PDF</th>
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
                  {d.ocr === 'pending' && <span className="status pending">{t('ocrPending')}</span>}
                  {d.ocr === 'failed' && <span className="status draft">{t('ocrFailed')}</span>}
                </td>
                <td>
                  {d.pdf && (
                    <a href={documentPdfUrl(d.id)} target="_blank" rel="noreferrer">
                      {t('openPdf')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
