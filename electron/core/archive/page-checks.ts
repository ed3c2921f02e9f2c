// The QC pass's look at each page of a document: blank, skewed, dark (imaging/analysis/quality.ts).
// Worked out when the checker opens the document, page after page (one reduced copy at a time,
// ≈ 0.1–0.3 s a page), and remembered by the page image's SHA-256: the same image always gets the
// same answer, and a page rescanned or edited is a new image, looked at afresh.
import type { ArchivePageCheck, PageWarning } from '../../contract';
import { type PageQuality, pageQuality } from '../imaging/analysis/quality';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';

/** Enough for a long QC session (a few bytes each); the oldest answers go first beyond it. */
const REMEMBERED = 20_000;

export class PageChecks {
  private readonly known = new Map<string, PageQuality>();

  constructor(private readonly deps: { readonly documents: DocumentRepository; readonly blobs: BlobStore }) {}

  async of(documentId: string): Promise<ArchivePageCheck[]> {
    const out: ArchivePageCheck[] = [];
    for (const page of this.deps.documents.pages(documentId)) {
      const q = await this.quality(page.sha256, page.dpi);
      const warnings: PageWarning[] = [];
      if (q.blank) warnings.push('blank');
      if (q.skewed) warnings.push('skewed');
      if (q.dark) warnings.push('dark');
      out.push({ pageId: page.id, seq: page.seq, warnings, skewDegrees: Math.round(q.skewDegrees * 10) / 10, paperLightness: Math.round((q.paperGrey / 255) * 100) / 100 });
    }
    return out;
  }

  private async quality(sha256: string, dpi: number): Promise<PageQuality> {
    const known = this.known.get(sha256);
    if (known) return known;
    const image = await this.deps.blobs.materialise(sha256);
    const q = await pageQuality(image.path, dpi).finally(() => image.done());
    if (this.known.size >= REMEMBERED) this.known.delete(this.known.keys().next().value!);
    this.known.set(sha256, q);
    return q;
  }
}
