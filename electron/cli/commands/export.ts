// sohoa export DOC --out FILE.pdf [--json]
import { badOption, requireOption } from '../args';
import type { Command } from '../command';
import { checkOutputTarget } from './shared';

export const exportCommand: Command = {
  options: { out: { type: 'string' } },
  async run({ out, parsed, session }) {
    const id = parsed.positionals[0];
    if (!id) throw badOption('DOC', 'give the document id (or its first 8+ characters)', 'cần mã tài liệu (hoặc ít nhất 8 ký tự đầu)');
    const path = requireOption(parsed, 'out');
    await checkOutputTarget(path);
    const written = await (await session()).call('documents.export', { id, path, overwrite: true });
    out.result(written, () => [out.t('wroteFile', { path: written.path }), `SHA-256 ${written.sha256}`]);
    return 0;
  },
};
