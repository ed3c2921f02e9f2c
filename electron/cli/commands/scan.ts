// sohoa scan --device ID [--source flatbed|feeder|duplex] [--preset NAME | --size WxH] [--dpi N]
//            [--mode color|gray|bw] [--pages N] [--profile NAME] [metadata…] [--out FILE.pdf] [--json]
// sohoa scan --device ID --sheet … --tiled: part by part on a terminal (scan-tiled.ts).
// sohoa scan [--device ID] --sheet a3|a2|a1|a0|WxH --parts-from DIR [metadata…] [--out FILE.pdf]: the
//            parts of a large sheet scanned elsewhere, read from DIR in name order and assembled
//            into one page (stitching/import-stitched.ts), then saved as a scan is.
import { type EventPayload, IMAGING_PROFILES, type ImagingProfileName, PRESET_NAMES, type PresetName, ScanRequest, type SourceKind, invalidInput, onEvents } from '../../contract';
import { METADATA_OPTION_SPEC, type Parsed, SAVE_OPTION_SPEC, badOption, metadataOptions, numberOption, requireOption, saveOptions, stringOption } from '../args';
import type { Command } from '../command';
import { Progress } from '../output';
import { checkOutputTarget, driverOptions } from './shared';
import { CallFailed, type CliSession } from '../session';
import type { Output } from '../output';
import { STITCH_OPTION_SPEC, noteAssembly, stitchOptions } from './stitch';
import { importPaths } from './import';
import { scanTiled } from './scan-tiled';

const SOURCES: Readonly<Record<string, SourceKind>> = { flatbed: 'flatbed', feeder: 'feeder', duplex: 'feeder-duplex', 'feeder-duplex': 'feeder-duplex' };

/** --profile: what the imaging pipeline does to each page (absent: the preset's, else default). */
export function imagingProfileOption(p: Parsed): { profile?: ImagingProfileName } {
  const profile = stringOption(p, 'profile');
  if (profile === undefined) return {};
  if (!(IMAGING_PROFILES as readonly string[]).includes(profile))
    throw badOption('--profile', `“${profile}” is not an imaging profile (choose: ${IMAGING_PROFILES.join(', ')})`, `không có chế độ xử lý ảnh “${profile}” (chọn: ${IMAGING_PROFILES.join(', ')})`);
  return { profile: profile as ImagingProfileName };
}

export function scanRequest(p: Parsed): ScanRequest {
  const preset = stringOption(p, 'preset');
  const size = stringOption(p, 'size');
  if (preset && size) throw badOption('--preset', 'give either --preset or --size, not both', 'chỉ dùng một trong --preset hoặc --size');
  let paper: ScanRequest['paper'];
  if (size) {
    const m = /^(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)$/i.exec(size);
    if (!m) throw badOption('--size', `“${size}” is not WIDTHxHEIGHT in mm (e.g. 210x297)`, `“${size}” không có dạng RỘNGxCAO tính bằng mm (ví dụ 210x297)`);
    paper = { width: Number(m[1]), height: Number(m[2]) };
  } else if (preset) {
    if (!(PRESET_NAMES as readonly string[]).includes(preset))
      throw badOption('--preset', `“${preset}” is not a preset (choose: ${PRESET_NAMES.join(', ')})`, `không có khổ “${preset}” (chọn: ${PRESET_NAMES.join(', ')})`);
    paper = { preset: preset as PresetName };
  }
  const source = stringOption(p, 'source');
  const metadata = metadataOptions(p);
  const options = driverOptions(p);
  return {
    device: requireOption(p, 'device'),
    ...(source !== undefined ? { source: (SOURCES[source] ?? source) as SourceKind } : {}),
    ...(paper ? { paper } : {}),
    ...(numberOption(p, 'dpi') !== undefined ? { dpi: numberOption(p, 'dpi') } : {}),
    ...(stringOption(p, 'mode') !== undefined ? { mode: stringOption(p, 'mode') as never } : {}),
    ...(numberOption(p, 'pages') !== undefined ? { pages: numberOption(p, 'pages') } : {}),
    ...(Object.keys(metadata).length ? { metadata } : {}),
    ...(options ? { driverOptions: options } : {}),
    ...imagingProfileOption(p),
  };
}

type Ended = { failed: false; done: EventPayload<'scan.done'> } | { failed: true; failure: EventPayload<'scan.failed'> };

export const scanCommand: Command = {
  options: {
    device: { type: 'string' },
    source: { type: 'string' },
    preset: { type: 'string' },
    size: { type: 'string' },
    dpi: { type: 'string' },
    mode: { type: 'string' },
    pages: { type: 'string' },
    profile: { type: 'string' },
    out: { type: 'string' },
    'driver-option': { type: 'string', multiple: true },
    'parts-from': { type: 'string' },
    tiled: { type: 'boolean' },
    ...STITCH_OPTION_SPEC,
    ...METADATA_OPTION_SPEC,
    ...SAVE_OPTION_SPEC,
  },
  async run({ out, parsed, session }) {
    const partsFrom = stringOption(parsed, 'parts-from');
    if (partsFrom !== undefined) return partsFromFolder(out, parsed, partsFrom, session);
    if (parsed.values.tiled) return scanTiled(out, parsed, session);
    if (parsed.values.sheet !== undefined) throw badOption('--sheet', '--sheet is the size of a sheet scanned in parts: add --tiled, or --parts-from DIR', '--sheet là khổ của tờ quét thành nhiều phần: thêm --tiled, hoặc --parts-from THƯ_MỤC');
    const request = scanRequest(parsed);
    // Check everything that can be checked before the store is touched.
    const checked = ScanRequest.safeParse(request);
    if (!checked.success) throw new CallFailed(invalidInput(checked.error));
    const outPath = stringOption(parsed, 'out');
    if (outPath !== undefined) await checkOutputTarget(outPath);

    const s = await session();
    const progress = new Progress(out, request.pages);
    let ended!: (e: Ended) => void;
    const finished = new Promise<Ended>((resolve) => (ended = resolve));
    const emit = onEvents({
      'scan.page-start': (e) => progress.pageStart(e.page),
      'scan.progress': (e) => progress.bytes(e.bytes, e.expected),
      'scan.page': (e) => progress.pageSaved(e.page.seq),
      'scan.done': (done) => ended({ failed: false, done }),
      'scan.failed': (failure) => ended({ failed: true, failure }),
    });
    const { jobId, documentId } = await s.call('scan.start', request, emit);

    // Ctrl+C cancels the scan and keeps the pages already scanned; a second one quits at once.
    let cancelling = false;
    const onInterrupt = () => {
      if (cancelling) process.exit(130);
      cancelling = true;
      out.note(out.t('cancelling'));
      void s.call('scan.cancel', { jobId });
    };
    process.on('SIGINT', onInterrupt);
    const end = await finished.finally(() => process.off('SIGINT', onInterrupt));
    progress.end();
    if (end.failed) {
      const { error, pagesSaved, draftDiscarded } = end.failure;
      if (draftDiscarded) throw new CallFailed(error, { pagesSaved });
      const draft = await s.call('documents.get', { id: documentId });
      out.note(out.t('draftKept', { pages: draft.pageCount, id: documentId }));
      throw new CallFailed(error, { id: documentId, pagesSaved });
    }

    const save = saveOptions(parsed);
    if (save.ocr === 'wait') out.note(out.t('recognising'));
    const doc = await s.call('documents.finish', { id: documentId, ...save });
    if (doc.ocr === 'failed') out.note(out.t('ocrFailed'));
    const written = outPath !== undefined ? await s.call('documents.export', { id: doc.id, path: outPath, overwrite: true }) : undefined;
    out.result({ id: doc.id, status: doc.status, pages: doc.pageCount, end: end.done.end, pdf: doc.pdf, ocr: doc.ocr, out: written?.path ?? null, metadata: doc.metadata }, () => [
      out.t('savedDocument', { id: doc.id, pages: doc.pageCount, bytes: doc.pdf?.bytes ?? 0, sha256: doc.pdf?.sha256 ?? '' }),
      ...(written ? [out.t('wroteFile', { path: written.path })] : []),
    ]);
    return 0;
  },
};

/** --parts-from DIR: the parts were scanned elsewhere (another station, a scanner's own software);
 * the folder's image files, in name order, are the parts. The scanner named by --device, if any,
 * is not used. */
async function partsFromFolder(out: Output, parsed: Parsed, dir: string, session: () => Promise<CliSession>): Promise<number> {
  const stitch = stitchOptions(parsed);
  const outPath = stringOption(parsed, 'out');
  if (outPath !== undefined) await checkOutputTarget(outPath);
  const s = await session();
  const save = saveOptions(parsed);
  out.note(out.t('stitchAssemblingFolder', { dir }));
  const dpi = numberOption(parsed, 'dpi');
  const doc = await importPaths(s, [dir], metadataOptions(parsed), dpi, imagingProfileOption(parsed), save, () => {}, stitch);
  if (doc.assembly) noteAssembly(out, doc.assembly);
  if (doc.ocr === 'failed') out.note(out.t('ocrFailed'));
  const written = outPath !== undefined ? await s.call('documents.export', { id: doc.id, path: outPath, overwrite: true }) : undefined;
  out.result({ id: doc.id, status: doc.status, pages: doc.pageCount, pdf: doc.pdf, ocr: doc.ocr, out: written?.path ?? null, metadata: doc.metadata, assembly: doc.assembly ?? null }, () => [
    out.t('savedDocument', { id: doc.id, pages: doc.pageCount, bytes: doc.pdf?.bytes ?? 0, sha256: doc.pdf?.sha256 ?? '' }),
    ...(written ? [out.t('wroteFile', { path: written.path })] : []),
  ]);
  return 0;
}
