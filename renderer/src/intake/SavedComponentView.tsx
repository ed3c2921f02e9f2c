// A saved component's pages, to look at again at the counter: its thumbnails, and one page large
// (click or Enter on a thumbnail). A saved record is not edited here — a rescan replaces it.
import { useEffect, useState } from 'react';
import type { DocumentDetail } from '../../../electron/contract';
import { pageImageUrl } from '../client/client';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { useStationCall } from '../client/useStationCall';
import { useI18n } from '../i18n';
import { PageGrid } from '../scan/PageGrid';

export function SavedComponentView({ documentId, name, onClose }: { documentId: string; name: string; onClose: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  const { run, error, clearError } = useStationCall();
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    void run(() => client.call('documents.get', { id: documentId })).then((d) => {
      if (d) {
        setDoc(d);
        setOpen(d.pages[0]?.id ?? null);
      }
    });
  }, [client, documentId, run]);
  const page = doc?.pages.find((p) => p.id === open) ?? null;
  return (
    <Dialog title={t('counterViewTitle', { name, count: doc?.pageCount ?? '…' })} onClose={onClose} wide>
      <div className="saved-pages" data-testid="saved-pages">
        {error && <ErrorBanner error={error} onDismiss={clearError} />}
        {!doc && !error && <p className="muted">{t('loading')}</p>}
        {page && (
          <div className="saved-page-large">
            <img src={pageImageUrl(page.id, 'image', page.sha256)} alt={t('pageLabel', { n: page.seq })} />
          </div>
        )}
        {doc && doc.pages.length > 1 && <PageGrid pages={doc.pages} onOpen={setOpen} />}
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </Dialog>
  );
}
