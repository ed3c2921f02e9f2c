// sohoa import PATH... [metadata…] [--dpi N] [--profile NAME] [--camera [--paper SIZE] [--spread auto|yes|no]] [--each] [--out FILE.pdf] [--json]
// sohoa import --stitch --sheet a3|a2|a1|a0|WxH [--landscape|--portrait] PART... (the parts of one large
// sheet, assembled into one page first: stitching/import-stitched.ts)
// One document from all the paths; with --each, one document per path (an archivist's batch of
// separate files), each refused or saved on its own. Progress goes to stderr a line per page
// (a live line on a terminal); folder entries the import skipped are named with their reason.
import { type AssemblyReport, type CameraImport, type FixedPresetName, type ImportProgress, type ImportResult, type MetadataInput, PAPER_PRESETS, type WireError } from '../../contract';
import type { Parsed } from '../args';
import { METADATA_OPTION_SPEC, SAVE_OPTION_SPEC, badOption, metadataOptions, numberOption, saveOptions, stringOption } from '../args';
import { formatNumber } from '../../contract/format';
import type { Command } from '../command';
import { type Output, exitCodeFor } from '../output';
import { CallFailed, type CliSession } from '../session';
import { imagingProfileOption } from './scan';
import { checkOutputTarget } from './shared';
import { STITCH_OPTION_SPEC, noteAssembly, stitchOptions } from './stitch';

/** Prints each page an import read or processed: plain lines, or one live line on a terminal. */
function progressPrinter(out: Output): { onPage: (p: ImportProgress) => void; end: () => void } {
  let last = 0;
  return {
    onPage: (p) => {
      const stage = out.t(p.stage === 'reading' ? 'importReading' : 'importProcessing', { done: p.done, total: p.total, file: p.file });
      const line = p.page ? `${stage}: ${out.t('importPageSize', { width: formatNumber(p.page.widthMm, out.lang, 1), height: formatNumber(p.page.heightMm, out.lang, 1), dpi: p.page.dpi })}` : stage;
      if (!out.isTerminal()) return out.note(line);
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      out.write(`\r\x1b[2K${line}`);
    },
    end: () => {
      if (out.isTerminal()) out.write('\r\x1b[2K');
    },
  };
}

const resultLine = (doc: ImportResult) => ({ id: doc.id, status: doc.status, pages: doc.pageCount, pdf: doc.pdf, ocr: doc.ocr, source: doc.source, metadata: doc.metadata, skipped: doc.skipped, rasterised: doc.rasterised, carried: doc.carried });

export const importCommand: Command = {
  options: { dpi: { type: 'string' }, profile: { type: 'string' }, camera: { type: 'boolean' }, paper: { type: 'string' }, spread: { type: 'string' }, out: { type: 'string' }, each: { type: 'boolean' }, stitch: { type: 'boolean' }, ...STITCH_OPTION_SPEC, ...METADATA_OPTION_SPEC, ...SAVE_OPTION_SPEC },
  async run({ out, parsed, session }) {
    if (parsed.positionals.length === 0) throw badOption('PATH', 'give at least one file or folder to import', 'cần ít nhất một tệp hoặc thư mục để nhập');
    const outPath = stringOption(parsed, 'out');
    const each = Boolean(parsed.values.each);
    if (each && outPath !== undefined) throw badOption('--out', '--each makes one document per file: export them one by one', '--each tạo một tài liệu cho mỗi tệp: hãy xuất từng tài liệu');
    const stitch = parsed.values.stitch ? stitchOptions(parsed) : undefined;
    if (!stitch && parsed.values.sheet !== undefined) throw badOption('--sheet', '--sheet is the size of a sheet assembled from parts: add --stitch', '--sheet là khổ của tờ ghép từ các phần: thêm --stitch');
    if (stitch && each) throw badOption('--each', '--stitch makes one page of all the files: leave out --each', '--stitch ghép mọi tệp thành một trang: bỏ --each');
    if (outPath !== undefined) await checkOutputTarget(outPath);
    const dpi = numberOption(parsed, 'dpi');
    const metadata = metadataOptions(parsed);
    const profile = imagingProfileOption(parsed);
    const camera = cameraOptions(parsed);
    if (camera && stitch) throw badOption('--camera', '--stitch assembles scanned parts, --camera corrects photos: choose one', '--stitch ghép các phần đã quét, --camera nắn ảnh chụp: chọn một');
    const s = await session();
    const save = saveOptions(parsed);
    out.note(out.t('importing', { count: parsed.positionals.length }));
    if (save.ocr === 'wait') out.note(out.t('recognising'));
    const progress = progressPrinter(out);
    if (stitch) out.note(out.t('stitchAssembling', { count: parsed.positionals.length }));
    const importOne = (paths: string[]) => importPaths(s, paths, metadata, dpi, { ...profile, ...(camera ? { camera } : {}) }, save, progress.onPage, stitch).finally(progress.end);
    const noteSkipped = (doc: ImportResult) => {
      for (const k of doc.skipped) out.note(out.t('importSkipped', { reason: k.error.message[out.lang] }));
      for (const c of doc.carried) {
        out.note(out.t('importCarried', { file: c.file, count: c.pages.length }));
        if (c.linksDropped > 0) out.note(out.t('importLinksDropped', { count: c.linksDropped }));
      }
      for (const r of doc.rasterised) out.note(out.t('importRasterised', { file: r.file, page: r.page, dpi: r.dpi, reason: out.t(`rasterised.${r.reason}`) }));
    };

    if (each) return importEach(out, parsed.positionals, importOne, noteSkipped);

    const doc = await importOne(parsed.positionals);
    if (doc.assembly) noteAssembly(out, doc.assembly);
    noteSkipped(doc);
    if (doc.ocr === 'failed') out.note(out.t('ocrFailed'));
    const written = outPath !== undefined ? await s.call('documents.export', { id: doc.id, path: outPath, overwrite: true }) : undefined;
    out.result({ ...resultLine(doc), ...(doc.assembly ? { assembly: doc.assembly } : {}), out: written?.path ?? null }, () => [
      out.t('savedDocument', { id: doc.id, pages: doc.pageCount, bytes: doc.pdf?.bytes ?? 0, sha256: doc.pdf?.sha256 ?? '' }),
      ...(written ? [out.t('wroteFile', { path: written.path })] : []),
    ]);
    return 0;
  },
};

export function importPaths(
  s: CliSession,
  paths: string[],
  metadata: MetadataInput,
  dpi: number | undefined,
  profile: ReturnType<typeof imagingProfileOption> & { camera?: CameraImport },
  save: ReturnType<typeof saveOptions>,
  onPage: (p: ImportProgress) => void,
  stitch?: ReturnType<typeof stitchOptions>,
): Promise<ImportResult & { assembly?: AssemblyReport | undefined }> {
  return s.call(
    'documents.import',
    { paths, ...(Object.keys(metadata).length ? { metadata } : {}), ...(dpi !== undefined ? { dpi } : {}), ...profile, ...save, ...(stitch ? { stitch } : {}) },
    (name, payload) => {
      if (name === 'documents.import-progress') onPage(payload as ImportProgress);
    },
  );
}

/** --camera [--paper SIZE] [--spread auto|yes|no]: the images are photos of pages. */
function cameraOptions(p: Parsed): CameraImport | undefined {
  const paper = stringOption(p, 'paper');
  const spread = stringOption(p, 'spread');
  if (!p.values.camera) {
    if (paper !== undefined || spread !== undefined) throw badOption(paper !== undefined ? '--paper' : '--spread', 'applies to camera photos only: add --camera', 'chỉ dùng cho ảnh chụp bằng máy ảnh: thêm --camera');
    return undefined;
  }
  const papers = Object.keys(PAPER_PRESETS);
  if (paper !== undefined && !papers.includes(paper)) throw badOption('--paper', `“${paper}” is not a paper size (choose: ${papers.join(', ')})`, `không có khổ giấy “${paper}” (chọn: ${papers.join(', ')})`);
  if (spread !== undefined && !['auto', 'yes', 'no'].includes(spread)) throw badOption('--spread', `“${spread}” is not auto, yes or no`, `“${spread}” không phải auto, yes hoặc no`);
  return { ...(paper !== undefined ? { paper: paper as FixedPresetName } : {}), spread: (spread ?? 'auto') as CameraImport['spread'] };
}

/** --each: every path its own import; the exit status is the first failure's (cli.md), 0 if none. */
async function importEach(out: Output, paths: readonly string[], importOne: (paths: string[]) => Promise<ImportResult>, noteSkipped: (doc: ImportResult) => void): Promise<number> {
  const documents: (ReturnType<typeof resultLine> & { path: string })[] = [];
  const failed: { path: string; error: WireError }[] = [];
  for (const path of paths) {
    try {
      const doc = await importOne([path]);
      noteSkipped(doc);
      documents.push({ path, ...resultLine(doc) });
    } catch (e) {
      if (!(e instanceof CallFailed)) throw e;
      failed.push({ path, error: e.error });
      out.note(`${out.lang === 'vi' ? 'Lỗi' : 'Error'} [${e.error.code}] ${e.error.message[out.lang]}`);
    }
  }
  out.result({ documents, failed }, () => [
    ...documents.map((d) => out.t('savedDocument', { id: d.id, pages: d.pages, bytes: d.pdf?.bytes ?? 0, sha256: d.pdf?.sha256 ?? '' })),
    out.t('importEachSummary', { saved: documents.length, failed: failed.length }),
  ]);
  return failed.length ? exitCodeFor(failed[0]!.error.code) : 0;
}
