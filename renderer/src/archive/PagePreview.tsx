// The pages of the document being indexed or checked: the first large, the others as thumbnails.
// Images come from the station's page URLs (never through the contract); Alt+arrows turn pages.
import { useEffect, useState } from 'react';
import type { PageInfo } from '../../../electron/contract';
import { pageImageUrl } from '../client/client';
import { useClient } from '../client/context';
import { useI18n } from '../i18n';
import { useShortcut } from '../shortcuts/useShortcut';

export function PagePreview({ documentId }: { documentId: string }) {
  const client = useClient();
  const { t } = useI18n();
  const [pages, setPages] = useState<PageInfo[]>([]);
  const [shown, setShown] = useState(0);
  useEffect(() => {
    let live = true;
    setShown(0);
    client.call('documents.get', { id: documentId }).then(
      (d) => live && setPages(d.pages),
      () => live && setPages([]),
    );
    return () => {
      live = false;
    };
  }, [client, documentId]);
  // Alt+← / Alt+→ turn the pages without leaving the form.
  useShortcut('archive.page', (e) => setShown((s) => Math.max(0, Math.min(pages.length - 1, s + (e.key === 'ArrowRight' ? 1 : -1)))));
  const current = pages[shown];
  return (
    <div className="archive-preview">
      {current ? <img className="archive-page" src={pageImageUrl(current.id, 'image', current.sha256)} alt={t('pageLabel', { n: current.seq })} /> : <p className="muted">{t('loading')}</p>}
      {pages.length > 1 && (
        <ol className="archive-thumbs" aria-label={t('archivePages', { n: pages.length })}>
          {pages.map((p, i) => (
            <li key={p.id}>
              <button type="button" tabIndex={-1} className={i === shown ? 'archive-thumb active' : 'archive-thumb'} onClick={() => setShown(i)}>
                <img src={pageImageUrl(p.id, 'thumb', p.sha256)} alt={t('pageLabel', { n: p.seq })} loading="lazy" />
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
