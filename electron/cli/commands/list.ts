// sohoa list [--owner-id N] [--dossier CODE] [--status S] [--json] · sohoa show DOC [--json]
import { badOption, numberOption, stringOption } from '../args';
import type { Command } from '../command';
import { describeDocument, shortId, statusText, titleOf } from './shared';

export const listCommand: Command = {
  options: { 'owner-id': { type: 'string' }, dossier: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' } },
  async run({ out, parsed, session }) {
    const owner = stringOption(parsed, 'owner-id');
    const dossier = stringOption(parsed, 'dossier');
    const status = stringOption(parsed, 'status');
    const limit = numberOption(parsed, 'limit');
    const docs = await (await session()).call('documents.list', {
      ...(owner !== undefined ? { ownerIdNumber: owner } : {}),
      ...(dossier !== undefined ? { dossierCode: dossier } : {}),
      ...(status !== undefined ? { status: status as 'draft' } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    out.result(docs, () =>
      docs.length === 0
        ? [out.t('noDocuments')]
        : [
            [out.t('colId').padEnd(13), out.t('colStatus').padEnd(10), out.t('colPages').padStart(5), out.t('colCreated').padEnd(25), out.t('colTitle')].join('  '),
            ...docs.map((d) => [shortId(d.id), statusText(out, d).padEnd(10), String(d.pageCount).padStart(5), d.createdAt.slice(0, 19).padEnd(25), titleOf(d)].join('  ')),
          ],
    );
    return 0;
  },
};

export const showCommand: Command = {
  options: {},
  async run({ out, parsed, session }) {
    const id = parsed.positionals[0];
    if (!id) throw badOption('DOC', 'give the document id (or its first 8+ characters)', 'cần mã tài liệu (hoặc ít nhất 8 ký tự đầu)');
    const doc = await (await session()).call('documents.get', { id });
    out.result(doc, () => describeDocument(out, doc));
    return 0;
  },
};
