// sohoa import PATH... [metadata…] [--dpi N] [--profile NAME] [--out FILE.pdf] [--json]
import { METADATA_OPTION_SPEC, SAVE_OPTION_SPEC, badOption, metadataOptions, numberOption, saveOptions, stringOption } from '../args';
import type { Command } from '../command';
import { imagingProfileOption } from './scan';
import { checkOutputTarget } from './shared';

export const importCommand: Command = {
  options: { dpi: { type: 'string' }, profile: { type: 'string' }, out: { type: 'string' }, ...METADATA_OPTION_SPEC, ...SAVE_OPTION_SPEC },
  async run({ out, parsed, session }) {
    if (parsed.positionals.length === 0) throw badOption('PATH', 'give at least one file or folder to import', 'cần ít nhất một tệp hoặc thư mục để nhập');
    const outPath = stringOption(parsed, 'out');
    if (outPath !== undefined) await checkOutputTarget(outPath);
    const dpi = numberOption(parsed, 'dpi');
    const metadata = metadataOptions(parsed);
    const profile = imagingProfileOption(parsed);
    const s = await session();
    const save = saveOptions(parsed);
    out.note(out.t('importing', { count: parsed.positionals.length }));
    if (save.ocr === 'wait') out.note(out.t('recognising'));
    const doc = await s.call('documents.import', {
      paths: parsed.positionals,
      ...(Object.keys(metadata).length ? { metadata } : {}),
      ...(dpi !== undefined ? { dpi } : {}),
      ...profile,
      ...save,
    });
    if (doc.ocr === 'failed') out.note(out.t('ocrFailed'));
    const written = outPath !== undefined ? await s.call('documents.export', { id: doc.id, path: outPath, overwrite: true }) : undefined;
    out.result({ id: doc.id, status: doc.status, pages: doc.pageCount, pdf: doc.pdf, ocr: doc.ocr, source: doc.source, out: written?.path ?? null, metadata: doc.metadata }, () => [
      out.t('savedDocument', { id: doc.id, pages: doc.pageCount, bytes: doc.pdf?.bytes ?? 0, sha256: doc.pdf?.sha256 ?? '' }),
      ...(written ? [out.t('wroteFile', { path: written.path })] : []),
    ]);
    return 0;
  },
};
