// Assembles a document's PDF from its stored page images with pdf-lib: one page per image, each
// sized from its pixels and resolution so that the paper is reproduced at 100% scale (an A4 scan
// at any dpi is 595 × 842 pt).
import { PDFDocument } from 'pdf-lib';

export interface PdfPage {
  readonly sha256: string;
  readonly mediaType: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dpi: number;
}

export interface PdfInfo {
  readonly title?: string | undefined;
  readonly subject?: string | undefined;
  readonly author?: string | undefined;
  readonly keywords?: readonly string[] | undefined;
  readonly producer: string;
  readonly created: Date;
}

export const POINTS_PER_INCH = 72;

export function pageSizePt(p: Pick<PdfPage, 'widthPx' | 'heightPx' | 'dpi'>): { width: number; height: number } {
  return { width: (p.widthPx / p.dpi) * POINTS_PER_INCH, height: (p.heightPx / p.dpi) * POINTS_PER_INCH };
}

export async function assemblePdf(
  pages: readonly PdfPage[],
  readBlob: (sha256: string) => Promise<Uint8Array>,
  info: PdfInfo,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (const p of pages) {
    const bytes = await readBlob(p.sha256);
    const image = p.mediaType === 'image/png' ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes);
    const { width, height } = pageSizePt(p);
    const page = pdf.addPage([width, height]);
    page.drawImage(image, { x: 0, y: 0, width, height });
  }
  if (info.title) pdf.setTitle(info.title);
  if (info.subject) pdf.setSubject(info.subject);
  if (info.author) pdf.setAuthor(info.author);
  if (info.keywords?.length) pdf.setKeywords([...info.keywords]);
  pdf.setProducer(info.producer);
  pdf.setCreator(info.producer);
  pdf.setCreationDate(info.created);
  pdf.setModificationDate(info.created);
  return pdf.save();
}
