// The composition root: openStation({ dataDir }) builds every service of the station over one
// data folder. The Electron shell, the CLI and the browser-mode bridge all start here.
import type { Database } from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import type { AuditVerdict, CameraImport, CertificateSummary, DocumentDetail, FileRef, ImportResult, MetadataInput, Preferences, PreferencesUpdate, Settings, SettingsUpdate, SignRequest, TokenInfo, VerifyReport } from '../contract';
import pkg from '../../package.json';
import { type FinishDeps, type FinishOptions, finishDocument, rewriteRecord } from './capture/finish';
import { type ImportProgressSink, importFiles } from './capture/import-files';
import { ArchiveService } from './archive/service';
import { ArchiveRepository } from './archive/batches';
import { ScanJobs } from './capture/scan-job';
import { PageImaging } from './imaging/page-imaging';
import { BackgroundImaging } from './imaging/background-imaging';
import { PageEdits } from './capture/page-edits';
import { PageHandEdits } from './imaging/page-hand-edits';
import { vietnamIso } from './time';
import { StationError } from './errors';
import { uuidv7 } from './ids';
import { type Logger, createLogger } from './log';
import { type StationPaths, stationPaths } from './paths';
import { BlobStore } from './records/blob-store';
import { BlobCipher } from './records/blob-cipher';
import { ColumnCipher } from './records/column-cipher';
import { sealPending, sealPlaintextBlobs } from './records/sealing';
import { type StationKeySource, keySources, openDataKey } from './records/station-key';
import { openDatabase } from './records/database';
import { DocumentRepository } from './records/documents';
import { exportPdf } from './records/export';
import { otherProcessesAlive, registerProcess, sweepDataFolder } from './records/housekeeping';
import { LATEST_SCHEMA } from './records/migrations';
import { SettingsStore } from './records/settings';
import { AuditLog, auditKey } from './records/audit';
import { PreferencesStore } from './records/preferences';
import { checkTokenLibraries } from './signing/library-check';
import { verifyAuditChain } from './records/audit-verify';
import { AuthService } from './auth/service';
import { StationSetup } from './auth/setup';
import { stationActorName } from './auth/station-actor';
import { actorOf, currentCaller, stationScoped } from './auth/caller';
import { ReuseService } from './records/reuse';
import { deleteDocument } from './records/deletion';
import { type PurgeReport, retentionSchedule } from './records/retention';
import type { Caller } from './auth/caller';
import type { Session } from './auth/session';
import { chooseOcrEngine } from './ocr/engines';
import { OcrQueue } from './ocr/ocr-queue';
import type { DeviceRegistry } from './scan/device-registry';
import { stationDevices } from './scan/station-devices';
import { p12Certificate, pkcs11ModuleFor, tokensOf } from './signing/keys';
import { type SecretStore, environmentSecrets } from './secrets';
import { type StationSync, createSyncService } from './sync/service';
import { DossierRepository, type ProcedureSnapshot } from './records/dossiers';
import { type StationReports, createStationReports } from './reports/station-reports';
import { CatalogueStore, shippedCatalogue } from './intake/catalogue';
import type { SigningDeps, VerifyChoices } from './signing/service';

export const VERSION: string = pkg.version;
export const PRODUCER = `SoHoa Station ${VERSION}`;

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Signing and verification (pdf-lib, pkijs, node-forge: about a third of the time a `sohoa`
 * command spends loading code) load at the first signature or verification, not with every
 * process that opens the station (issue 17: `sohoa devices` in under a second). */
const signingService = () => import('./signing/service');

export interface StationOptions {
  readonly dataDir: string;
  /** false: a station driven by scripts and tests (`sohoa serve --no-wizard`), which works as its
   * own administrator before any account, as before the first-start wizard existed. Default: the
   * wizard comes before anything else on a station with no account (auth/setup.ts). */
  readonly firstStartWizard?: boolean;
  /** Where the built scan workers are (default: native/build in the repository). */
  readonly workersDir?: string;
  /** The assets folder (default: assets/ in the repository). */
  readonly assetsDir?: string;
  /** How long a scan worker may stay silent during a request before the watchdog kills it. */
  readonly workerTimeoutMs?: number;
  /** Resume work left pending by an earlier process (text recognition). For long-lived
   * processes — the app and browser mode — not for a CLI command that opens and closes. */
  readonly resumeBackgroundWork?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Where secrets live: the OS keychain in the app (from the shell); default: the environment. */
  readonly secrets?: SecretStore;
  /** The app's way to protect the station key (Electron safeStorage); default: a passphrase from
   * SOHOA_STATION_PASSPHRASE, else (development, SOHOA_DEV_KEY_FILE=1 only) a key file in the
   * data folder; with none of them a new station is refused. */
  readonly keychain?: StationKeySource;
}

export interface StationEvents {
  /** `owner`: who made a document that is gone (deleted), so that the event still reaches only
   * those who could see it (bridge and IPC filter every event by the receiver's row rule). */
  'documents.changed': [documentId: string, owner?: string | null];
  'sync.changed': [];
  'devices.changed': [];
}

export interface Station {
  readonly info: { version: string; dataDir: string; schemaVersion: number; stationId: string; encryption: StationKeySource['kind'] };
  readonly paths: StationPaths;
  /** The assets folder (fonts, ICC profile, the shipped procedure catalogue). */
  readonly assetsDir: string;
  readonly log: Logger;
  readonly documents: DocumentRepository;
  readonly audit: AuditLog;
  readonly blobs: BlobStore;
  readonly devices: DeviceRegistry;
  readonly scans: ScanJobs;
  /** Hand changes to a draft's pages (move, delete). */
  readonly pageEdits: PageEdits;
  /** Rotate, crop, undo, back to the capture: a page derived again from its kept original. */
  readonly pageHandEdits: PageHandEdits;
  readonly events: EventEmitter<StationEvents>;
  settings(): Settings;
  /** Changes station settings (the administrator's), audited as the caller's. */
  updateSettings(change: SettingsUpdate, caller?: Caller): Settings;
  /** Each person's own choices (which key they sign with). */
  readonly preferences: PreferencesStore;
  updatePreferences(caller: Caller, change: PreferencesUpdate): Preferences;
  /** Walks the audit chain, and checks it against the head the provincial store keeps. */
  verifyAudit(): Promise<AuditVerdict>;
  finish(id: string, metadata: MetadataInput, opts: FinishOptions): Promise<DocumentDetail>;
  /** `camera`: the image files are photos of pages, corrected first (camera/camera-page.ts). */
  importFiles(paths: readonly string[], metadata: MetadataInput, dpi: number, opts: FinishOptions, progress?: ImportProgressSink, camera?: CameraImport): Promise<ImportResult>;
  /** The imaging pipeline behind the scanner: scans store pages as captured first; anything that
   * reads a draft's pages as final awaits background.settled(documentId). */
  readonly background: BackgroundImaging;
  exportPdf(id: string, path: string, overwrite: boolean): Promise<FileRef & { path: string }>;
  readonly signing: StationSigning;
  readonly sync: StationSync;
  readonly dossiers: DossierRepository;
  /** The procedure catalogue in force (the shipped one, or the province's file in the data folder);
   * made at first use, so a missing shipped catalogue fails the calls that need it, not the station. */
  catalogue(): CatalogueStore;
  readonly reuse: ReuseService;
  readonly auth: AuthService;
  /** The first start: the wizard's steps, demonstration mode (auth/setup.ts). */
  readonly setup: StationSetup;
  /** Archive batches: a stack split into documents, indexed, checked by a second person. */
  readonly archive: ArchiveService;
  /** The session of calls that bring none (the CLI: one person, one process). */
  readonly processSession: Session;
  deleteDocument(id: string, caller: Caller, reason: string): void;
  /** Deletes page images the provincial store confirmed long enough ago (settings). */
  purgeConfirmedImages(): PurgeReport;
  readonly reports: StationReports;
  /** Aborted when close() begins: long work of its own (a large sheet's assembly) stops with it. */
  readonly closing: AbortSignal;
  /** Stops running scans (keeping their pages), the workers and the database. */
  close(): Promise<void>;
}

export type { VerifyChoices };

export interface StationSigning {
  signDocument(id: string, req: SignRequest): Promise<DocumentDetail>;
  signFile(path: string, out: string, overwrite: boolean, req: SignRequest): Promise<FileRef & { path: string; signer: string; signedAt: string; level: string }>;
  verifyDocument(id: string, opts: VerifyChoices): Promise<VerifyReport>;
  verifyFile(path: string, opts: VerifyChoices): Promise<VerifyReport>;
  tokens(module: string | undefined): Promise<TokenInfo[]>;
  p12Certificate(path: string, password: string): Promise<CertificateSummary>;
}

function stationId(db: Database): string {
  const row = db.prepare("SELECT value FROM station WHERE key = 'id'").pluck().get() as string | undefined;
  if (row) return row;
  const id = uuidv7();
  db.prepare("INSERT INTO station (key, value) VALUES ('id', ?)").run(id);
  return id;
}

export async function openStation(opts: StationOptions): Promise<Station> {
  const env = opts.env ?? process.env;
  const paths = stationPaths(opts.dataDir);
  // Citizens' data: the folder, its subfolders and the database (its -wal and -shm follow the
  // file's mode) for this OS account only.
  for (const dir of [paths.root, paths.blobs, paths.tmp, paths.spool, paths.logs, paths.run]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
  }
  const log = createLogger(join(paths.logs, 'station.log'));
  const db = openDatabase(paths.database);
  if (process.platform !== 'win32') chmodSync(paths.database, 0o600);
  let key: ReturnType<typeof openDataKey>;
  try {
    key = openDataKey(db, keySources(env, join(paths.root, 'station.key'), opts.keychain));
  } catch (e) {
    db.close();
    throw e;
  }
  if (key.openedBy === 'key-file') log.warn('the station key is in a file beside the data (SOHOA_DEV_KEY_FILE=1): for development only, never at a counter');
  if (key.droppedWeakSlot) log.warn('the station key was wrapped by Linux’s basic_text safeStorage, which protects nothing: that slot is removed; the key now opens only with the other ways given');
  const unregister = registerProcess(paths);
  const ownTmp = join(paths.tmp, String(process.pid));
  const blobs = new BlobStore(paths.blobs, ownTmp, new BlobCipher(key.dataKey));

  const settings = new SettingsStore(db);
  // Who acts: the signed-in user of the call; else (background work, or no account yet) the
  // operator named for this process (SOHOA_OPERATOR), else the station's, else the station itself
  // by its agency (auth/station-actor.ts) — never the OS account.
  const stationActor = () => stationActorName(settings.get(), env);
  const actor = () => {
    const caller = currentCaller();
    return caller ? actorOf(caller) : { name: stationActor(), userId: null, username: null };
  };
  const audit = new AuditLog(db, actor, join(paths.logs, 'audit-head.log'), auditKey(key.dataKey));
  // The rows from before the chain was keyed are sealed (once); rows a restore noted without the
  // key join the chain now.
  audit.sealLegacyRows();
  audit.appendPending();
  const preferences = new PreferencesStore(db);
  const preferredModule = () => preferences.get(currentCaller()?.userId ?? null).pkcs11Module;
  const documents = new DocumentRepository(db, audit, new ColumnCipher(key.dataKey));
  sealPending(db, documents, log);
  await sealPlaintextBlobs(db, blobs, log);
  sweepDataFolder(paths, db, (sha) => blobs.pathOf(sha), log, (id) => documents.discardDraft(id, 'import interrupted'));
  const events = new EventEmitter<StationEvents>();
  const changed = (id: string) => events.emit('documents.changed', id);
  const workersDir = opts.workersDir ?? join(REPO_ROOT, 'native', 'build');
  const assetsDir = opts.assetsDir ?? join(REPO_ROOT, 'assets');
  const timeoutMs = opts.workerTimeoutMs ?? (Number(env.SOHOA_WORKER_TIMEOUT_MS) || 60_000);
  const devices = stationDevices({ workersDir, assetsDir, ownTmp, dataRoot: paths.root, env, timeoutMs, log, onChange: () => events.emit('devices.changed'), backgroundRefresh: opts.resumeBackgroundWork === true });
  const imaging = new PageImaging(db, blobs, ownTmp, log);
  const background = new BackgroundImaging({ db, documents, blobs, imaging, log, changed, audit });
  imaging.sweepReleasedOriginals();
  const pageEdits = new PageEdits(db, blobs, audit);
  const pageHandEdits = new PageHandEdits(db, blobs, audit, ownTmp, (pageId) => background.pageSettled(pageId));
  const scans = new ScanJobs({ registry: devices, documents, blobs, spoolDir: join(paths.spool, String(process.pid)), log, changed, imaging, background, placePages: (id, pages, toSeq) => pageEdits.placeAt(id, pages, toSeq, vietnamIso()) });
  const recordDeps = { documents, blobs, assetsDir, producer: PRODUCER, settings: () => settings.get() };
  // tesseract in WebAssembly (tesseract-wasm) with the model from the assets, unless SOHOA_OCR_ENGINE=native.
  const ocrEngine = chooseOcrEngine({ assetsDir, env, log });
  const ocr = new OcrQueue({
    engine: ocrEngine,
    documents,
    blobs,
    log,
    rebuild: (id) => rewriteRecord(recordDeps, id),
    changed,
    // One recognition per core, at the lowest priority; one core fewer while the counter's own
    // work runs (a scan, the imaging pool), so that recognition never delays it.
    concurrency: availableParallelism(),
    busy: () => background.busy(),
    workDir: ownTmp,
  });
  const finishDeps: FinishDeps = { ...recordDeps, isScanning: (d) => scans.isScanning(d), ocr, settled: (d) => background.settled(d) };
  // Pages a killed process left as captured are processed again (resumed like OCR below).
  if (opts.resumeBackgroundWork && !otherProcessesAlive(paths)) background.resume();
  if (opts.resumeBackgroundWork && !otherProcessesAlive(paths)) for (const id of documents.pendingOcr()) void ocr.enqueue(id).catch(() => undefined);
  const signingDeps: SigningDeps = {
    documents,
    blobs,
    ocr,
    assetsDir,
    env,
    settings: () => settings.get(),
    preferredModule,
    othersAlive: () => otherProcessesAlive(paths),
    changed,
  };
  // One store for both: a secret sync.configure kept in memory must be the one the check uses.
  const secrets = opts.secrets ?? environmentSecrets(env);
  // Sync works for the station, not for whoever's call started it: every entry runs outside the
  // caller's scope (the row rules would hide colleagues' documents from the engine).
  const sync = stationScoped<StationSync>(createSyncService({
    db,
    audit,
    documents,
    blobs,
    settings: () => settings.get(),
    updateSettings: (change) => settings.update(change),
    secrets,
    env,
    stationId: stationId(db),
    log,
    changed: () => events.emit('sync.changed'),
    auditHead: () => audit.head(),
  }));
  if (opts.resumeBackgroundWork) sync.start();
  const retention = retentionSchedule({ db, blobs, audit, afterDays: () => settings.get().purgeImagesAfterDays, log, longLived: opts.resumeBackgroundWork === true });
  let catalogueStore: CatalogueStore | null = null;
  const catalogue = () => (catalogueStore ??= new CatalogueStore(shippedCatalogue(assetsDir), paths.root));
  /** The procedure in the catalogue in force now, with that catalogue's version (null: not in it,
   * or no catalogue: a missing shipped file fails the calls that need it, not the station). */
  const procedureInForce = (code: string): ProcedureSnapshot | null => {
    try {
      const state = catalogue().state();
      const procedure = state.catalogue.procedures.find((p) => p.code === code);
      return procedure ? { catalogueVersion: state.catalogue.version, procedure } : null;
    } catch {
      return null;
    }
  };
  // A dossier keeps the procedure's components as the catalogue listed them when it was received.
  const dossiers = new DossierRepository(db, procedureInForce);
  const auth = new AuthService({ db, audit, lockAfterMinutes: () => settings.get().lockAfterMinutes, stationActor });
  const setup = new StationSetup({ db, auth, audit, wizard: opts.firstStartWizard ?? true, settings: () => settings.get(), updateSettings: (change, caller) => station.updateSettings(change, caller) });
  documents.demonstrationMode = () => setup.inDemonstration();
  const reuse = new ReuseService({
    db,
    documents,
    audit,
    lookupRemote: (owner) => sync.lookupOwner(owner),
    unit: () => ({ unitCode: settings.get().unitCode, level: settings.get().level }),
  });
  const reports = createStationReports({
    db,
    settings: () => settings.get(),
    assetsDir,
    // A dossier received before the station kept its procedure is judged by today's catalogue.
    procedureToday: (code) => procedureInForce(code)?.procedure ?? null,
    sync,
  });
  const archive = new ArchiveService({
    db,
    repository: new ArchiveRepository(db, new ColumnCipher(key.dataKey)),
    registry: devices,
    documents,
    blobs,
    ocr: ocrEngine,
    imaging,
    // Like the imaging pipeline's: sheets left by a process that died are finished by this one.
    resume: Boolean(opts.resumeBackgroundWork) && !otherProcessesAlive(paths),
    spoolDir: join(paths.spool, String(process.pid)),
    log,
    changed,
    finish: async (id, metadata, digitizedBy) => {
      const doc = await finishDocument(finishDeps, id, metadata, { ocr: 'background', digitizedBy, approvedInReview: true });
      changed(doc.id);
      return doc;
    },
  });
  log.info('station opened', { dataDir: paths.root, version: VERSION });

  let closed = false;
  const closing = new AbortController();
  const station: Station = {
    info: { version: VERSION, dataDir: paths.root, schemaVersion: LATEST_SCHEMA, stationId: stationId(db), encryption: key.openedBy },
    paths,
    pageEdits,
    pageHandEdits,
    assetsDir,
    log,
    documents,
    audit,
    blobs,
    devices,
    scans,
    events,
    settings: () => settings.get(),
    updateSettings(change, caller) {
      checkTokenLibraries(change.pkcs11Modules ?? [], settings.get().pkcs11Modules);
      const next = db.transaction(() => {
        const updated = settings.update(change);
        // Settings hold no secret (the sync secret lives in the secret store): the values are kept.
        audit.append('settings-update', null, { changed: Object.keys(change), values: change }, caller ? actorOf(caller) : undefined);
        return updated;
      })();
      sync.settingsChanged(change);
      return next;
    },
    preferences,
    updatePreferences(caller, change) {
      if (change.pkcs11Module) pkcs11ModuleFor(change.pkcs11Module, settings.get(), env);
      return db.transaction(() => {
        const next = preferences.update(caller.userId, change);
        audit.append('preferences-update', null, { changed: Object.keys(change) }, actorOf(caller));
        return next;
      })();
    },
    verifyAudit: () => verifyAuditChain(audit, () => sync.remoteAuditHead()),
    sync,
    dossiers,
    catalogue,
    reuse,
    auth,
    setup,
    archive,
    processSession: auth.newSession(),
    deleteDocument(id, caller, reason) {
      if (scans.isScanning(id)) throw new StationError('scan-running', { id });
      const owner = documents.summary(id)?.createdBy ?? null;
      deleteDocument({ db, audit, blobs, removeFromSearch: (d) => documents.unindex(d) }, id, caller, reason);
      imaging.sweepReleasedOriginals();
      events.emit('documents.changed', id, owner);
    },
    purgeConfirmedImages: () => retention.purge(),
    reports,
    async finish(id, metadata, opts) {
      const doc = await finishDocument(finishDeps, id, metadata, opts);
      changed(doc.id);
      return doc;
    },
    background,
    async importFiles(paths_, metadata, dpi, opts, progress, camera) {
      const doc = await importFiles({ ...finishDeps, tmpDir: ownTmp, imaging }, paths_, metadata, dpi, opts, progress, camera);
      changed(doc.id);
      return doc;
    },
    async exportPdf(id, path, overwrite) {
      // Audited before the file exists: a crash in between over-reports an export, never hides one.
      const doc = documents.summary(documents.resolveId(id));
      audit.append('export', documents.resolveId(id), { path: resolve(path), sha256: doc?.pdf?.sha256 ?? null });
      return exportPdf({ documents, blobs }, id, path, overwrite);
    },
    signing: {
      async signDocument(id, req) {
        const doc = await (await signingService()).signDocument(signingDeps, id, req);
        imaging.sweepReleasedOriginals(); // signing released the pages' original captures
        sync.kick(); // the station's own work (stationScoped)
        return doc;
      },
      signFile: async (path, out, overwrite, req) => (await signingService()).signFile(signingDeps, path, out, overwrite, req),
      verifyDocument: async (id, o) => (await signingService()).verifyDocument(signingDeps, id, o),
      verifyFile: async (path, o) => (await signingService()).verifyFile(signingDeps, path, o),
      tokens: (module) => tokensOf(module ?? preferredModule(), settings.get(), env),
      p12Certificate: (path, password) => p12Certificate(path, password),
    },
    closing: closing.signal,
    async close() {
      if (closed) return;
      closed = true;
      closing.abort();
      retention.stop();
      await archive.close();
      await scans.stopAll();
      await background.close(); // the pages under way keep their pending rows for the next start
      await imaging.close();
      await sync.stop();
      await ocr.close();
      await ocrEngine.close?.();
      await devices.close();
      db.close();
      unregister();
      log.info('station closed');
    },
  };
  return station;
}
