// The pages of the document being indexed or checked: the one shown large with its place in the
// document ("Trang 3/12"), the others as thumbnails. In the QC pass each page's warnings (blank,
// skewed, dark: archive.pageChecks) mark its thumbnail and are said under the page shown.
// Images come from the station's page URLs (never through the contract); Alt+arrows turn pages.
import { useEffect, useState } from 'react';
import type { ArchivePageCheck, PageInfo } from '../../../electron/contract';
import { pageImageUrl } from '../client/client';
import { useClient } from '../client/context';
import { useI18n } from '../i18n';
import { useShortcut } from '../shortcuts/useShortcut';
import { useWarningText } from './pageWarnings';

export function PagePreview({ documentId, checks }: { documentId: string; checks?: readonly ArchivePageCheck[] | null }) {
  const client = useClient();
  const { t } = useI18n();
  const warningText = useWarningText();
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
  const checkOf = (p: PageInfo) => checks?.find((c) => c.pageId === p.id && c.warnings.length > 0);
  const currentCheck = current ? checkOf(current) : undefined;
  return (
    <div className="archive-preview">
      {current ? <img className="archive-page" src={pageImageUrl(current.id, 'image', current.sha256)} alt={t('pageLabel', { n: current.seq })} /> : <p className="muted">{t('loading')}</p>}
      {current && (
        <p className="archive-page-bar" aria-live="polite">
          <strong>{t('archivePageOf', { n: shown + 1, total: pages.length })}</strong>
          {currentCheck && <span className="archive-page-warning">{warningText(currentCheck)}</span>}
        </p>
      )}
      {pages.length > 1 && (
        <ol className="archive-thumbs" aria-label={t('archivePages', { n: pages.length })}>
          {pages.map((p, i) => {
            const check = checkOf(p);
            const name = check ? t('archiveThumbWarned', { n: p.seq, warnings: warningText(check) }) : t('pageLabel', { n: p.seq });
            return (
              <li key={p.id}>
                <button type="button" tabIndex={-1} className={['archive-thumb', i === shown ? 'active' : '', check ? 'warned' : ''].filter(Boolean).join(' ')} title={name} onClick={() => setShown(i)}>
                  <img src={pageImageUrl(p.id, 'thumb', p.sha256)} alt={name} loading="lazy" />
                  {check && (
                    <span className="archive-thumb-flag" aria-hidden="true">
                      !
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
