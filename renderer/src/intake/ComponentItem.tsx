// One component of the dossier in the checklist: its state, and what to do about it — scan it with
// its one-touch preset (focused: Enter scans), look at the pages, and mark it done; once saved, view
// it or rescan it; or, where the procedure allows it, reuse a paper the owner already has (offered
// with what identifies it, so that the officer compares before taking it), and take a reuse back
// off. The badge says what is true now: "Đang quét" only while the scanner runs, "Chưa lưu" after it.
import { type ReactNode, useEffect, useRef } from 'react';
import type { ChecklistItem, PresetName, ReuseOffer } from '../../../electron/contract';
import { type MessageKey, useI18n } from '../i18n';
import type { ScanPhase } from './ComponentScan';
import { ReuseOfferCard } from './ReuseOfferCard';
import './intake-pages.css';

type Shown = Exclude<ChecklistItem['state'], 'scanning'> | ScanPhase;
const STATE_LABEL: Readonly<Record<Shown, MessageKey>> = {
  todo: 'intakeStateTodo',
  scanning: 'intakeStateScanning',
  unsaved: 'counterStateUnsaved',
  scanned: 'intakeStateScanned',
  signed: 'intakeStateSigned',
  reused: 'intakeStateReused',
};

export function presetLabel(p: PresetName, t: (k: MessageKey) => string): string {
  if (p === 'id-card') return t('paperIdCard');
  if (p === 'auto') return t('paperAuto');
  return p.length === 2 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1);
}

export function ComponentItem(props: {
  item: ChecklistItem;
  index: number;
  /** Where the officer's next key goes, if it is this component: its one-touch scan (scanning is
   * the default; a reuse offer is taken only after a look at it, so it never has the focus). */
  focus: 'scan' | null;
  /** This component's scan in progress (pages, review, done), when it is the one being scanned. */
  active: ReactNode | null;
  /** Where that scan is (null: none here). */
  phase: ScanPhase | null;
  /** The scan under way replaces the saved document (a rescan). */
  rescanning: boolean;
  /** Another component is being scanned: this one waits. */
  locked: boolean;
  busy: boolean;
  onReuse: (offer: ReuseOffer) => void;
  onDetach: () => void;
  onScan: (preset: PresetName) => void;
  onView: () => void;
  onRescan: () => void;
}) {
  const { t } = useI18n();
  const { item, active, focus } = props;
  const scanButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus === 'scan') scanButton.current?.focus();
  }, [focus, item.state, item.offers.length, props.busy, props.locked]);
  // The checklist learns of the draft only when it is refreshed; the scan under way shows at once.
  // A draft not being scanned (its scan ended, or it was left) is not "scanning": it is not saved.
  const shown: Shown = active ? (props.phase ?? 'scanning') : item.state === 'scanning' ? 'unsaved' : item.state;
  const presets: PresetName[] = item.preset === 'a4' ? ['a4', 'a3'] : [item.preset, 'a4'];
  return (
    <li className={`intake-item state-${shown}${active ? ' active' : ''}`} data-testid="intake-item" aria-labelledby={`component-${item.code}`}>
      <div className="intake-item-head">
        <span className="intake-index" aria-hidden="true">
          {props.index + 1}
        </span>
        <div className="grow">
          <h3 id={`component-${item.code}`}>{item.name}</h3>
          <span className="muted small">
            {item.code}
            {item.required ? '' : ` · ${t('intakeOptional')}`}
            {item.document && item.state !== 'scanning' ? ` · ${t('pagesScanned', { count: item.document.pageCount })}` : ''}
          </span>
        </div>
        <span className={`badge badge-${shown}`} data-testid="intake-state">
          {t(STATE_LABEL[shown])}
        </span>
      </div>

      {(item.state === 'todo' || item.state === 'scanning') && !active && (
        <div className="intake-scan-buttons">
          {presets.map((p, i) => (
            <button key={p} type="button" ref={i === 0 ? scanButton : undefined} className={i === 0 ? 'primary' : 'plain'} disabled={props.busy || props.locked} onClick={() => props.onScan(p)}>
              {t('intakeScanWith', { preset: presetLabel(p, t) })}
            </button>
          ))}
        </div>
      )}

      {(item.state === 'scanned' || item.state === 'signed') && item.document && !active && (
        <div className="intake-scan-buttons">
          <button type="button" className="plain" disabled={props.busy} onClick={props.onView}>
            {t('counterView')}
          </button>
          {/* A signed record is never replaced here: its signature is the officer's word on it. */}
          {item.state === 'scanned' && (
            <button type="button" className="plain" disabled={props.busy || props.locked} onClick={props.onRescan}>
              {t('counterRescan')}
            </button>
          )}
        </div>
      )}
      {active && props.rescanning && <p className="muted small">{t('counterRescanHint')}</p>}

      {item.state === 'todo' && !active && item.offers.length > 0 && (
        <section className="intake-offers" aria-label={t('intakeOffers', { name: item.name })}>
          <p className="muted small">{t('intakeOffersLead')}</p>
          <ul>
            {item.offers.map((o) => (
              <li key={o.key}>
                <ReuseOfferCard offer={o} disabled={props.busy || props.locked} onReuse={() => props.onReuse(o)} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {item.state === 'reused' && item.link && (
        <div className="intake-reused">
          <span>{t('intakeReusedFrom', { title: item.link.title ?? '—', where: t(item.link.documentId ? 'reuseHere' : 'reuseProvince') })}</span>
          <button type="button" className="plain" disabled={props.busy || props.locked} onClick={props.onDetach} aria-label={t('intakeDetachThis', { name: item.name })}>
            {t('intakeDetach')}
          </button>
        </div>
      )}

      {active}
    </li>
  );
}
