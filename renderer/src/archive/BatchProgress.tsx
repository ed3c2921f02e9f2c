// A batch's progress: pages approved of pages scanned on the bar, and the documents by state.
import type { ArchiveBatch } from '../../../electron/contract';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';

export function BatchProgress({ batch, scanning }: { batch: ArchiveBatch; scanning: boolean }) {
  const { t } = useI18n();
  const c = batch.counts;
  return (
    <section className="archive-progress" aria-label={t('archiveProgress')}>
      <ProgressBar
        label={scanning ? t('archiveScanningNow', { pages: c.pages, documents: c.documents }) : t('archiveProgressLabel', { approved: c.approvedPages, pages: c.pages })}
        fraction={scanning ? null : c.pages === 0 ? 0 : c.approvedPages / c.pages}
      />
      <ul className="archive-counts">
        <li>
          <strong>{c.documents}</strong> {t('archiveCountDocuments')}
        </li>
        <li>
          <strong>{c.pages}</strong> {t('archiveCountPages')}
        </li>
        <li>
          <strong>{c.separators}</strong> {t('archiveCountSeparators')}
        </li>
        <li className="state-indexing">
          <strong>{c.indexing}</strong> {t('archiveStateIndexing')}
        </li>
        <li className="state-review">
          <strong>{c.review}</strong> {t('archiveStateReview')}
        </li>
        <li className="state-sent-back">
          <strong>{c.sentBack}</strong> {t('archiveStateSentBack')}
        </li>
        <li className="state-approved">
          <strong>{c.approved}</strong> {t('archiveStateApproved')}
        </li>
      </ul>
      {batch.scanState === 'interrupted' && <p className="warning">{t('archiveInterrupted')}</p>}
    </section>
  );
}
