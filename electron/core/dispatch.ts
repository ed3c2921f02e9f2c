// The handler table: each contract method mapped onto the station, and the one dispatcher every
// transport (Electron IPC, the browser-mode WebSocket, the CLI) calls. It validates the input
// against the contract, runs the handler, checks the output, and turns any failure into a coded
// error; nothing but a WireError ever leaves it.
import {
  type CallResult,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  METHOD_NAMES,
  invalidInput,
  methods,
  formatError,
} from '../contract';
import type { Emit } from './capture/scan-job';
import { StationError, isStationError, toWireError } from './errors';
import type { Station } from './station';
import { vietnamIso } from './time';

export type { Emit };

export interface CallContext {
  /** Events for the caller (scan progress of the jobs it started). */
  readonly emit: Emit;
}

type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: CallContext) => Promise<MethodOutput<M>>;
export type Handlers = { readonly [M in MethodName]: Handler<M> };

export function createHandlers(station: Station): Handlers {
  const { documents } = station;
  return {
    'station.info': async () => station.info,
    'settings.get': async () => station.settings(),
    'settings.update': async (change) => station.updateSettings(change),
    'devices.list': () => station.devices.list(),
    'scan.start': (input, ctx) => station.scans.start(input, ctx.emit),
    'scan.cancel': async ({ jobId }) => ({ cancelled: station.scans.cancel(jobId) }),
    'documents.list': async (query) => documents.list(query),
    'documents.get': async ({ id }) => {
      const doc = documents.get(documents.resolveId(id));
      if (!doc) throw new StationError('not-found', { id });
      station.audit.append('view', doc.id);
      return doc;
    },
    'documents.search': async ({ text, limit }) =>
      documents.searchText(text, limit).flatMap((hit) => {
        const doc = documents.summary(hit.documentId);
        return doc ? [{ ...doc, snippet: hit.snippet }] : [];
      }),
    'audit.list': async ({ documentId, limit, beforeSeq }) =>
      station.audit.rows({ ...(documentId ? { documentId: documents.resolveId(documentId) } : {}), limit, ...(beforeSeq ? { beforeSeq } : {}) }).map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        documentId: r.documentId,
        details: JSON.parse(r.details) as Record<string, unknown>,
        hash: r.hash,
      })),
    'audit.verify': async () => {
      const verdict = station.audit.verify();
      return { ...verdict, problems: [...verdict.problems] };
    },
    'documents.finish': ({ id, metadata, digitizedBy, ocr }) => station.finish(id, metadata ?? {}, { digitizedBy, ocr }),
    'documents.import': ({ paths, metadata, dpi, digitizedBy, ocr }) => station.importFiles(paths, metadata ?? {}, dpi, { digitizedBy, ocr }),
    'documents.export': ({ id, path, overwrite }) => station.exportPdf(id, path, overwrite),
    'documents.sign': ({ id, ...req }) => station.signing.signDocument(id, req),
    'documents.verify': ({ id, trust, online }) => station.signing.verifyDocument(id, { trust, online }),
    'pdf.sign': ({ path, out, overwrite, ...req }) => station.signing.signFile(path, out, overwrite, req),
    'pdf.verify': ({ path, trust, online }) => station.signing.verifyFile(path, { trust, online }),
    'signing.tokens': async ({ module }) => station.signing.tokens(module),
    'sync.status': () => station.sync.status(),
    'sync.run': () => station.sync.run(),
    'sync.retry': async ({ id }) => ({ retried: station.sync.retry(id) }),
    'sync.configure': (change) => station.sync.configure(change),
    'reuse.lookup': ({ ownerIdNumber }) => station.sync.lookupOwner(ownerIdNumber),
    'dossiers.open': async (input) => {
      const { unitCode, level } = station.settings();
      return station.dossiers.open(input, { unitCode, level }, vietnamIso());
    },
    'reports.rates': async ({ from, to }) => station.reports.rates(from, to),
    'reports.export': (q) => station.reports.export(q),
    'reports.file': async (q) => ({
      filename: `ty-le-so-hoa_${q.from}_${q.to}.${q.format}`,
      mediaType: q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: (await station.reports.file(q)).toString('base64'),
    }),
  };
}

function isMethod(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}

export async function dispatch(station: Station, handlers: Handlers, method: string, input: unknown, ctx: CallContext): Promise<CallResult<unknown>> {
  if (!isMethod(method))
    return { ok: false, error: formatError('invalid-input', { field: 'method', detail: `unknown method “${method}”`, detail_vi: `không có phương thức “${method}”` }) };
  const spec = methods[method];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
  try {
    const handler = handlers[method] as (i: unknown, c: CallContext) => Promise<unknown>;
    const output = await handler(parsed.data, ctx);
    return { ok: true, output: spec.output.parse(output) };
  } catch (e) {
    if (!isStationError(e)) station.log.error(`${method} failed unexpectedly`, e);
    return { ok: false, error: toWireError(e, station.log.path) };
  }
}
