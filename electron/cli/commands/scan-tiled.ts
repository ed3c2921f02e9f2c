// sohoa scan --device ID --sheet a3|a2|a1|a0|WxH --tiled [--dpi N] [--mode …] [metadata…] [--out FILE.pdf]
// A sheet larger than the glass, scanned part by part on a terminal (issue 18): the plan first
// (stitch.plan: how many parts, where each lies on the sheet), then, before each part, where to lay
// the sheet and a prompt — Enter scans the part, r scans the last part again, u takes the last part
// back, q stops and keeps the parts in the draft. After the last part the draft's parts are
// assembled into one page (stitch.assemble) and the document is saved as a scan is. A part that
// cannot be placed is named with what to rescan; the parts stay in the draft either way.
import { createInterface } from 'node:readline';
import { type EventPayload, type PlannedPart, type TilePlan, onEvents } from '../../contract';
import { formatNumber } from '../../contract/format';
import { type Parsed, badOption, metadataOptions, numberOption, requireOption, saveOptions, stringOption } from '../args';
import type { Output } from '../output';
import { CallFailed, type CliSession } from '../session';
import { checkOutputTarget } from './shared';
import { noteAssembly, stitchOptions } from './stitch';

type Ended = { failed: false } | { failed: true; failure: EventPayload<'scan.failed'> };

/** Lines typed on stdin, one at a time; end of input reads as q (stop, keep the parts). */
function answers(): { next: (prompt: string, out: Output) => Promise<string>; close: () => void } {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async next(prompt, out) {
      out.write(prompt);
      const r = await lines.next();
      return r.done ? 'q' : String(r.value).trim().toLowerCase();
    },
    close: () => rl.close(),
  };
}

/** Where the officer lays the sheet for a part: the part's rectangle on the sheet, in mm. */
function placeLine(out: Output, plan: TilePlan, part: PlannedPart): string {
  const mm = (n: number) => formatNumber(n, out.lang, 0);
  return out.t(plan.turned ? 'tiledPlaceTurned' : 'tiledPlace', {
    number: part.number,
    count: plan.count,
    row: part.row + 1,
    col: part.col + 1,
    left: mm(part.xMm),
    right: mm(part.xMm + part.widthMm),
    top: mm(part.yMm),
    bottom: mm(part.yMm + part.heightMm),
  });
}

export async function scanTiled(out: Output, parsed: Parsed, session: () => Promise<CliSession>): Promise<number> {
  const stitch = stitchOptions(parsed);
  const device = requireOption(parsed, 'device');
  const outPath = stringOption(parsed, 'out');
  if (outPath !== undefined) await checkOutputTarget(outPath);
  const dpi = numberOption(parsed, 'dpi');
  const mode = stringOption(parsed, 'mode');
  const s = await session();
  const { plan, deviceName } = await s.call('stitch.plan', { sheet: stitch.sheet, orientation: stitch.landscape ? 'landscape' : 'portrait', device, source: 'flatbed' });
  if (plan.fitsGlass) throw badOption('--tiled', `the sheet fits the glass of ${deviceName}: scan it as one page with --preset or --size`, `tờ giấy vừa mặt kính của ${deviceName}: quét một lần với --preset hoặc --size`);
  out.note(out.t('tiledPlan', { device: deviceName, count: plan.count, rows: plan.rows, cols: plan.cols }));

  let documentId: string | undefined;
  const pageIds: string[] = [];
  const input = answers();
  try {
    while (pageIds.length < plan.count) {
      const part = plan.parts[pageIds.length]!;
      out.note(placeLine(out, plan, part));
      const answer = await input.next(out.t('tiledPrompt'), out);
      if (answer === 'q') {
        if (documentId) out.note(out.t('draftKept', { pages: pageIds.length, id: documentId }));
        out.result({ id: documentId ?? null, status: 'draft', pages: pageIds.length, stopped: true }, () => []);
        return 0;
      }
      if ((answer === 'u' || answer === 'r') && pageIds.length > 0) {
        await s.call('pages.delete', { pageId: pageIds.pop()! });
        out.note(out.t(answer === 'u' ? 'tiledUndone' : 'tiledRescan', { number: pageIds.length + 1 }));
        if (answer === 'u') continue;
      } else if (answer !== '') {
        out.note(out.t('tiledKeys'));
        continue;
      }
      const area = plan.turned ? { width: part.heightMm, height: part.widthMm } : { width: part.widthMm, height: part.heightMm };
      const scanned = await scanPart(s, { device, area, dpi, mode, documentId });
      documentId = scanned.documentId;
      pageIds.push(scanned.pageId);
    }
  } finally {
    input.close();
  }

  out.note(out.t('stitchAssembling', { count: pageIds.length }));
  const assembled = await s.call('stitch.assemble', { documentId: documentId!, sheet: stitch.sheet, ...(stitch.landscape !== undefined ? { landscape: stitch.landscape } : {}) }).catch((e: unknown) => {
    if (e instanceof CallFailed) out.note(out.t('draftKept', { pages: pageIds.length, id: documentId! }));
    throw e;
  });
  noteAssembly(out, assembled.report);
  const metadata = metadataOptions(parsed);
  const doc = await s.call('documents.finish', { id: documentId!, ...(Object.keys(metadata).length ? { metadata } : {}), ...saveOptions(parsed) });
  if (doc.ocr === 'failed') out.note(out.t('ocrFailed'));
  const written = outPath !== undefined ? await s.call('documents.export', { id: doc.id, path: outPath, overwrite: true }) : undefined;
  out.result({ id: doc.id, status: doc.status, pages: doc.pageCount, pdf: doc.pdf, ocr: doc.ocr, out: written?.path ?? null, metadata: doc.metadata, assembly: assembled.report }, () => [
    out.t('savedDocument', { id: doc.id, pages: doc.pageCount, bytes: doc.pdf?.bytes ?? 0, sha256: doc.pdf?.sha256 ?? '' }),
    ...(written ? [out.t('wroteFile', { path: written.path })] : []),
  ]);
  return 0;
}

/** One part: one page scanned from the glass into the draft (the first part makes it). The
 * imaging profile is `none`: a part is kept as the scanner saw it; the assembled page goes through
 * the pipeline. */
async function scanPart(
  s: CliSession,
  o: { device: string; area: { width: number; height: number }; dpi: number | undefined; mode: string | undefined; documentId: string | undefined },
): Promise<{ documentId: string; pageId: string }> {
  let ended!: (e: Ended) => void;
  const finished = new Promise<Ended>((resolve) => (ended = resolve));
  let pageId: string | undefined;
  const emit = onEvents({
    'scan.page': (e) => (pageId = e.page.id),
    'scan.done': () => ended({ failed: false }),
    'scan.failed': (failure) => ended({ failed: true, failure }),
  });
  const request = {
    device: o.device,
    source: 'flatbed' as const,
    pages: 1,
    paper: o.area,
    profile: 'none' as const,
    ...(o.dpi !== undefined ? { dpi: o.dpi } : {}),
    ...(o.mode !== undefined ? { mode: o.mode as never } : {}),
    ...(o.documentId ? { documentId: o.documentId } : {}),
  };
  const { documentId } = await s.call('scan.start', request, emit);
  const end = await finished;
  if (end.failed) throw new CallFailed(end.failure.error, { id: documentId });
  if (!pageId) throw new Error('the scan of a part ended without a page');
  return { documentId, pageId };
}
