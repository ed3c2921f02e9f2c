// The archivist's screen: a batch (chosen or new), its stack scanned and split, its progress, and
// two ways of working through it — indexing (keyboard only) and the QC pass. The batch resumes
// where the archivist left it: at the document they were indexing last (kept by the core).
import { useCallback, useEffect, useState } from 'react';
import { type ArchiveBatch, type ArchiveDocument, formatDate } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { BatchProgress } from './BatchProgress';
import { IndexForm } from './IndexForm';
import { NewBatchForm } from './NewBatchForm';
import { PagePreview } from './PagePreview';
import { ReviewView } from './ReviewView';
import { ScanStack } from './ScanStack';
import { useStationCall } from '../client/useStationCall';

type View = 'index' | 'review';
const POLL_MS = 800;
/** The most archive.documents answers in one call (its contract's limit). */
const ARCHIVE_PAGE = 1000;

export function ArchiveScreen() {
  const client = useClient();
  const { t } = useI18n();
  const { error, clearError, run } = useStationCall();
  const [batches, setBatches] = useState<ArchiveBatch[] | null>(null);
  const [batch, setBatch] = useState<ArchiveBatch | null>(null);
  const [indexable, setIndexable] = useState<ArchiveDocument[]>([]);
  const [reviewable, setReviewable] = useState<ArchiveDocument[]>([]);
  const [currentSeq, setCurrentSeq] = useState<number | null>(null);
  const [view, setView] = useState<View>('index');
  const [scanning, setScanning] = useState(false);

  const loadBatches = useCallback(async () => {
    const list = await run(() => client.call('archive.list', {}));
    if (list) setBatches(list);
    return list;
  }, [client, run]);

  /** The batch and its documents waiting for work; the place to resume is the batch's position. */
  const loadBatch = useCallback(
    async (id: string, resume: boolean) => {
      // archive.documents answers at most 1,000 documents a call: page through each state until a
      // short page, so a batch of any size is listed whole.
      const every = async (state: 'sent-back' | 'indexing' | 'review') => {
        const all: ArchiveDocument[] = [];
        for (let offset = 0; ; offset += ARCHIVE_PAGE) {
          const page = await client.call('archive.documents', { batchId: id, state, limit: ARCHIVE_PAGE, offset });
          all.push(...page);
          if (page.length < ARCHIVE_PAGE) return all;
        }
      };
      const data = await run(async () => {
        const [b, sentBack, indexing, review] = await Promise.all([client.call('archive.get', { batchId: id }), every('sent-back'), every('indexing'), every('review')]);
        return { b, open: [...sentBack, ...indexing].sort((x, y) => x.seq - y.seq), review };
      });
      if (!data) return;
      setBatch(data.b);
      setIndexable(data.open);
      setReviewable(data.review);
      if (resume) setCurrentSeq(data.b.position);
    },
    [client, run],
  );

  useEffect(() => {
    void loadBatches().then((list) => list?.[0] && loadBatch(list[0].id, true));
  }, [loadBatches, loadBatch]);

  // While the feeder runs, the figures follow it.
  useEffect(() => {
    if (!scanning || !batch) return;
    const timer = setInterval(() => void loadBatch(batch.id, false), POLL_MS);
    return () => clearInterval(timer);
  }, [scanning, batch, loadBatch]);

  const current = indexable.find((d) => d.seq === currentSeq) ?? indexable.find((d) => currentSeq === null || d.seq > currentSeq) ?? indexable[0] ?? null;
  const currentIndex = current ? indexable.indexOf(current) : -1;

  const moveTo = (doc: ArchiveDocument | undefined) => {
    if (!doc || !batch) return;
    setCurrentSeq(doc.seq);
    void client.call('archive.position', { batchId: batch.id, seq: doc.seq }).catch(() => undefined);
  };
  const onSubmitted = () => {
    if (!batch || !current) return;
    // On to the next document waiting, after this one.
    const next = indexable.find((d) => d.seq > current.seq) ?? indexable.find((d) => d.seq !== current.seq);
    setCurrentSeq(next?.seq ?? null);
    if (next) void client.call('archive.position', { batchId: batch.id, seq: next.seq }).catch(() => undefined);
    void loadBatch(batch.id, false);
  };

  return (
    <div className="archive-screen">
      <aside className="archive-side">
        {error && <ErrorBanner error={error} onDismiss={clearError} />}
        <label className="field">
          <span>{t('archiveBatch')}</span>
          {/* The column is narrow: the whole name, who and when, on hover. */}
          <select value={batch?.id ?? ''} title={batch ? t('archiveBatchOption', { name: batch.name, who: batch.createdByName, date: formatDate(batch.createdAt) }) : undefined} onChange={(e) => void loadBatch(e.target.value, true)}>
            {(batches ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {t('archiveBatchOption', { name: b.name, who: b.createdByName, date: formatDate(b.createdAt) })}
              </option>
            ))}
          </select>
        </label>
        {batch && <BatchProgress batch={batch} scanning={scanning} />}
        {batch && <ScanStack batch={batch} onScanning={setScanning} onScanned={() => void loadBatch(batch.id, false)} />}
        <details className="archive-new-wrap" open={batches !== null && batches.length === 0}>
          {/* The summary is the form's heading (a second one inside said the same words again). */}
          <summary>
            <h2 className="archive-new-title">{t('archiveNewBatch')}</h2>
          </summary>
          <NewBatchForm
            onCreated={(b) => {
              void loadBatches();
              void loadBatch(b.id, true);
            }}
          />
        </details>
      </aside>
      <section className="archive-main">
        <nav className="subtabs" aria-label={t('navArchive')}>
          {(['index', 'review'] as const).map((v) => (
            <button key={v} type="button" className={view === v ? 'subtab active' : 'subtab'} aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)}>
              {v === 'index' ? t('archiveViewIndex', { n: indexable.length }) : t('archiveViewReview', { n: reviewable.length })}
            </button>
          ))}
        </nav>
        {!batch ? (
          <p className="empty muted">{t('archiveNoBatch')}</p>
        ) : view === 'index' ? (
          current ? (
            <div className="archive-work">
              <PagePreview documentId={current.documentId} />
              <IndexForm
                doc={current}
                defaults={batch.defaults}
                position={t('archivePosition', { seq: current.seq, n: currentIndex + 1, total: indexable.length })}
                onSubmitted={onSubmitted}
                onMove={(delta) => moveTo(indexable[currentIndex + delta])}
              />
            </div>
          ) : (
            <p className="empty muted">{t('archiveNothingToIndex')}</p>
          )
        ) : (
          <ReviewView doc={reviewable[0] ?? null} defaults={batch.defaults} onDone={() => void loadBatch(batch.id, false)} />
        )}
      </section>
    </div>
  );
}
