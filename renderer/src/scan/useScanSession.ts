// One document being scanned: start (or continue) a scan, follow its events, keep the pages that
// have been saved, cancel, and save the document.
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CameraPhotoResult, type DocumentDetail, type EventName, type EventPayload, type MetadataInput, type PageInfo, type ScanRequest, type WireError, onEvents } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { replacedBy, withPageAt } from './pageOrder';

export interface ScanProgress {
  readonly page: number;
  readonly fraction: number | null;
}

type JobEvent = { name: EventName; payload: EventPayload<EventName> & { jobId?: string } };

export function useScanSession() {
  const client = useClient();
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [pages, setPages] = useState<PageInfo[]>([]);
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedPages, setSavedPages] = useState<number | null>(null);
  const job = useRef<string | null>(null);
  /** Events that arrive before scan.start has told us the job id. */
  const early = useRef<JobEvent[]>([]);
  /** This session's jobs: their pages are processed behind the scanner, after scan.done too. */
  const ours = useRef(new Set<string>());

  const handle = useCallback((name: EventName, payload: EventPayload<EventName>) => {
    onEvents({
      'scan.page-start': (e) => setProgress({ page: e.page, fraction: 0 }),
      'scan.progress': (e) => setProgress({ page: e.page, fraction: e.expected > 0 ? e.bytes / e.expected : null }),
      'scan.page': (e) => setPages((ps) => withPageAt(ps, e.page)),
      'scan.page-processed': (e) => setPages((ps) => replacedBy(ps, e.pageId, e.pages)),
      'scan.done': () => {
        job.current = null;
        setProgress(null);
      },
      'scan.failed': (e) => {
        job.current = null;
        setProgress(null);
        setError(e.error);
        if (e.draftDiscarded) setDocumentId(null);
      },
    })(name, payload);
  }, []);

  useEffect(
    () =>
      client.subscribe((name, payload) => {
        const jobId = (payload as { jobId?: string }).jobId;
        if (!jobId) return;
        if (jobId === job.current || ours.current.has(jobId)) handle(name, payload);
        else if (job.current === null) early.current.push({ name, payload });
      }),
    [client, handle],
  );

  const fail = (e: unknown) => {
    if (e instanceof StationCallError) setError(e.error);
    else throw e;
  };

  const start = useCallback(
    /** insertAt: a rescan into the draft before that page (the page review's "rescan here"). */
    async (request: ScanRequest, insertAt?: number) => {
      setError(null);
      setSavedPages(null);
      setProgress({ page: 1, fraction: null });
      try {
        const started = await client.call('scan.start', { ...request, ...(documentId ? { documentId, ...(insertAt ? { insertAt } : {}) } : {}) });
        job.current = started.jobId;
        ours.current.add(started.jobId);
        setDocumentId(started.documentId);
        for (const e of early.current.splice(0)) if (e.payload.jobId === started.jobId) handle(e.name, e.payload);
      } catch (e) {
        setProgress(null);
        fail(e);
      }
    },
    [client, documentId, handle],
  );

  const cancel = useCallback(async () => {
    if (job.current) await client.call('scan.cancel', { jobId: job.current }).catch(fail);
  }, [client]);

  const save = useCallback(
    async (metadata: MetadataInput) => {
      if (!documentId) return;
      setSaving(true);
      setError(null);
      try {
        const doc = await client.call('documents.finish', { id: documentId, metadata });
        setSavedPages(doc.pageCount);
        setDocumentId(null);
        setPages([]);
      } catch (e) {
        fail(e);
      } finally {
        setSaving(false);
      }
    },
    [client, documentId],
  );

  /** Rework of the draft's pages in the core (ID card on A4, manual duplex, a folded sheet); the grid follows. */
  const rework = useCallback(
    async (method: 'documents.composeIdCard' | 'documents.interleaveBacks' | 'stitch.unfold') => {
      if (!documentId) return;
      setSaving(true);
      setError(null);
      try {
        const doc = await client.call(method, { id: documentId });
        setPages(doc.pages);
      } catch (e) {
        fail(e);
      } finally {
        setSaving(false);
      }
    },
    [client, documentId],
  );
  const composeIdCard = useCallback(() => rework('documents.composeIdCard'), [rework]);
  const interleaveBacks = useCallback(() => rework('documents.interleaveBacks'), [rework]);
  const unfoldFolded = useCallback(() => rework('stitch.unfold'), [rework]);
  /** A camera's photo stored in the draft (capture.photo): the page shows, and its processing
   * behind follows as a scan's does (its events carry the draft's camera job). */
  const addCaptured = useCallback(
    (r: CameraPhotoResult) => {
      setSavedPages(null);
      setDocumentId(r.documentId);
      ours.current.add(r.jobId);
      setPages((ps) => withPageAt(ps, r.page));
      for (const e of early.current.splice(0)) if (e.payload.jobId === r.jobId) handle(e.name, e.payload);
    },
    [handle],
  );
  /** An error of something the screen runs itself (a camera), shown as the station's are. */
  const showError = useCallback((e: WireError | null) => setError(e), []);
  /** The draft as a page edit answered it (pages.rotate, pages.move…). */
  const showDocument = useCallback((doc: DocumentDetail) => setPages(doc.pages), []);

  return { documentId, pages, progress, scanning: progress !== null, error, clearError: () => setError(null), saving, savedPages, start, cancel, save, composeIdCard, interleaveBacks, unfoldFolded, showDocument, addCaptured, showError };
}
