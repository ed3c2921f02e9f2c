import type { PageInfo } from '../../../electron/contract';
import { pageImageUrl } from '../client/client';
import { useI18n } from '../i18n';

/** Thumbnails of a document's pages, loaded by id from the station (never base64). */
export function PageGrid({ pages }: { pages: readonly PageInfo[] }) {
  const { t } = useI18n();
  return (
    <ol className="page-grid" aria-label={t('pagesScanned', { count: pages.length })}>
      {pages.map((p) => (
        <li key={p.id} className="page-thumb" data-testid="page-thumb">
          <img src={pageImageUrl(p.id, 'thumb')} alt={t('pageLabel', { n: p.seq })} loading="lazy" />
          <span className="page-number">{t('pageLabel', { n: p.seq })}</span>
        </li>
      ))}
    </ol>
  );
}
