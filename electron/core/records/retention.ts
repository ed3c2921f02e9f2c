// Retention: once the provincial store has confirmed a record (a receipt whose SHA-256 is the
// record's current one) and the configured number of days has passed, the station deletes its
// local page images — the citizen's data is kept where it is archived, not on every counter PC.
// The signed record (PDF), the thumbnails and every row stay: the document is still listed,
// shown, exported and verifiable. Images still needed (text recognition pending) are kept.
import type { Database } from 'better-sqlite3';
import { vietnamIso } from '../time';
import type { AuditLog } from './audit';
import type { BlobStore } from './blob-store';
import type { Logger } from '../log';

export interface RetentionDeps {
  readonly db: Database;
  readonly blobs: BlobStore;
  readonly audit: AuditLog;
}

export interface PurgeReport {
  readonly documents: number;
  readonly pages: number;
  readonly bytes: number;
}

export function purgeConfirmedImages(deps: RetentionDeps, afterDays: number, now = new Date()): PurgeReport {
  const { db, blobs, audit } = deps;
  const cutoff = vietnamIso(new Date(now.getTime() - afterDays * 86_400_000));
  const due = db
    .prepare(
      `SELECT p.document_id, p.id AS page_id, p.image_sha256 FROM pages p JOIN documents d ON d.id = p.document_id
       WHERE p.purged_at IS NULL AND d.status = 'ready' AND d.ocr_status <> 'pending'
         AND EXISTS (SELECT 1 FROM outbox o WHERE o.document_id = d.id AND o.state = 'synced' AND o.sha256 = d.pdf_sha256 AND o.synced_at <= ?)
       ORDER BY p.document_id LIMIT 5000`,
    )
    .all(cutoff) as { document_id: string; page_id: string; image_sha256: string }[];
  if (due.length === 0) {
    removeLeftovers(deps, now);
    return { documents: 0, pages: 0, bytes: 0 };
  }

  const at = vietnamIso(now);
  removeLeftovers(deps, now);
  const shas = [...new Set(due.map((d) => d.image_sha256))];
  // A page image shared by content with a page not yet due keeps its file.
  const stillNeeded = db.prepare('SELECT 1 FROM pages WHERE image_sha256 = ? AND purged_at IS NULL AND id NOT IN (SELECT value FROM json_each(?))').pluck();
  const ids = JSON.stringify(due.map((d) => d.page_id));
  const gone = shas.filter((sha) => stillNeeded.get(sha, ids) === undefined);
  // The PDF pages were carried from as vectors holds the same citizen's data as their images:
  // it goes with the last page that names it (migration 17).
  const carriedFrom = db.prepare('SELECT DISTINCT pdf_sha256 FROM page_vectors WHERE page_id IN (SELECT value FROM json_each(?))').pluck().all(ids) as string[];
  const pdfStillNeeded = db.prepare('SELECT 1 FROM page_vectors v JOIN pages p ON p.id = v.page_id WHERE v.pdf_sha256 = ? AND p.purged_at IS NULL AND p.id NOT IN (SELECT value FROM json_each(?))').pluck();
  gone.push(...carriedFrom.filter((sha) => !gone.includes(sha) && pdfStillNeeded.get(sha, ids) === undefined));
  const bytes = gone.reduce((n, sha) => n + ((db.prepare('SELECT bytes FROM blobs WHERE sha256 = ?').pluck().get(sha) as number | undefined) ?? 0), 0);
  const byDocument = new Map<string, number>();
  for (const d of due) byDocument.set(d.document_id, (byDocument.get(d.document_id) ?? 0) + 1);

  db.transaction(() => {
    const markPage = db.prepare('UPDATE pages SET purged_at = ? WHERE id = ?');
    for (const d of due) markPage.run(at, d.page_id);
    const markBlob = db.prepare('UPDATE blobs SET purged_at = ? WHERE sha256 = ?');
    for (const sha of gone) markBlob.run(at, sha);
    for (const [documentId, pages] of byDocument) audit.append('purge', documentId, { pages, afterDays, reason: 'retention after the provincial store’s receipt' });
  })();
  // The rows say "purged" before the files go: a crash in between leaves files that the next run
  // removes (removeLeftovers), never a row pointing at a file that is gone unannounced.
  for (const sha of gone) blobs.removeFile(sha);
  return { documents: byDocument.size, pages: due.length, bytes };
}

/** Files of blobs purged in the last two days that a crash left behind. */
function removeLeftovers(deps: RetentionDeps, now: Date): void {
  const since = vietnamIso(new Date(now.getTime() - 2 * 86_400_000));
  for (const sha of deps.db.prepare('SELECT sha256 FROM blobs WHERE purged_at >= ?').pluck().all(since) as string[]) deps.blobs.removeFile(sha);
}

/** The station's purge as the settings ask for it (never, or after so many days), and, for a
 * long-lived process (the app, `sohoa serve`), at start and every six hours: a failure there is
 * logged, never fatal. `stop` ends the schedule. */
export function retentionSchedule(deps: RetentionDeps & { readonly afterDays: () => number | null; readonly log: Logger; readonly longLived: boolean }): { purge(): PurgeReport; stop(): void } {
  const purge = (): PurgeReport => {
    const days = deps.afterDays();
    return days === null ? { documents: 0, pages: 0, bytes: 0 } : purgeConfirmedImages(deps, days);
  };
  const purgeQuietly = () => {
    try {
      const r = purge();
      if (r.pages > 0) deps.log.info('purged confirmed page images', { ...r });
    } catch (e) {
      deps.log.error('purging confirmed page images failed', e);
    }
  };
  const timer = deps.longLived ? setInterval(purgeQuietly, 6 * 3600_000).unref() : null;
  if (deps.longLived) setImmediate(purgeQuietly);
  return {
    purge,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
