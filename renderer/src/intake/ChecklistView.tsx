// The dossier's checklist at the counter: each component of its procedure, reused or scanned in
// turn, then the set signed with one PIN (and queued for the provincial store), then the receipt.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Checklist, ChecklistItem, Device, IntakeReceipt, PresetName, ReuseOffer } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { ComponentItem } from './ComponentItem';
import { ComponentScan, type ScanPhase } from './ComponentScan';
import { SavedComponentView } from './SavedComponentView';
import { SignSetDialog } from './SignSetDialog';
import { useStationCall } from '../client/useStationCall';
import { useShortcut } from '../shortcuts/useShortcut';

interface Active {
  readonly code: string;
  readonly preset: PresetName;
  /** A new scan session each time (a remount starts it afresh). */
  readonly n: number;
  /** A rescan: the saved document the new scan replaces once it is saved. */
  readonly replaces?: string | undefined;
}

export function ChecklistView(props: { list: Checklist; device: Device | null; onChange: (list: Checklist) => void; onReceipt: (r: IntakeReceipt) => void; onClose: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  const { list } = props;
  const { run, busy, error, clearError } = useStationCall();
  const [active, setActive] = useState<Active | null>(null);
  const [signing, setSigning] = useState(false);
  const [phase, setPhase] = useState<ScanPhase>('scanning');
  const onPhase = useCallback((p: ScanPhase) => setPhase(p), []);
  /** The saved component whose pages are being looked at. */
  const [viewing, setViewing] = useState<ChecklistItem | null>(null);
  const owner = list.ownerIdNumber ?? undefined;

  const refresh = async () => {
    const next = await run(() => client.call('intake.checklist', { code: list.dossier.code, ...(owner ? { ownerIdNumber: owner } : {}) }));
    if (next) props.onChange(next);
  };
  const reuse = async (item: ChecklistItem, offer: ReuseOffer) => {
    if (await run(() => client.call('reuse.attach', { dossierCode: list.dossier.code, componentCode: item.code, ...offer.attach }))) await refresh();
  };
  /** The reuse taken back (the wrong paper, or the citizen brought a newer one): scan it instead. */
  const detach = async (item: ChecklistItem) => {
    if (item.link && (await run(() => client.call('reuse.detach', { dossierCode: list.dossier.code, linkId: item.link!.id })))) await refresh();
  };
  const receipt = async () => {
    const r = await run(() => client.call('intake.receipt', { code: list.dossier.code }));
    if (r) props.onReceipt(r);
  };
  const metadataOf = (item: ChecklistItem) => ({
    dossierCode: list.dossier.code,
    kind: 'component' as const,
    componentCode: item.code,
    title: item.name,
    // Recorded as its document type, so that the next dossier of this owner can reuse it.
    ...(item.reusable && item.docTypeCode ? { docTypeCode: item.docTypeCode } : {}),
    ...(list.procedure ? { procedureCode: list.procedure.code } : {}),
    ...(owner ? { ownerIdNumber: owner } : {}),
  });

  // The next thing to do has the focus: the next component's scan (a reuse offer is taken only
  // after a look at it, with a click or Tab), then signing or the receipt.
  const idle = !active && !signing;
  const scanAt = idle ? list.items.findIndex((i) => i.state === 'todo') : -1;
  const finishButton = useRef<HTMLButtonElement>(null);
  const finishNext = !active && !signing && !busy && list.complete;
  useEffect(() => {
    if (finishNext) finishButton.current?.focus();
  }, [finishNext, list.unsigned]);
  // Ctrl+Enter: sign the set, or show the receipt, once the checklist is complete.
  useShortcut('intake.next-step', () => finishButton.current?.click(), finishNext);
  // Alt+↓ / Alt+↑: the focus to the next / previous component that has something to do.
  const itemList = useRef<HTMLOListElement>(null);
  useShortcut('intake.component', (e) => {
    const items = [...(itemList.current?.querySelectorAll<HTMLElement>('[data-testid="intake-item"]') ?? [])];
    const at = items.findIndex((li) => li.contains(document.activeElement));
    const step = e.key === 'ArrowDown' ? 1 : -1;
    for (let i = at < 0 ? (step > 0 ? 0 : items.length - 1) : at + step; i >= 0 && i < items.length; i += step) {
      const target = items[i]!.querySelector<HTMLButtonElement>('button:not(:disabled)');
      if (target) return target.focus();
    }
  });
  const done = list.items.filter((i) => i.state === 'scanned' || i.state === 'signed' || i.state === 'reused').length;

  return (
    <section className="intake-checklist" aria-labelledby="checklist-title">
      <header className="intake-checklist-head">
        <div>
          <h2 id="checklist-title">{t('intakeDossier', { code: list.dossier.code })}</h2>
          <p className="muted">
            {list.procedure ? `${list.procedure.name} (${list.procedure.code})` : t('intakeNoProcedureSet')}
            {list.ownerIdNumber ? ` · ${t('intakeOwner', { id: list.ownerIdNumber })}` : ''}
          </p>
        </div>
        <p className="intake-progress" role="status">
          {t('intakeProgress', { done, total: list.items.length })}
        </p>
      </header>
      {error && <ErrorBanner error={error} onDismiss={clearError} />}
      {list.province === 'offline' && <p className="muted">{t('reuseOffline')}</p>}
      {!props.device && <p className="warning">{t('noScanners')}</p>}

      <ol className="intake-items" ref={itemList}>
        {list.items.map((item, i) => (
          <ComponentItem
            key={item.code}
            item={item}
            index={i}
            focus={i === scanAt ? 'scan' : null}
            busy={busy}
            locked={active !== null || !props.device}
            onReuse={(o) => void reuse(item, o)}
            phase={active?.code === item.code ? phase : null}
            rescanning={active?.code === item.code && active.replaces !== undefined}
            onScan={(preset) => (setPhase('scanning'), setActive({ code: item.code, preset, n: (active?.n ?? 0) + 1 }))}
            onView={() => setViewing(item)}
            onRescan={() => (setPhase('scanning'), setActive({ code: item.code, preset: item.preset, n: (active?.n ?? 0) + 1, replaces: item.document?.id }))}
            onDetach={() => void detach(item)}
            active={
              active?.code === item.code && props.device ? (
                <ComponentScan
                  key={active.n}
                  device={props.device}
                  preset={active.preset}
                  metadata={metadataOf(item)}
                  replaces={active.replaces}
                  onPhase={onPhase}
                  onSaved={() => {
                    setActive(null);
                    void refresh();
                  }}
                  onCancelled={() => {
                    setActive(null);
                    void refresh();
                  }}
                />
              ) : null
            }
          />
        ))}
      </ol>

      <div className="intake-finish">
        <button type="button" className="plain" onClick={props.onClose} disabled={active !== null}>
          {t('intakeOther')}
        </button>
        {list.unsigned > 0 ? (
          <button type="button" ref={finishButton} className="primary big" aria-keyshortcuts="Control+Enter" disabled={!list.complete || active !== null || busy} onClick={() => setSigning(true)}>
            {t('intakeSignSet', { count: list.unsigned })}
          </button>
        ) : (
          <button type="button" ref={finishButton} className="primary big" aria-keyshortcuts="Control+Enter" disabled={!list.complete || active !== null || busy} onClick={() => void receipt()}>
            {t('intakeShowReceipt')}
          </button>
        )}
      </div>
      {!list.complete && <p className="muted small">{t('intakeNotComplete')}</p>}

      {viewing?.document && <SavedComponentView documentId={viewing.document.id} name={viewing.name} onClose={() => setViewing(null)} />}

      {signing && (
        <SignSetDialog
          list={list}
          onClose={() => setSigning(false)}
          onSigned={(signed) => {
            setSigning(false);
            props.onChange(signed);
            void receipt();
          }}
        />
      )}
    </section>
  );
}
