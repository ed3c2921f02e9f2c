// sohoa audit verify [--json]: walks the audit log's hash chain; exit 4 naming the rows if anything
// was edited, inserted or deleted (cli.md). sohoa audit list [--document DOC] [--limit N].
import { formatError } from '../../contract';
import { badOption, numberOption, stringOption } from '../args';
import type { Command } from '../command';

export const auditCommand: Command = {
  options: { document: { type: 'string' }, limit: { type: 'string' } },
  async run({ out, parsed, session }) {
    const [sub] = parsed.positionals;
    const s = await session();
    if (sub === 'verify') {
      const verdict = await s.call('audit.verify', {});
      // The store's copy of the head: the one check a person holding the station's files and key
      // cannot get round (records/audit-verify.ts).
      const remote = out.t(`auditRemote_${verdict.remote.status}`, { seq: verdict.remote.head?.seq ?? '—' });
      out.result(verdict, () => [
        out.t(verdict.ok ? 'auditOk' : 'auditBroken', { rows: verdict.rows }),
        ...verdict.problems.map((p) => `  #${p.seq} ${p.kind}: ${p.detail}`),
        remote,
      ]);
      return verdict.ok ? 0 : out.failure(formatError('audit-broken', { rows: verdict.problems.map((p) => p.seq).join(', ') }));
    }
    if (sub === 'list') {
      const document = stringOption(parsed, 'document');
      const limit = numberOption(parsed, 'limit');
      const rows = await s.call('audit.list', { ...(document ? { documentId: document } : {}), ...(limit !== undefined ? { limit } : {}) });
      out.result(rows, () => rows.map((r) => `${String(r.seq).padStart(6)}  ${r.at.slice(0, 19)}  ${`${r.actor}${r.username ? ` (${r.username})` : ''}`.padEnd(28)}  ${r.action.padEnd(8)}  ${r.documentId ?? ''}`));
      return 0;
    }
    throw badOption('audit', 'expected: sohoa audit verify | sohoa audit list', 'cần: sohoa audit verify | sohoa audit list');
  },
};
