// The portable PDF engine's worker thread: qpdf and PDFium in WebAssembly and pdf-lib, answering
// one operation at a time (portable.ts sends them, and terminates this thread past a deadline).
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { codedBytes, pageBoxes, pageImages } from './pdf-objects';
import { PdfiumOutOfMemory, drawnImages, dropPdfium, pageCount, pageWords, renderBands } from './pdfium-wasm';
import type { WorkerReply, WorkerRequest } from './portable-protocol';
import { qpdf } from './qpdf-wasm';
import { rawTiffHeader } from '../imaging/raw-tiff-header';
import { rebuildXref } from './xref-rebuild';
import { wasmRuntime } from './wasm-memory';

/** Pixels per rendered band: 16 Mpx (64 MB in PDFium's memory, 48 MB in RGB here). */
const BAND_PIXELS = 16 << 20;

async function run(req: WorkerRequest): Promise<unknown> {
  const { limitBytes } = req;
  switch (req.op) {
    case 'qpdf':
      return qpdf(req.args, limitBytes);
    case 'xref':
      return rebuildXref(req.file, req.out);
    case 'boxes':
      return pageBoxes(req.file);
    case 'pages':
      return pageCount(req.file, limitBytes);
    case 'images': {
      // PDFium says which images each page draws, at what resolution; pdf-lib says what they are.
      const drawn = await drawnImages(req.file, limitBytes);
      const byPage = new Map<number, typeof drawn>();
      for (const d of drawn) byPage.set(d.page, [...(byPage.get(d.page) ?? []), d]);
      const listed = [];
      for (const [page, images] of byPage) {
        const objects = (await pageImages(req.file, page)).filter((o) => !o.imageMask);
        for (const d of images) {
          const same = objects.filter((o) => o.width === d.width && o.height === d.height);
          // Matched by size to the one XObject it can be; an inline image (or an ambiguous one)
          // gets no object number and is not taken as it is.
          const o = same.length === 1 ? same[0]! : undefined;
          listed.push({ page, width: d.width, height: d.height, xppi: d.xppi, yppi: d.yppi, object: o?.object ?? 0, color: o?.color ?? '-', components: o?.components ?? 0, bpc: o?.bpc ?? 0, enc: encOf(o?.filters.at(-1)) });
        }
      }
      return listed;
    }
    case 'jpeg': {
      const bytes = await codedBytes(req.file, req.object, 'DCTDecode');
      if (!bytes) return false;
      writeFileSync(req.out, bytes);
      return true;
    }
    case 'ccitt': {
      const o = (await pageImages(req.file, req.page)).find((i) => i.object === req.object);
      const bytes = o && (await codedBytes(req.file, req.object, 'CCITTFaxDecode'));
      if (!o || !bytes) return null;
      return { data: bytes, k: Number(o.parms.K ?? 0), blackIs1: o.parms.BlackIs1 === true, byteAlign: o.parms.EncodedByteAlign === true, columns: Number(o.parms.Columns ?? 1728), inverted: o.inverted, imageMask: o.imageMask };
    }
    case 'words':
      return pageWords(req.file, req.page, limitBytes);
    case 'render': {
      let fd: number | null = null;
      try {
        const size = await renderBands(req.file, req.page, req.dpi, req.grey, BAND_PIXELS, limitBytes, (rows, width, height) => {
          if (fd === null) {
            fd = openSync(req.out, 'w');
            writeSync(fd, rawTiffHeader(width, height, req.grey ? 1 : 3, req.dpi));
          }
          writeSync(fd, rows);
        });
        return size;
      } finally {
        if (fd !== null) closeSync(fd);
      }
    }
  }
}

const encOf = (filter: string | undefined) =>
  ({ DCTDecode: 'jpeg', DCT: 'jpeg', CCITTFaxDecode: 'ccitt', CCF: 'ccitt', JPXDecode: 'jpx', JBIG2Decode: 'jbig2' })[filter ?? ''] ?? 'image';

parentPort?.on('message', (req: WorkerRequest) => {
  run(req).then(
    (result) => parentPort!.postMessage({ id: req.id, result } satisfies WorkerReply),
    (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      // An abort inside PDFium (mostly an allocation past its maximum) leaves it unusable.
      const memory = e instanceof PdfiumOutOfMemory || /out of memory|Cannot enlarge memory|OOM|bad_alloc|Aborted\(/i.test(message);
      if (e instanceof wasmRuntime.RuntimeError || memory) dropPdfium();
      parentPort!.postMessage({ id: req.id, error: { message, memory } } satisfies WorkerReply);
    },
  );
});
