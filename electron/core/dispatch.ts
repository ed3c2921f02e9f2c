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
  METHOD_POLICY,
  invalidInput,
  methods,
  formatError,
} from '../contract';
import type { Emit } from './capture/scan-job';
import { StationError, isStationError, toWireError } from './errors';
import { backupStation } from './records/backup';
import { archiveHandlers } from './archive/handlers';
import { composeIdCard } from './capture/id-card';
import { pageHandHandlers } from './imaging/page-hand-handlers';
import { stitchPlan } from './stitching/plan-handler';
import { unfoldDraft } from './stitching/unfold-draft';
import { assembleDraft } from './stitching/assemble-draft';
import type { AssemblyProgress } from './stitching/types';
import { importStitched } from './stitching/import-stitched';
import { interleaveBacks } from './capture/manual-duplex';
import { cameraPhoto } from './capture/camera-photo';
import { createIntake } from './intake/service';
import { join } from 'node:path';
import type { Station } from './station';
import { vietnamIso } from './time';
import { type Caller, asStation, withCaller } from './auth/caller';
import type { Session } from './auth/session';
import { checkPaths, checkRestrictedFields, checkRows } from './auth/admission';
import { type PathGate, commandLineGate } from './auth/path-gate';

export type { Emit };

export interface CallContext {
  /** Events for the caller (scan progress of the jobs it started). */
  readonly emit: Emit;
  /** The transport connection's session (a window, a browser tab); default: the process's own
   * (the CLI is one person's one process). */
  readonly session?: Session;
  /** Where paths in the input may point: the transport's gate (auth/path-gate.ts). Default: the
   * command line's (its person typed them); the desktop app and browser mode bring their own. */
  readonly paths?: PathGate;
}

/** What a handler knows of its caller, once admitted. */
interface Admitted extends CallContext {
  readonly session: Session;
  readonly caller: Caller;
}

type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: Admitted) => Promise<MethodOutput<M>>;
export type Handlers = { readonly [M in MethodName]: Handler<M> };

const REPORT_MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export function createHandlers(station: Station): Handlers {
  const { documents } = station;
  const intake = createIntake(station);
  // Large-sheet assemblies under way, by draft: stitch.cancelAssembly stops one.
  const assembling = new Map<string, AbortController>();
  // A deleted document keeps its audit trail: its full id still finds it.
  const auditedId = (id: string) => {
    try {
      return documents.resolveId(id);
    } catch (e) {
      if (isStationError(e) && e.code === 'not-found') return id;
      throw e;
    }
  };
  // A page edit answers with the draft as it is now, so the review screen redraws from one reply.
  const documentAfterPageEdit = (id: string) => {
    const doc = documents.get(id);
    if (!doc) throw new StationError('not-found', { id });
    return doc;
  };
  return {
    'station.info': async () => station.info,
    'station.backup': ({ dir, incremental }) => backupStation(station, dir, { incremental }),
    'settings.get': async () => station.settings(),
    'settings.update': async (change, { caller }) => station.updateSettings(change, caller),
    'preferences.get': async (_, { caller }) => station.preferences.get(caller.userId),
    'preferences.update': async (change, { caller }) => station.updatePreferences(caller, change),
    'devices.list': (input) => station.devices.list(input),
    'scan.start': (input, ctx) => station.scans.start(input, ctx.emit),
    'scan.cancel': async ({ jobId }) => ({ cancelled: station.scans.cancel(jobId) }),
    'capture.photo': (input, ctx) =>
      cameraPhoto(
        {
          documents,
          blobs: station.blobs,
          background: station.background,
          spoolDir: join(station.paths.spool, String(process.pid)),
          isScanning: (id) => station.scans.isScanning(id),
          changed: (id) => station.events.emit('documents.changed', id),
        },
        input,
        ctx.emit,
      ),
    // The repository answers with what the caller may read (auth/row-rules.ts).
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
    'documents.delete': async ({ id, reason }, { caller }) => {
      const full = documents.resolveId(id, 'delete');
      station.deleteDocument(full, caller, reason);
      return { deleted: full };
    },
    'audit.list': async ({ documentId, limit, beforeSeq }) =>
      station.audit.rows({ ...(documentId ? { documentId: auditedId(documentId) } : {}), limit, ...(beforeSeq ? { beforeSeq } : {}) }).map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        userId: r.userId,
        username: r.username,
        action: r.action,
        documentId: r.documentId,
        details: JSON.parse(r.details) as Record<string, unknown>,
        hash: r.hash,
      })),
    'audit.verify': () => station.verifyAudit(),
    'documents.finish': ({ id, metadata, digitizedBy, ocr }) => station.finish(id, metadata ?? {}, { digitizedBy, ocr }),
    'documents.import': ({ paths, metadata, dpi, digitizedBy, ocr, profile, stitch, camera }, ctx) => {
      const importFiles = (files: readonly string[], asked = profile, shownAs?: string) =>
        station.importFiles(files, metadata ?? {}, dpi, { digitizedBy, ocr, profile: asked }, (p) => ctx.emit('documents.import-progress', shownAs ? { ...p, file: shownAs } : p), camera);
      if (!stitch) return importFiles(paths);
      // An assembled sheet is a scan, not a photo: its page is never perspective-corrected.
      if (camera) throw new StationError('invalid-input', { field: 'camera', detail: 'parts of a large sheet are scans, not camera photos: choose one', detail_vi: 'các phần của tờ lớn là ảnh quét, không phải ảnh chụp: chọn một' });
      return importStitched({ tmpDir: join(station.paths.tmp, String(process.pid)), importFiles }, paths, stitch, dpi, profile);
    },
    'documents.export': ({ id, path, overwrite }) => station.exportPdf(id, path, overwrite),
    'documents.sign': ({ id, ...req }) => station.signing.signDocument(id, req),
    'documents.verify': ({ id, trust, online, allowUntrusted }) => station.signing.verifyDocument(id, { trust, online, allowUntrusted }),
    'pdf.sign': ({ path, out, overwrite, ...req }) => station.signing.signFile(path, out, overwrite, req),
    'pdf.verify': ({ path, trust, online, allowUntrusted }) => station.signing.verifyFile(path, { trust, online, allowUntrusted }),
    'signing.p12Certificate': ({ path, password }) => station.signing.p12Certificate(path, password),
    'signing.tokens': async ({ module }) => station.signing.tokens(module),
    'sync.status': () => station.sync.status(),
    'sync.run': () => station.sync.run(),
    'sync.retry': async ({ id }) => ({ retried: station.sync.retry(id) }),
    'sync.configure': async ({ url, clientId, clientSecret }) => {
      const status = await station.sync.configure({ url, clientId, ...(clientSecret !== undefined ? { clientSecret } : {}) });
      station.audit.append('sync-configure', null, { url, clientId, secretChanged: clientSecret !== undefined });
      return status;
    },
    // An owner's records, whoever made them: the citizen is at the counter with their id. Read as
    // the station (the row rules would hide colleagues' records), and audited as the caller's.
    'reuse.lookup': async ({ ownerIdNumber }) => {
      station.audit.append('reuse-lookup', null, { owner: documents.cipher.ownerKey(ownerIdNumber).slice(0, 16), where: 'province' });
      return asStation(() => station.sync.lookupOwner(ownerIdNumber));
    },
    'dossiers.open': async (input) => {
      const { unitCode, level } = station.settings();
      return station.dossiers.open(input, { unitCode, level }, vietnamIso());
    },
    'dossiers.get': async ({ code }) => {
      const dossier = station.dossiers.get(code);
      if (!dossier) throw new StationError('dossier-not-found', { code });
      return { ...dossier, documents: documents.list({ dossierCode: code, limit: 500, offset: 0 }), links: station.reuse.links(code) };
    },
    'reuse.candidates': ({ ownerIdNumber, online }) => station.reuse.candidates(ownerIdNumber, online),
    'reuse.attach': (req, { caller }) => station.reuse.attach(req, caller, vietnamIso()),
    'reuse.detach': async ({ dossierCode, linkId }, { caller }) => station.reuse.detach(dossierCode, linkId, caller),
    'records.purge': async () => station.purgeConfirmedImages(),
    'documents.interleaveBacks': async ({ id }) => {
      if (station.scans.isScanning(documents.resolveId(id))) throw new StationError('scan-running', { id });
      await station.background.settled(documents.resolveId(id)); // the order is of the pages as processed (blanks removed, spreads split)
      const doc = interleaveBacks(documents, id);
      station.events.emit('documents.changed', doc.id);
      return doc;
    },
    'documents.composeIdCard': async ({ id }) => {
      if (station.scans.isScanning(documents.resolveId(id))) throw new StationError('scan-running', { id });
      const doc = await composeIdCard({ documents, blobs: station.blobs, tmpDir: join(station.paths.tmp, String(process.pid)), settled: (d) => station.background.settled(d) }, id);
      station.events.emit('documents.changed', doc.id);
      return doc;
    },
    'session.state': async (_, { session }) => station.auth.state(session),
    'session.login': ({ username, password }, { session }) => station.auth.login(session, username, password),
    'session.unlock': ({ password }, { session }) => station.auth.unlock(session, password),
    'session.lock': async (_, { session }) => {
      session.lock();
      return station.auth.state(session);
    },
    'session.logout': async (_, { session }) => station.auth.logout(session),
    'users.list': async () => station.auth.users.list(),
    'users.create': (input, { caller }) => station.auth.createUser(caller, input),
    'users.update': (change, { session, caller }) => station.auth.updateUser(session, caller, change),
    'setup.state': async () => station.setup.state(),
    'setup.identity': async (input, { caller }) => station.setup.identity(caller, input),
    'setup.firstAdmin': (input, { session, caller }) => station.setup.firstAdmin(session, caller, input),
    'setup.demonstration': async (_, { caller }) => station.setup.demonstration(caller),
    'setup.finish': async (_, { caller }) => station.setup.finish(caller),
    'reports.rates': async ({ from, to }) => station.reports.rates(from, to),
    'reports.rateDossiers': async (q) => station.reports.rateDossiers(q),
    'reports.reconcile': ({ from, to }) => station.reports.reconcile(from, to),
    'reports.trend': async ({ from, to }) => station.reports.trend(from, to),
    'reports.export': (q) => station.reports.export(q),
    'reports.file': async (q) => ({
      filename: `ty-le-so-hoa_${q.from}_${q.to}.${q.format}`,
      mediaType: REPORT_MEDIA_TYPES[q.format],
      base64: (await station.reports.file(q)).toString('base64'),
    }),
    'reports.activity': async ({ from, to }) => station.reports.activity(from, to),
    'audit.query': async ({ documentId, ...filter }) => station.reports.audit({ ...filter, ...(documentId ? { documentId: auditedId(documentId) } : {}) }),
    'sync.check': () => station.reports.checkSync(),
    ...archiveHandlers(station),
    'intake.catalogue': async () => intake.catalogue(),
    'intake.installCatalogue': async ({ path }) => {
      const installed = intake.installCatalogue(path);
      station.audit.append('catalogue-install', null, { path, version: installed.catalogue.version, procedures: installed.catalogue.procedures.length });
      return installed;
    },
    'intake.open': (input) => intake.open(input),
    'intake.checklist': (input) => intake.checklist(input),
    'intake.readReceipt': (from, { caller }) => intake.readReceipt(from, caller.userId),
    'intake.signSet': ({ code, ...req }) => intake.signSet(code, req),
    'intake.receipt': ({ code }, { caller }) => intake.receipt(code, caller.name),
    'pages.move': async ({ pageId, toSeq }) => documentAfterPageEdit(station.pageEdits.move(pageId, toSeq, vietnamIso()).documentId),
    'pages.delete': async ({ pageId }) => documentAfterPageEdit(station.pageEdits.delete(pageId, vietnamIso()).documentId),
    ...pageHandHandlers(station, documentAfterPageEdit),
    'pages.batch': async ({ documentId, pageIds, change }) => {
      const id = station.documents.resolveId(documentId, 'write');
      // Every page must be one of the document's (the policy checked the document, not each page).
      const own = new Set(station.documents.pages(id).map((p) => p.id));
      const stranger = pageIds.find((p) => !own.has(p));
      if (stranger !== undefined) throw new StationError('page-not-found', { id: stranger });
      const now = vietnamIso();
      if (change.kind === 'delete') station.pageEdits.deleteMany(pageIds, now);
      else if (change.kind === 'move') station.pageEdits.moveMany(pageIds, change.toSeq, now);
      else await station.pageHandEdits.editMany(pageIds, change, now);
      return documentAfterPageEdit(id);
    },
    // The glass is read from the list the scan screen shows (the last probe's answer).
    'stitch.plan': async (input) => stitchPlan(await station.devices.list({}), input),
    'stitch.unfold': async ({ id, sheet, convention }) => {
      if (station.scans.isScanning(documents.resolveId(id))) throw new StationError('scan-running', { id });
      const tmpDir = join(station.paths.tmp, String(process.pid));
      const doc = await unfoldDraft({ documents, blobs: station.blobs, tmpDir, settled: (d) => station.background.settled(d) }, id, sheet, convention);
      station.events.emit('documents.changed', doc.id);
      return doc;
    },
    'stitch.assemble': async (input, ctx) => {
      const id = documents.resolveId(input.documentId, 'write');
      if (station.scans.isScanning(id)) throw new StationError('scan-running', { id: input.documentId });
      if (assembling.has(id)) throw new StationError('stitch-running', { id: input.documentId });
      const tmpDir = join(station.paths.tmp, String(process.pid));
      const captureOf = (pageId: string) => station.pageHandEdits.beforeBlob(pageId);
      const abort = new AbortController();
      assembling.set(id, abort);
      try {
        // Stopped by stitch.cancelAssembly, or by the station closing (its thread would otherwise
        // keep the process alive for the minutes an A0 takes).
        const signal = AbortSignal.any([abort.signal, station.closing]);
        const onProgress = (p: AssemblyProgress) => ctx.emit('stitch.progress', { documentId: input.documentId, ...p });
        const done = await assembleDraft({ documents, blobs: station.blobs, background: station.background, captureOf, tmpDir, signal, onProgress }, { ...input, documentId: id });
        station.events.emit('documents.changed', done.document.id);
        return done;
      } finally {
        assembling.delete(id);
      }
    },
    'stitch.cancelAssembly': async ({ documentId }) => {
      const id = documents.resolveId(documentId, 'write');
      const running = assembling.get(id);
      running?.abort();
      return { cancelled: running !== undefined };
    },
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
    const session = ctx.session ?? station.processSession;
    // The policy table (contract/policy.ts), in order: the role, the fields only some may give,
    // the records the input names (row rules), the paths it names (the transport's gate).
    const caller = station.auth.admit(session, method);
    const policy = METHOD_POLICY[method];
    const handler = handlers[method] as (i: unknown, c: Admitted) => Promise<unknown>;
    const output = await withCaller(caller, () => {
      checkRestrictedFields(method, policy, parsed.data, caller);
      checkRows(policy, parsed.data, caller, station);
      checkPaths(policy, parsed.data, ctx.paths ?? commandLineGate, () => station.preferences.get(caller.userId).p12Path);
      return handler(parsed.data, { ...ctx, session, caller });
    });
    return { ok: true, output: spec.output.parse(output) };
  } catch (e) {
    if (!isStationError(e)) station.log.error(`${method} failed unexpectedly`, e);
    return { ok: false, error: toWireError(e, station.log.path) };
  }
}

