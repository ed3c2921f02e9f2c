// The importer's question for a page that is not one kept image: can it be carried into the
// record as vectors (pdf/vector-check.ts)? The repaired copy of the PDF is read once with pdf-lib,
// in this process (portable: no outside program), on the first page that asks.
import { readFile } from 'node:fs/promises';
import type { VectorVerdict } from '../pdf/vector-check';

export type VectorJudge = (page: number) => Promise<VectorVerdict>;

/** Judges pages (1-based) of the PDF at `file`; a file pdf-lib cannot read gives every page
 * the reason `unreadable-structure` (they are rasterised, as before). */
export function vectorJudge(file: string): VectorJudge {
  let loaded: Promise<{ judge: (index: number) => VectorVerdict } | null> | null = null;
  return async (page) => {
    loaded ??= (async () => {
      try {
        const [{ PDFDocument }, { judgePage }] = await Promise.all([import('pdf-lib'), import('../pdf/vector-check')]);
        const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
        return { judge: (index: number) => judgePage(doc, index) };
      } catch {
        return null;
      }
    })();
    const judge = await loaded;
    return judge ? judge.judge(page - 1) : { reason: 'unreadable-structure', linksDropped: 0 };
  };
}
