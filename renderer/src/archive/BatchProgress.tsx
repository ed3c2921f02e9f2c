// A batch's progress: pages approved of pages scanned on the bar, and the documents by state.
import { type ArchiveBatch, formatNumber } from '../../../electron/contract';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';

export function BatchProgress({ batch, scanning }: { batch: ArchiveBatch; scanning: boolean }) {
  const { t, lang } = useI18n();
  const c = batch.counts;
  // A batch runs to thousands of pages: grouped as the reader writes numbers (12.345 in Vietnamese).
  const n = (x: number) => formatNumber(x, lang);
  return (
    <section className="archive-progress" aria-label={t('archiveProgress')}>
      <ProgressBar
        label={scanning ? t('archiveScanningNow', { pages: n(c.pages), documents: n(c.documents) }) : t('archiveProgressLabel', { approved: n(c.approvedPages), pages: n(c.pages) })}
        fraction={scanning ? null : c.pages === 0 ? 0 : c.approvedPages / c.pages}
      />
      <ul className="archive-counts">
        <li>
          <strong>{n(c.documents)}</strong> {t('archiveCountDocuments')}
        </li>
        <li>
          <strong>{n(c.pages)}</strong> {t('archiveCountPages')}
        </li>
        <li>
          <strong>{n(c.separators)}</strong> {t('archiveCountSeparators')}
        </li>
        <li className="state-indexing">
          <strong>{n(c.indexing)}</strong> {t('archiveStateIndexing')}
        </li>
        <li className="state-review">
          <strong>{n(c.review)}</strong> {t('archiveStateReview')}
        </li>
        <li className="state-sent-back">
          <strong>{n(c.sentBack)}</strong> {t('archiveStateSentBack')}
        </li>
        <li className="state-approved">
          <strong>{n(c.approved)}</strong> {t('archiveStateApproved')}
        </li>
      </ul>
      {batch.scanState === 'interrupted' && <p className="warning">{t('archiveInterrupted')}</p>}
    </section>
  );
}
