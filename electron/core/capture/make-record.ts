// A document's record PDF from what the store holds: its pages (images as stored), each page's
// text where known (OCR or an imported PDF's own text), its metadata and who converted it.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { DocumentDetail, OcrStatus, Settings } from '../../contract';
import type { MarkPosition } from '../pdf/conversion-mark';
import type { Word } from '../pdf/text-layer';
import type { RecordValues } from '../pdf/xmp';
import type { BlobStore, StoredBlob } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';

const unzip = promisify(gunzip);

export interface RecordDeps {
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly assetsDir: string;
  readonly producer: string;
  readonly settings: () => Settings;
}

export interface RecordFacts {
  readonly digitizedAt: string;
  readonly digitizedBy: string;
  readonly ocr: OcrStatus;
  readonly modifiedAt: string;
  /** null: the document was not converted from paper (no mark). */
  readonly markPosition?: MarkPosition | null;
}

const COLOR_DEPTH = { color: 24, gray: 8, bw: 1 } as const;

export async function wordsOf(blobs: BlobStore, sha256: string): Promise<Word[]> {
  return JSON.parse((await unzip(await blobs.readBuffer(sha256))).toString('utf8')) as Word[];
}

export async function makeRecord(deps: RecordDeps, doc: DocumentDetail, facts: RecordFacts): Promise<StoredBlob> {
  const texts = deps.documents.pageTexts(doc.id);
  const vectors = deps.documents.pageVectors(doc.id);
  // The assembler reads page images by path, in ranges: plaintext copies in this process's tmp
  // folder for as long as the record is written (swept if the process dies). So are the PDFs
  // that pages are carried from as vectors, once each.
  const plain = await Promise.all(doc.pages.map((p) => deps.blobs.materialise(p.sha256)));
  const pdfs = new Map(await Promise.all([...new Set([...vectors.values()].map((v) => v.sha256))].map(async (sha) => [sha, await deps.blobs.materialise(sha)] as const)));
  try {
    const vectorOf = (pageId: string) => {
      const v = vectors.get(pageId);
      return v ? { pdfPath: pdfs.get(v.sha256)!.path, pageNumber: v.pageNumber } : undefined;
    };
    return await assemble(deps, doc, facts, texts, plain.map((f) => f.path), vectorOf);
  } finally {
    await Promise.all([...plain, ...pdfs.values()].map((f) => f.done()));
  }
}

async function assemble(
  deps: RecordDeps,
  doc: DocumentDetail,
  facts: RecordFacts,
  texts: ReturnType<RecordDeps['documents']['pageTexts']>,
  paths: string[],
  vectorOf: (pageId: string) => { pdfPath: string; pageNumber: number } | undefined,
): Promise<StoredBlob> {
  const settings = deps.settings();
  const m = doc.metadata;
  const pages = await Promise.all(
    doc.pages.map(async (p, i) => {
      const text = texts.get(p.id);
      const vector = vectorOf(p.id);
      // A vector page carries its own text: the PDF's words are not drawn a second time (an OCR
      // of a page whose words are outlines is its only text, and is drawn).
      const words = text && !(vector && text.origin === 'pdf') ? await wordsOf(deps.blobs, text.wordsSha256) : undefined;
      return { imagePath: paths[i]!, mediaType: p.mediaType, widthPx: p.widthPx, heightPx: p.heightPx, dpi: p.dpi, words, vector };
    }),
  );
  const record: RecordValues = {
    documentId: doc.id,
    ...Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null)),
    digitizedAt: facts.digitizedAt,
    digitizedBy: facts.digitizedBy,
    ...(settings.unitCode ? { unitCode: settings.unitCode } : {}),
    ...(settings.level ? { level: settings.level } : {}),
    pageCount: doc.pages.length,
    dpi: Math.round(Math.min(...doc.pages.map((p) => p.dpi))),
    colorDepth: Math.max(...doc.pages.map((p) => COLOR_DEPTH[p.mode])),
    pdfaPart: 2,
    ocr: facts.ocr,
  };
  // pdf-lib loads with the first record written, not with every process that opens the station.
  const { writeRecord } = await import('../pdf/record');
  const stream = await writeRecord({
    documentId: doc.id,
    pages,
    title: m.title ?? undefined,
    subject: m.docTypeCode ?? undefined,
    author: m.issuer ?? settings.agencyName ?? facts.digitizedBy,
    keywords: [m.dossierCode, m.docNumber, m.docTypeCode].filter((k): k is string => Boolean(k)),
    producer: deps.producer,
    digitizedAt: facts.digitizedAt,
    modifiedAt: facts.modifiedAt,
    digitizedBy: facts.digitizedBy,
    markPosition: facts.markPosition === undefined ? settings.conversionMarkPosition : facts.markPosition,
    record,
    assetsDir: deps.assetsDir,
  });
  return deps.blobs.write(stream);
}
