// sohoa search TEXT [--limit N] [--json]: documents by dossier code, owner id, owner name (with or
// without diacritics), document number, or their text.
import { badOption, numberOption } from '../args';
import type { Command } from '../command';
import { shortId, statusText, titleOf } from './shared';

export const searchCommand: Command = {
  options: { limit: { type: 'string' } },
  async run({ out, parsed, session }) {
    const text = parsed.positionals.join(' ').trim();
    if (!text) throw badOption('TEXT', 'give what to look for', 'cần nội dung cần tìm');
    const limit = numberOption(parsed, 'limit');
    const hits = await (await session()).call('documents.search', { text, ...(limit !== undefined ? { limit } : {}) });
    out.result(hits, () =>
      hits.length === 0
        ? [out.t('noDocuments')]
        : hits.flatMap((d) => [
            [shortId(d.id), statusText(out, d).padEnd(10), d.createdAt.slice(0, 19).padEnd(20), titleOf(d)].join('  '),
            ...(d.snippet ? [`    ${d.snippet}`] : []),
          ]),
    );
    return 0;
  },
};
