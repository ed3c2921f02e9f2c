// The counter's scan screen: choose, scan, watch the pages arrive (each one only once it is
// saved on disk and in the database), then save the document.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ScanDefaults, type ScanRequest, type WireError, formatError, formatNumber } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { DeviceErrorPanel, isDeviceError } from './DeviceErrorPanel';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';
import { PageGrid } from './PageGrid';
import { PageReview } from './PageReview';
import { ReusePanel } from './ReusePanel';
import { type ScanChoice, ScanSettings, defaultPages, dpiChoices } from './ScanSettings';
import { useDevices } from './useDevices';
import { useScanSession } from './useScanSession';
import { PageGridToolbar } from './PageGridToolbar';
import { NO_SELECTION, type Selection, inOrder, pruned } from './pageSelection';
import { usePageEdits } from './usePageEdits';
import { useShortcut } from '../shortcuts/useShortcut';
import { TiledPlanPanel } from './tiled/TiledPlanPanel';
import type { TiledChoice } from './tiled/tiledChoice';
import { useTiledPlan } from './tiled/useTiledPlan';
import { CameraPanel } from './camera/CameraPanel';
import { cameraValue, useCameras } from './camera/useCameras';
import { DeviceSelect, cameraLabel } from './DeviceSelect';
import { TiledCapturePanel } from './tiled/TiledCapturePanel';
import { useTiledCapture } from './tiled/useTiledCapture';
import { useTiledAssemble } from './tiled/useTiledAssemble';
import { TiledAssembleFailure } from './tiled/TiledAssembleFailure';
import { TiledAssembledPanel } from './tiled/TiledAssembledPanel';
import { TiledAssembling } from './tiled/TiledAssembling';
import './scan-screen.css';
import './camera/camera.css';

function toRequest(c: ScanChoice): ScanRequest {
  const pages = Number(c.pages);
  return { device: c.deviceId, source: c.source, paper: { preset: c.preset }, dpi: c.dpi, mode: c.mode, ...(c.pages.trim() && Number.isFinite(pages) ? { pages } : {}) };
}

export function ScanScreen() {
  const { t, lang } = useI18n();
  const session = useScanSession();
  const [listError, setListError] = useState<WireError | null>(null);
  const onListError = useCallback((e: WireError) => setListError(e), []);
  const { devices, reload } = useDevices(onListError);
  const [choice, setChoice] = useState<ScanChoice | null>(null);
  // A camera chosen in the device list instead of a scanner (issue 19): its browser id.
  const cameras = useCameras();
  const [cameraId, setCameraId] = useState<string | null>(null);
  const { showError } = session;
  const chooseCamera = useCallback(
    (id: string) => {
      const label = cameraLabel(t, cameras.cameras, id);
      void cameras.allow(id).then(setCameraId, (e: unknown) => {
        const detail = e instanceof DOMException ? e.name : String(e);
        showError(formatError('camera-unavailable', { camera: label, detail, detail_vi: detail }));
      });
    },
    [cameras, showError, t],
  );
  const chooseScanner = (deviceId: string) => {
    setCameraId(null);
    const device = devices?.find((d) => d.id === deviceId);
    if (choice && device) setChoice({ ...choice, deviceId, source: device.sources[0]?.source ?? 'flatbed' });
  };
  // A large sheet scanned in parts (issue 18): its choice, its plan, the part to place next.
  const [tiled, setTiled] = useState<TiledChoice | null>(null);
  const tiledPlan = useTiledPlan(tiled, choice?.deviceId ?? null);
  const [nextPart, setNextPart] = useState(1);
  useEffect(() => setNextPart(1), [tiledPlan.result]);
  const base = useMemo(() => (choice ? toRequest(choice) : null), [choice]);
  const capture = useTiledCapture({ active: !!tiled, plan: tiledPlan.result?.plan ?? null, session, base });
  // The parts being scanned (or assembled): the settings stay as they are until the sheet is done.
  const capturing = !!tiled && (capture.phase === 'capture' || capture.phase === 'assembling');
  const canTile = !!tiledPlan.result && !tiledPlan.result.plan.fitsGlass;
  const assembly = useTiledAssemble({ plan: tiledPlan.result?.plan ?? null, session, capture });
  /** The large sheet's step forward: start, continue, scan the next part, assemble them all. */
  const tiledForward = () => {
    if (!canTile || capture.busy) return;
    if (capture.phase === 'plan') capture.start(); // (refused, and said, when the draft has pages)
    else if (capture.phase === 'paused') capture.resume();
    else if (capture.phase === 'capture') void (capture.next !== null ? capture.scanNext() : assembly.assemble());
    else if (capture.phase === 'assembled') save();
  };
  // The assembled sheet on screen (until it is saved), in place of the grid.
  const assembled = !!tiled && capture.phase === 'assembled' && !!assembly.report && session.pages.length === 1;
  const [title, setTitle] = useState('');
  const [dossierCode, setDossierCode] = useState('');
  // The page count when the backs were last put in place: doing it twice would undo it.
  const [interleavedAt, setInterleavedAt] = useState<number | null>(null);
  // The page open in the review (before/after, rotate, crop, move, delete), by id.
  const [reviewing, setReviewing] = useState<string | null>(null);
  // The grid's selection (pages gone drop out of it) and its queued edits (usePageEdits).
  const [rawSelection, setSelection] = useState<Selection>(NO_SELECTION);
  const selection = useMemo(() => pruned(rawSelection, session.pages), [rawSelection, session.pages]);
  const edits = usePageEdits(session.documentId, session.showDocument);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const askDelete = () => {
    if (!confirmingDelete) return setConfirmingDelete(true);
    setConfirmingDelete(false);
    const chosen = inOrder(selection, session.pages);
    setSelection(NO_SELECTION);
    void edits.remove(chosen);
  };

  // The station's scan defaults (settings.scanDefaults); null when they cannot be read.
  const client = useClient();
  const [defaults, setDefaults] = useState<ScanDefaults | null | undefined>(undefined);
  useEffect(() => {
    void client.call('settings.get', {}).then((s) => setDefaults(s.scanDefaults), () => setDefaults(null));
  }, [client]);

  // Once the list and the settings arrive: the station's default scanner and settings where the
  // scanner can do them, else the first scanner and sensible defaults.
  useEffect(() => {
    const first = devices?.find((d) => d.id === defaults?.device) ?? devices?.[0];
    if (defaults === undefined || !first || (choice && devices?.some((d) => d.id === choice.deviceId))) return;
    const caps = first.sources.find((x) => x.source === defaults?.source) ?? first.sources[0];
    const dpis = dpiChoices(caps);
    const dpi = defaults && dpis.includes(defaults.dpi) ? defaults.dpi : dpis.includes(200) ? 200 : (dpis[0] ?? 200);
    const mode = defaults && caps?.modes.includes(defaults.mode) ? defaults.mode : caps?.modes.includes('color') ? 'color' : (caps?.modes[0] ?? 'color');
    const source = caps?.source ?? 'flatbed';
    setChoice({ deviceId: first.id, source, preset: defaults?.preset ?? 'a4', dpi, mode, pages: defaultPages(source), pagesTyped: false });
  }, [devices, choice, defaults]);

  const error = session.error ?? edits.error ?? listError;
  const save = () =>
    void session.save({ ...(title.trim() ? { title: title.trim() } : {}), ...(dossierCode.trim() ? { dossierCode: dossierCode.trim() } : {}) }).then(() => {
      setTitle('');
      setDossierCode('');
      setInterleavedAt(null);
    });
  // Ctrl+Enter scans (or scans more), Ctrl+S saves: from anywhere on the screen, fields included.
  // A large sheet is scanned part by part: the same keys, and Enter, move its capture forward.
  useShortcut('scan.scan', () => (tiled ? tiledForward() : choice && void session.start(toRequest(choice))), !!choice && !cameraId && !session.scanning && !session.saving);
  useShortcut('scan.tiled-part', tiledForward, !!tiled && !cameraId && canTile && !capture.busy && capture.phase !== 'assembling' && capture.phase !== 'assembled');
  useShortcut('scan.save', save, !!session.documentId && session.pages.length > 0 && !session.scanning && !session.saving && !capturing);

  return (
    <div className="scan-screen">
      <section className="scan-panel" aria-labelledby="scan-title">
        <h2 id="scan-title">{t('navScan')}</h2>
        {cameraId ? (
          <CameraPanel
            cameraId={cameraId}
            label={cameraLabel(t, cameras.cameras, cameraId)}
            deviceChoice={<DeviceSelect devices={devices ?? []} cameras={cameras.cameras} value={cameraValue(cameraId)} onScanner={chooseScanner} onCamera={chooseCamera} onReload={() => (cameras.refresh(), void reload())} disabled={session.saving} />}
            documentId={session.documentId}
            pagesTaken={session.pages.length}
            disabled={session.saving || session.scanning}
            onCaptured={session.addCaptured}
            onError={showError}
            onOpened={cameras.refresh}
          />
        ) : (
          <>
            {devices === null && <p className="muted">{t('loadingScanners')}</p>}
            {devices?.length === 0 && (
              <p className="muted">
                {t('noScanners')}{' '}
                <button type="button" onClick={() => void reload()}>
                  {t('reload')}
                </button>
              </p>
            )}
            {devices?.length === 0 && cameras.cameras.length > 0 && (
              <DeviceSelect devices={[]} cameras={cameras.cameras} value="" onScanner={chooseScanner} onCamera={chooseCamera} onReload={() => (cameras.refresh(), void reload())} />
            )}
            {devices && devices.length > 0 && choice && <ScanSettings devices={devices} choice={choice} onChange={setChoice} onReload={() => (cameras.refresh(), void reload())} disabled={session.scanning || session.saving || capturing} tiled={tiled} onTiled={setTiled} cameras={cameras.cameras} onCamera={chooseCamera} />}
            <div className="scan-actions">
              {session.scanning ? (
                <button type="button" className="secondary" onClick={() => void session.cancel()}>
                  {t('cancel')}
                </button>
              ) : tiled ? (
                <button type="button" className="primary big" disabled={!canTile || capture.busy || (capture.phase === 'plan' && !capture.canStart)} aria-keyshortcuts={capture.phase === 'assembled' ? 'Control+S' : 'Enter Control+Enter'} onClick={tiledForward}>
                  {capture.phase === 'plan'
                    ? t('tiledStart')
                    : capture.phase === 'paused'
                      ? t('tiledContinue', { done: capture.parts.length, count: capture.count })
                      : capture.phase === 'assembled'
                        ? t('save')
                        : capture.next !== null
                          ? t('tiledScanPart', { part: capture.next })
                          : t('tiledAssemble', { count: capture.count })}
                </button>
              ) : (
                <button type="button" className="primary big" disabled={!choice || session.saving} aria-keyshortcuts="Control+Enter" onClick={() => choice && void session.start(toRequest(choice))}>
                  {session.pages.length > 0 ? t('scanMore') : t('scan')}
                </button>
              )}
            </div>
          </>
        )}
        <ReusePanel />
      </section>

      <section className="pages-panel" aria-live="polite">
        {error && session.error === error && isDeviceError(error) && !cameraId && !error.code.startsWith('camera-') ? (
          <DeviceErrorPanel error={error} pagesKept={session.pages.length} disabled={!choice || session.scanning || session.saving} onContinue={() => (capturing ? capture.scanNext() : choice && void session.start(toRequest(choice)))} onDismiss={session.clearError} />
        ) : (
          error && <ErrorBanner error={error} onDismiss={() => (session.error ? session.clearError() : edits.error ? edits.clearError() : setListError(null))} />
        )}
        {capture.error && <ErrorBanner error={capture.error} onDismiss={capture.clearError} />}
        {tiled && capture.phase === 'assembling' && tiledPlan.result && <TiledAssembling plan={tiledPlan.result.plan} progress={assembly.progress} stopping={assembly.stopping} onStop={assembly.stop} />}
        {session.progress && <ProgressBar label={capture.scanningPart ? t('tiledScanningPart', { part: capture.scanningPart }) : t('scanningPage', { page: session.progress.page })} fraction={session.progress.fraction} />}
        {session.saving && <ProgressBar label={t('progressSaving')} fraction={null} />}
        {session.savedPages !== null && <p className="notice">{t('saved', { pages: formatNumber(session.savedPages, lang) })}</p>}
        {tiled && capture.phase === 'paused' && (
          <p className="notice tiled-paused" data-testid="tiled-paused">
            {t('tiledPaused', { done: capture.parts.length, count: capture.count })}
          </p>
        )}
        {session.pages.length > 0 && session.documentId && !capturing && !assembled && (
          <PageGridToolbar
            pages={session.pages}
            selection={selection}
            onSelection={setSelection}
            edits={edits}
            confirmingDelete={confirmingDelete}
            onConfirmingDelete={setConfirmingDelete}
            disabled={session.saving}
          />
        )}
        {capturing && tiledPlan.result ? (
          <TiledCapturePanel result={tiledPlan.result} capture={capture} scanningPart={capture.scanningPart} unplaced={assembly.unplaced} onRescan={assembly.rescan}>
            {assembly.failure && <TiledAssembleFailure error={assembly.failure} />}
            {assembly.stopped && (
              <p className="notice" role="status" data-testid="tiled-stopped">
                {t('tiledAssemblyStopped', { count: tiledPlan.result.plan.count })}
              </p>
            )}
          </TiledCapturePanel>
        ) : assembled && assembly.report && tiledPlan.result ? (
          <TiledAssembledPanel plan={tiledPlan.result.plan} report={assembly.report} turns={assembly.turns} page={session.pages[0]!} seams={assembly.seams} onSeams={assembly.setSeams} />
        ) : tiled && capture.phase === 'plan' && !session.progress ? (
          <TiledPlanPanel result={tiledPlan.result} error={tiledPlan.error} current={nextPart} onCurrent={setNextPart} saveFirst={!capture.canStart} />
        ) : session.pages.length === 0 && !session.progress ? (
          <p className="muted empty">{t(cameraId ? 'cameraNoPages' : 'noPagesYet')}</p>
        ) : (
          <PageGrid pages={session.pages} onOpen={setReviewing} editing={session.documentId && !session.saving ? { selection, onSelection: (s) => (setSelection(s), setConfirmingDelete(false)), edits, onDeleteAsked: askDelete } : undefined} />
        )}
        {reviewing && session.documentId && (
          <PageReview
            pages={session.pages}
            pageId={reviewing}
            onSelect={setReviewing}
            onClose={() => setReviewing(null)}
            onDocument={session.showDocument}
            edits={edits}
            onRescanHere={choice && !session.scanning && !session.saving ? (seq) => (setReviewing(null), void session.start({ ...toRequest(choice), pages: 1 }, seq)) : undefined}
          />
        )}
        {session.documentId && session.pages.length > 0 && !capturing && (
          <form
            className="save-form"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            {/* Not saved until the document is: "đã lưu" only after Lưu tài liệu (the notice says so). */}
            <p className="count">{t('scanPagesUnsaved', { count: formatNumber(session.pages.length, lang) })}</p>
            {/* Two sides of a card: the counter usually wants them on one A4 sheet. */}
            {choice?.preset === 'id-card' && session.pages.length === 2 && (
              <button type="button" className="reuse-find" disabled={session.scanning || session.saving} onClick={() => void session.composeIdCard()}>
                {t('composeIdCard')}
              </button>
            )}
            {/* A folded A3 in a carrier sleeve through the duplex feeder: its two sides become one page. */}
            {choice?.source === 'feeder-duplex' && session.pages.length === 2 && (
              <button type="button" className="reuse-find" disabled={session.scanning || session.saving} onClick={() => void session.unfoldFolded()}>
                {t('unfoldFolded')}
              </button>
            )}
            {/* Manual duplex: the fronts, then the stack turned over; the backs go after their fronts. */}
            {choice?.source === 'feeder' && session.pages.length >= 2 && session.pages.length % 2 === 0 && session.pages.length !== interleavedAt && (
              <button type="button" className="reuse-find" disabled={session.scanning || session.saving} onClick={() => {
                  const count = session.pages.length;
                  void session.interleaveBacks().then(() => setInterleavedAt(count));
                }}
              >
                {t('interleaveBacks')}
              </button>
            )}
            <label className="field">
              <span>{t('title')}</span>
              <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} />
            </label>
            <label className="field">
              <span>{t('dossierCode')}</span>
              <input value={dossierCode} onChange={(e) => setDossierCode(e.target.value)} placeholder={t('dossierCodeHint')} maxLength={64} />
            </label>
            <button type="submit" className="primary" disabled={session.scanning || session.saving} aria-keyshortcuts="Control+S">
              {session.saving ? t('saving') : t('save')}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
