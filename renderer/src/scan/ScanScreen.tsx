// The counter's scan screen: choose, scan, watch the pages arrive (each one only once it is
// saved on disk and in the database), then save the document.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ScanDefaults, type ScanRequest, type WireError, formatNumber } from '../../../electron/contract';
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
import './scan-screen.css';

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
  useShortcut('scan.scan', () => choice && void session.start(toRequest(choice)), !!choice && !session.scanning && !session.saving);
  useShortcut('scan.save', save, !!session.documentId && session.pages.length > 0 && !session.scanning && !session.saving);

  return (
    <div className="scan-screen">
      <section className="scan-panel" aria-labelledby="scan-title">
        <h2 id="scan-title">{t('navScan')}</h2>
        {devices === null && <p className="muted">{t('loadingScanners')}</p>}
        {devices?.length === 0 && (
          <p className="muted">
            {t('noScanners')}{' '}
            <button type="button" onClick={() => void reload()}>
              {t('reload')}
            </button>
          </p>
        )}
        {devices && devices.length > 0 && choice && <ScanSettings devices={devices} choice={choice} onChange={setChoice} onReload={() => void reload()} disabled={session.scanning || session.saving} />}
        <div className="scan-actions">
          {session.scanning ? (
            <button type="button" className="secondary" onClick={() => void session.cancel()}>
              {t('cancel')}
            </button>
          ) : (
            <button type="button" className="primary big" disabled={!choice || session.saving} aria-keyshortcuts="Control+Enter" onClick={() => choice && void session.start(toRequest(choice))}>
              {session.pages.length > 0 ? t('scanMore') : t('scan')}
            </button>
          )}
        </div>
        <ReusePanel />
      </section>

      <section className="pages-panel" aria-live="polite">
        {error && session.error === error && isDeviceError(error) ? (
          <DeviceErrorPanel error={error} pagesKept={session.pages.length} disabled={!choice || session.scanning || session.saving} onContinue={() => choice && void session.start(toRequest(choice))} onDismiss={session.clearError} />
        ) : (
          error && <ErrorBanner error={error} onDismiss={() => (session.error ? session.clearError() : edits.error ? edits.clearError() : setListError(null))} />
        )}
        {session.progress && <ProgressBar label={t('scanningPage', { page: session.progress.page })} fraction={session.progress.fraction} />}
        {session.saving && <ProgressBar label={t('progressSaving')} fraction={null} />}
        {session.savedPages !== null && <p className="notice">{t('saved', { pages: formatNumber(session.savedPages, lang) })}</p>}
        {session.pages.length > 0 && session.documentId && (
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
        {session.pages.length === 0 && !session.progress ? (
          <p className="muted empty">{t('noPagesYet')}</p>
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
        {session.documentId && session.pages.length > 0 && (
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
