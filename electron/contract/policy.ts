// Who may call what: one entry per contract method and per file route, beside the method table.
// The dispatcher applies it before any handler runs (electron/core/auth/admission.ts); the
// repositories apply the row rules again on every by-id lookup, so a handler cannot forget them.
// Pure data, so that the UI can follow it (which screens a role has) and a test can read it whole.
import type { Role } from './auth';
import type { MethodName } from './method-names';

/** Who may call at all. */
export type Audience =
  /** Without signing in: to see the station and to sign in. */
  | 'anyone'
  /** Any signed-in, unlocked person. */
  | 'everyone'
  /** Back-file digitization: archivists, and those who supervise or administer them. */
  | 'archive'
  | 'supervision'
  | 'admin';

export const AUDIENCE_ROLES: Readonly<Record<Exclude<Audience, 'anyone'>, readonly Role[]>> = {
  everyone: ['officer', 'archivist', 'supervisor', 'admin'],
  archive: ['archivist', 'supervisor', 'admin'],
  supervision: ['supervisor', 'admin'],
  admin: ['admin'],
};

/** The kinds of record an input can name. */
export type RecordKind = 'document' | 'page' | 'dossier' | 'job' | 'account';

/**
 * How a record may be used (core/auth/row-rules.ts has the one definition):
 * - read: one's own work; everyone's for supervisors and administrators; an archive document for
 *   the archive team; a document reused into one's own dossier.
 * - write: one's own work only (and, for the administrator, work made before accounts existed);
 *   an archive document for the archive team.
 * - delete: write, or a supervisor or administrator.
 * What a caller may not read answers exactly as what does not exist.
 */
export type Access = 'read' | 'write' | 'delete';

export interface RowRule {
  readonly record: RecordKind;
  /** The input field naming it (a document id or an 8+ character prefix, a page id, a code). */
  readonly field: string;
  readonly access: Access;
  /** The field may be absent (then nothing is checked). */
  readonly optional?: true;
  /** The method makes the record when it does not exist yet (a dossier received now). */
  readonly mayCreate?: true;
  /** An archive method: it may change a document of an archive batch before its check. Every
   * other method that changes a document refuses one the second person has not approved (four
   * eyes: what the reviewer approved is what becomes the record). */
  readonly archiveFlow?: true;
}

/** How a path given in the input is used: read, written (a file), or written into (a folder). */
export type PathUse = 'read' | 'write' | 'folder';

export interface PathField {
  /** A field of the input; `paths[]` for every element of an array, `key.path` for a nested one. */
  readonly field: string;
  readonly use: PathUse;
}

export interface MethodPolicy {
  readonly audience: Audience;
  /** The records the input names, each checked with the caller's row rule. */
  readonly rows: readonly RowRule[];
  /** Lists whose rows the repository filters with the read rule (no id in the input). */
  readonly lists?: 'documents' | 'dossier-documents';
  /** Paths on the station's disk: from a dialog (desktop), inside the folders the administrator
   * opened to browser mode, or typed at the command line. */
  readonly paths?: readonly PathField[];
  /** Input fields only a narrower audience may give (e.g. scanner driver options). */
  readonly restrictedFields?: Readonly<Record<string, Exclude<Audience, 'anyone' | 'everyone'>>>;
}

const doc = (access: Access, field = 'id', optional?: true): RowRule => ({ record: 'document', field, access, ...(optional ? { optional } : {}) });
const page = (access: Access): RowRule => ({ record: 'page', field: 'pageId', access });
const dossier = (access: Access, field = 'code'): RowRule => ({ record: 'dossier', field, access });
/** A document's metadata may name a dossier: only one the caller received (or a new one). */
const namedDossier: RowRule = { record: 'dossier', field: 'metadata.dossierCode', access: 'write', optional: true, mayCreate: true };
const pub: MethodPolicy = { audience: 'anyone', rows: [] };
const none = (audience: Audience): MethodPolicy => ({ audience, rows: [] });
/** A PKCS#12 file is read like any file; a token library is checked against the administrator's
 * list instead (signing/keys.ts), whoever asks. */
const SIGNING_PATHS: readonly PathField[] = [{ field: 'key.path', use: 'read' }];
/** How the station signs (its timestamp authority, level, form and appearance) is the
 * administrator's setting; a request from anyone else signs the station's way. */
const STATION_SIGNING = { tsaUrl: 'admin', level: 'admin', format: 'admin', visible: 'admin', position: 'admin' } as const;

export const METHOD_POLICY: { readonly [M in MethodName]: MethodPolicy } = {
  'station.info': pub,
  'session.state': pub,
  'session.login': pub,
  'session.unlock': pub,
  'session.lock': pub,
  'session.logout': pub,

  'station.backup': { audience: 'admin', rows: [], paths: [{ field: 'dir', use: 'folder' }] },
  'settings.get': none('everyone'),
  // Every station setting is the administrator's; a person's own choices are preferences.
  'settings.update': none('admin'),
  'preferences.get': none('everyone'),
  'preferences.update': { audience: 'everyone', rows: [], paths: [{ field: 'p12Path', use: 'read' }] },
  'devices.list': none('everyone'),
  'scan.start': { audience: 'everyone', rows: [doc('write', 'documentId', true), namedDossier], restrictedFields: { driverOptions: 'admin' } },
  // A photo into a draft is a scan into it: only one's own draft (another's answers as missing).
  'capture.photo': { audience: 'everyone', rows: [doc('write', 'documentId', true)] },
  'scan.cancel': { audience: 'everyone', rows: [{ record: 'job', field: 'jobId', access: 'write' }] },
  'documents.list': { audience: 'everyone', rows: [], lists: 'documents' },
  'documents.search': { audience: 'everyone', rows: [], lists: 'documents' },
  'documents.get': { audience: 'everyone', rows: [doc('read')] },
  'documents.finish': { audience: 'everyone', rows: [doc('write'), namedDossier] },
  'documents.import': { audience: 'everyone', rows: [namedDossier], paths: [{ field: 'paths[]', use: 'read' }] },
  'documents.export': { audience: 'everyone', rows: [doc('read')], paths: [{ field: 'path', use: 'write' }] },
  'documents.sign': { audience: 'everyone', rows: [doc('write')], paths: SIGNING_PATHS, restrictedFields: STATION_SIGNING },
  'documents.verify': { audience: 'everyone', rows: [doc('read')], paths: [{ field: 'trust[]', use: 'read' }] },
  'documents.delete': { audience: 'everyone', rows: [doc('delete')] },
  'documents.composeIdCard': { audience: 'everyone', rows: [doc('write')] },
  'documents.interleaveBacks': { audience: 'everyone', rows: [doc('write')] },
  'pdf.sign': {
    audience: 'everyone',
    rows: [],
    paths: [{ field: 'path', use: 'read' }, { field: 'out', use: 'write' }, ...SIGNING_PATHS],
    restrictedFields: STATION_SIGNING,
  },
  'pdf.verify': { audience: 'everyone', rows: [], paths: [{ field: 'path', use: 'read' }, { field: 'trust[]', use: 'read' }] },
  // The file is read as any key file is (browser mode: inside the folders opened to it).
  'signing.p12Certificate': { audience: 'everyone', rows: [], paths: [{ field: 'path', use: 'read' }] },
  'signing.tokens': none('everyone'),

  'audit.list': none('supervision'),
  'audit.verify': none('supervision'),
  'audit.query': none('supervision'),

  // The outbox names every officer's documents and failures: the supervisor's view.
  'sync.status': none('supervision'),
  'sync.run': none('everyone'),
  'sync.retry': { audience: 'supervision', rows: [] },
  'sync.configure': none('admin'),
  'sync.check': none('admin'),

  'reuse.lookup': none('everyone'),
  'reuse.candidates': none('everyone'),
  'reuse.attach': { audience: 'everyone', rows: [{ ...dossier('write', 'dossierCode'), mayCreate: true }] },
  'reuse.detach': { audience: 'everyone', rows: [dossier('write', 'dossierCode')] },
  'dossiers.open': { audience: 'everyone', rows: [{ ...dossier('write'), mayCreate: true }] },
  'dossiers.get': { audience: 'everyone', rows: [dossier('read')], lists: 'dossier-documents' },
  'records.purge': none('supervision'),

  'users.list': none('admin'),
  'users.create': none('admin'),
  // One's own name and password; an administrator anyone's.
  'users.update': { audience: 'everyone', rows: [{ record: 'account', field: 'id', access: 'write' }] },

  // The first start (core/auth/setup.ts). Before any account exists the station is its own
  // administrator (whoever sits at it is setting it up), so 'admin' lets the wizard through then
  // and only an administrator afterwards. setup.firstAdmin is the one way to an account without
  // signing in: the core refuses it (setup-closed) once any account exists, whoever asks.
  'setup.state': pub,
  'setup.identity': none('admin'),
  'setup.firstAdmin': pub,
  'setup.demonstration': none('admin'),
  'setup.finish': none('admin'),

  'reports.rates': none('supervision'),
  'reports.rateDossiers': none('supervision'),
  'reports.reconcile': none('supervision'),
  'reports.trend': none('supervision'),
  'reports.export': { audience: 'supervision', rows: [], paths: [{ field: 'path', use: 'write' }] },
  'reports.file': none('supervision'),
  'reports.activity': none('supervision'),

  'intake.catalogue': none('everyone'),
  'intake.installCatalogue': { audience: 'admin', rows: [], paths: [{ field: 'path', use: 'read' }] },
  'intake.open': { audience: 'everyone', rows: [{ ...dossier('write'), mayCreate: true }] },
  'intake.checklist': { audience: 'everyone', rows: [dossier('read')], lists: 'dossier-documents' },
  'intake.readReceipt': { audience: 'everyone', rows: [doc('write', 'documentId', true)], paths: [{ field: 'path', use: 'read' }] },
  'intake.signSet': { audience: 'everyone', rows: [dossier('write')], paths: SIGNING_PATHS, restrictedFields: STATION_SIGNING },
  'intake.receipt': { audience: 'everyone', rows: [dossier('read')] },

  'pages.move': { audience: 'everyone', rows: [page('write')] },
  'pages.delete': { audience: 'everyone', rows: [page('write')] },
  'pages.rotate': { audience: 'everyone', rows: [page('write')] },
  'pages.crop': { audience: 'everyone', rows: [page('write')] },
  'pages.undo': { audience: 'everyone', rows: [page('write')] },
  'pages.revert': { audience: 'everyone', rows: [page('write')] },
  'pages.steps': { audience: 'everyone', rows: [page('read')] },
  // The document is checked here; the handler refuses a page that is not one of its pages.
  'pages.batch': { audience: 'everyone', rows: [doc('write', 'documentId')] },

  // Batches are team work: every member of the archive team sees every batch; the QC pass is by
  // someone other than the indexer (archive/service.ts).
  'archive.create': none('archive'),
  'archive.list': none('archive'),
  'archive.get': none('archive'),
  'archive.documents': none('archive'),
  'archive.scan': { audience: 'archive', rows: [], restrictedFields: { driverOptions: 'admin' } },
  'archive.cancelScan': none('archive'),
  'archive.import': { audience: 'archive', rows: [], paths: [{ field: 'paths[]', use: 'read' }] },
  'archive.save': { audience: 'archive', rows: [{ ...doc('write', 'documentId'), archiveFlow: true }] },
  'archive.position': none('archive'),
  'archive.submit': { audience: 'archive', rows: [{ ...doc('write', 'documentId'), archiveFlow: true }] },
  'archive.review': { audience: 'archive', rows: [doc('read', 'documentId')] },
  'archive.prefill': { audience: 'archive', rows: [doc('read', 'documentId')] },
  'archive.pageChecks': { audience: 'archive', rows: [doc('read', 'documentId')] },

  // Arithmetic on the sheet and the scanner's glass: counter officers and archivists alike, no rows.
  'stitch.plan': none('everyone'),
  // Changes a draft's pages, as composeIdCard does.
  'stitch.unfold': { audience: 'everyone', rows: [doc('write')] },
  // The draft's parts become one page, as stitch.unfold does.
  'stitch.assemble': { audience: 'everyone', rows: [doc('write', 'documentId')] },
  'stitch.cancelAssembly': { audience: 'everyone', rows: [doc('write', 'documentId')] },
};

/** The files the UI loads by URL (browser mode and app://): the same rules as the methods. */
export const FILE_ROUTES = {
  '/pages/:id/thumb': { audience: 'everyone', rows: [{ record: 'page', field: 'id', access: 'read' }] },
  '/pages/:id/image': { audience: 'everyone', rows: [{ record: 'page', field: 'id', access: 'read' }] },
  '/pages/:id/original': { audience: 'everyone', rows: [{ record: 'page', field: 'id', access: 'read' }] },
  '/documents/:id/pdf': { audience: 'everyone', rows: [{ record: 'document', field: 'id', access: 'read' }] },
} as const satisfies Record<string, MethodPolicy>;
export type FileRoute = keyof typeof FILE_ROUTES;

/** Whether a role belongs to an audience (anyone: every role, and nobody signed in). */
export function inAudience(role: Role, audience: Audience): boolean {
  return audience === 'anyone' || AUDIENCE_ROLES[audience].includes(role);
}
