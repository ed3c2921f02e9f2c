// Scanning one component: it starts at once with the component's one-touch preset, the pages show
// as they are stored, a thumbnail opens the same page review as the scan screen (rotate, crop,
// move, delete, rescan in place), more can be added, and Done saves the document with the
// dossier's metadata. An ID card's two sides are composed on one A4 page (front above back) before
// it is saved, as the scan screen's "Ghép hai mặt thẻ" does. A scanner's error is said with
// Continue (a scan on the same draft), the button its advice names. A rescan of a saved component
// replaces it once the new one is saved. Cancel leaves nothing behind (the draft is deleted, audited).
import { useEffect, useRef, useState } from 'react';
import type { Device, MetadataInput, PresetName } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';
import { DeviceErrorPanel, isDeviceError } from '../scan/DeviceErrorPanel';
import { PageGrid } from '../scan/PageGrid';
import { PageReview } from '../scan/PageReview';
import { useScanSession } from '../scan/useScanSession';
import { useStationCall } from '../client/useStationCall';
import { useShortcut } from '../shortcuts/useShortcut';

/** What the component's badge says while it is open here: the scanner runs; pages are in but not
 * saved; nothing is in (a scan that failed before its first page). */
export type ScanPhase = 'scanning' | 'unsaved' | 'todo';

export function ComponentScan(props: {
  device: Device;
  preset: PresetName;
  metadata: MetadataInput;
  /** The saved document this scan replaces (a rescan), deleted once the new one is saved. */
  replaces?: string | undefined;
  onPhase: (phase: ScanPhase) => void;
  onSaved: () => void;
  onCancelled: () => void;
}) {
  const { t } = useI18n();
  const client = useClient();
  const session = useScanSession();
  const saving = useStationCall();
  const started = useRef(false);
  const [reviewing, setReviewing] = useState<string | null>(null);
  /** The card's sides could not be composed: Done saves them as they are. */
  const [looseCard, setLooseCard] = useState(false);
  const source = props.device.sources[0]?.source ?? 'flatbed';
  const scan = (preset: PresetName, insertAt?: number) => void session.start({ device: props.device.id, source, paper: { preset }, dpi: 200, mode: 'color', pages: 1, metadata: props.metadata }, insertAt);
  const idCard = props.preset === 'id-card';

  useEffect(() => {
    // Once per mount (React's development double effects must not scan twice).
    if (started.current) return;
    started.current = true;
    scan(props.preset);
  }, []);
  const { onPhase } = props;
  const pageCount = session.pages.length;
  useEffect(() => onPhase(session.scanning ? 'scanning' : pageCount > 0 ? 'unsaved' : 'todo'), [session.scanning, pageCount, onPhase]);

  const cancel = async () => {
    if (session.scanning) await session.cancel();
    if (session.documentId) await client.call('documents.delete', { id: session.documentId, reason: 'hủy tại quầy / cancelled at the counter' }).catch(() => undefined);
    props.onCancelled();
  };
  const done = async () => {
    const id = session.documentId;
    if (!id) return;
    // The two sides of a card, not yet on one page: composed first. If they cannot be (not card
    // sized), that is said and nothing is saved; Done again then keeps them as two pages.
    if (idCard && session.pages.length === 2 && !looseCard) {
      const composed = await saving.run(() => client.call('documents.composeIdCard', { id }));
      if (!composed) return setLooseCard(true);
      session.showDocument(composed);
    }
    // Saved here rather than by the scan session: the checklist must learn whether it worked.
    const saved = await saving.run(() => client.call('documents.finish', { id, metadata: props.metadata }));
    if (!saved) return;
    if (props.replaces) await client.call('documents.delete', { id: props.replaces, reason: 'quét lại tại quầy / rescanned at the counter' }).catch(() => undefined);
    props.onSaved();
  };
  const busy = session.saving || saving.busy;
  // Once the pages are in, Done has the focus: Enter saves after a look at them.
  const doneButton = useRef<HTMLButtonElement>(null);
  const reviewingPages = !session.scanning && !busy && session.pages.length > 0;
  useEffect(() => {
    if (reviewingPages && !reviewing) doneButton.current?.focus();
  }, [reviewingPages, reviewing, session.pages.length]);
  // Ctrl+Enter: Done, wherever the focus went while looking at the pages (not from a page's review).
  useShortcut('intake.next-step', () => void done(), reviewingPages && !reviewing);
  const error = session.error;

  return (
    <div className="intake-review">
      {error && isDeviceError(error) ? (
        <DeviceErrorPanel error={error} pagesKept={session.pages.length} disabled={session.scanning || busy} onContinue={() => scan(props.preset)} onDismiss={session.clearError} />
      ) : (
        error && <ErrorBanner error={error} onDismiss={session.clearError} />
      )}
      {saving.error && <ErrorBanner error={saving.error} onDismiss={saving.clearError} />}
      {session.progress && <ProgressBar label={t('scanningPage', { page: session.progress.page })} fraction={session.progress.fraction} />}
      {busy && <ProgressBar label={t('progressSaving')} fraction={null} />}
      {session.pages.length > 0 && <PageGrid pages={session.pages} onOpen={setReviewing} />}
      {session.pages.length > 0 && <p className="muted small">{t(!idCard ? 'counterOpenPageHint' : looseCard ? 'counterIdCardLoose' : 'counterIdCardHint')}</p>}
      {reviewing && session.documentId && (
        <PageReview
          pages={session.pages}
          pageId={reviewing}
          onSelect={setReviewing}
          onClose={() => setReviewing(null)}
          onDocument={session.showDocument}
          onRescanHere={!session.scanning && !busy ? (seq) => (setReviewing(null), scan(props.preset, seq)) : undefined}
        />
      )}
      <div className="intake-review-actions">
        <button type="button" className="plain" disabled={busy} onClick={() => void cancel()}>
          {t('intakeScanCancel')}
        </button>
        <button type="button" className="plain" disabled={session.scanning || busy} onClick={() => scan(props.preset)}>
          {t(session.pages.length === 0 ? 'scan' : idCard && session.pages.length === 1 ? 'counterScanBack' : 'scanMore')}
        </button>
        {idCard && session.pages.length === 2 && (
          <button type="button" className="plain" disabled={session.scanning || busy} onClick={() => void session.composeIdCard()}>
            {t('composeIdCard')}
          </button>
        )}
        <button type="button" ref={doneButton} className="primary" aria-keyshortcuts="Control+Enter" disabled={session.scanning || busy || session.pages.length === 0} onClick={() => void done()}>
          {busy ? t('saving') : t('intakeDone')}
        </button>
      </div>
    </div>
  );
}
