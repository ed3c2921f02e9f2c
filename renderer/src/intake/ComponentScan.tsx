// Scanning one component: it starts at once with the component's one-touch preset, the pages show
// as they are stored, more can be added, and Done saves the document with the dossier's metadata.
// Cancel leaves nothing behind (the draft is deleted, audited).
import { useEffect, useRef } from 'react';
import type { Device, MetadataInput, PresetName } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';
import { PageGrid } from '../scan/PageGrid';
import { useScanSession } from '../scan/useScanSession';
import { useStationCall } from '../client/useStationCall';
import { useShortcut } from '../shortcuts/useShortcut';

export function ComponentScan(props: { device: Device; preset: PresetName; metadata: MetadataInput; onSaved: () => void; onCancelled: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  const session = useScanSession();
  const saving = useStationCall();
  const started = useRef(false);
  const source = props.device.sources[0]?.source ?? 'flatbed';
  const scan = (preset: PresetName) => void session.start({ device: props.device.id, source, paper: { preset }, dpi: 200, mode: 'color', pages: 1, metadata: props.metadata });

  useEffect(() => {
    // Once per mount (React's development double effects must not scan twice).
    if (started.current) return;
    started.current = true;
    scan(props.preset);
  }, []);

  const cancel = async () => {
    if (session.scanning) await session.cancel();
    if (session.documentId) await client.call('documents.delete', { id: session.documentId, reason: 'hủy tại quầy / cancelled at the counter' }).catch(() => undefined);
    props.onCancelled();
  };
  const done = async () => {
    const id = session.documentId;
    if (!id) return;
    // Saved here rather than by the scan session: the checklist must learn whether it worked.
    if (await saving.run(() => client.call('documents.finish', { id, metadata: props.metadata }))) props.onSaved();
  };
  const busy = session.saving || saving.busy;
  // Once the pages are in, Done has the focus: Enter saves after a look at them.
  const doneButton = useRef<HTMLButtonElement>(null);
  const reviewing = !session.scanning && !busy && session.pages.length > 0;
  useEffect(() => {
    if (reviewing) doneButton.current?.focus();
  }, [reviewing, session.pages.length]);
  // Ctrl+Enter: Done, wherever the focus went while looking at the pages.
  useShortcut('intake.next-step', () => void done(), reviewing);

  return (
    <div className="intake-review">
      {session.error && <ErrorBanner error={session.error} onDismiss={session.clearError} />}
      {saving.error && <ErrorBanner error={saving.error} onDismiss={saving.clearError} />}
      {session.progress && <ProgressBar label={t('scanningPage', { page: session.progress.page })} fraction={session.progress.fraction} />}
      {busy && <ProgressBar label={t('progressSaving')} fraction={null} />}
      {session.pages.length > 0 && <PageGrid pages={session.pages} />}
      <div className="intake-review-actions">
        <button type="button" className="plain" disabled={busy} onClick={() => void cancel()}>
          {t('intakeScanCancel')}
        </button>
        <button type="button" className="plain" disabled={session.scanning || busy} onClick={() => scan(props.preset)}>
          {t('scanMore')}
        </button>
        <button type="button" ref={doneButton} className="primary" aria-keyshortcuts="Control+Enter" disabled={session.scanning || busy || session.pages.length === 0} onClick={() => void done()}>
          {busy ? t('saving') : t('intakeDone')}
        </button>
      </div>
    </div>
  );
}
