// `documents.import` with `stitch` (`sohoa import --stitch`, `sohoa scan --parts-from DIR`): image
// files that are the parts of one large sheet — in the order given, a folder's by name — assembled
// into one page at the sheet's true size (cropped to the paper and straightened by the assembly),
// which is then imported as any image file is and the record made. The parts are the person's own files:
// they stay where they are; a refusal names the part by its number in that order.
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import type { AssemblyReport, ImagingProfileName, ImportResult, SheetChoice } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { isPdf, walkImport } from '../capture/import-walk';
import { MAX_INPUT_PIXELS } from '../imaging/page-encoder';
import { assembleSheet } from './assemble';
import { ASSEMBLED_PROFILE, assemblyReport } from './assemble-draft';
import { sheetSize, typedOrientation } from './sheets';
import type { PartImage } from './types';

export interface StitchedImportDeps {
  readonly tmpDir: string;
  /** The ordinary import of the assembled page, with the imaging profile it is to get; its
   * progress names the page `shownAs` (the parts' files, not the work file it is read from). */
  readonly importFiles: (paths: readonly string[], profile: ImagingProfileName, shownAs: string) => Promise<ImportResult>;
  readonly signal?: AbortSignal | undefined;
}

export async function importStitched(
  deps: StitchedImportDeps,
  paths: readonly string[],
  stitch: { readonly sheet: SheetChoice; readonly landscape?: boolean | undefined },
  dpi: number,
  /** Asked for by the person; else the assembled page is imported as composed (assemble-draft.ts says why). */
  profile?: ImagingProfileName | undefined,
): Promise<ImportResult & { assembly: AssemblyReport }> {
  const sheet = sheetSize(stitch.sheet);
  const started = performance.now();
  const { files } = await walkImport(paths);
  if (files.length < 2) throw new StationError('stitch-too-few-parts', { count: files.length });
  const parts: PartImage[] = [];
  for (const [index, file] of files.entries()) {
    const part = { index, path: file, dpi, widthPx: 0, heightPx: 0 };
    if (await isPdf(file)) throw new StationError('stitch-part-unreadable', { part: index + 1, file, detail: 'a PDF is not a scanned part: give the parts as image files' });
    const meta = await sharp(file, { limitInputPixels: MAX_INPUT_PIXELS })
      .metadata()
      .catch((e: unknown) => {
        throw new StationError('stitch-part-unreadable', { part: index + 1, file, detail: e instanceof Error ? e.message : String(e) });
      });
    // The file's own resolution where it states one (a scan does), else the import's.
    const stated = meta.density && meta.density >= 50 && meta.density <= 1200 ? Math.round(meta.density) : dpi;
    parts.push({ ...part, dpi: stated, widthPx: meta.width ?? 0, heightPx: meta.height ?? 0 });
  }
  const out = join(deps.tmpDir, `stitched-${uuidv7()}.tif`);
  const workDir = deps.tmpDir;
  await mkdir(workDir, { recursive: true });
  try {
    const landscape = stitch.landscape ?? (typedOrientation(stitch.sheet) === 'landscape' ? true : undefined);
    const page = await assembleSheet({ parts, sheet, landscape, out, workDir }, { signal: deps.signal });
    const shownAs = `${basename(files[0]!)} … ${basename(files.at(-1)!)}`;
    const doc = await deps.importFiles([out], profile ?? ASSEMBLED_PROFILE, shownAs);
    const report = assemblyReport(page, sheet, files.map(() => null), files.map(() => false), false, (performance.now() - started) / 1000);
    return { ...doc, assembly: report };
  } finally {
    await rm(out, { force: true });
  }
}
