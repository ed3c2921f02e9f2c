// One page of the draft, before and after (issue 4, item 10): the capture as scanned beside the
// page as it will be saved, and what can be done to it — rotate, crop, undo, back to the capture,
// move, delete, rescan in its place — each with a key from the shortcut registry. A modal over the
// scan screen: its keys are handled here and go no further (the scan screen's own letter keys
// choose paper sizes).
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { type CropBox, type DisplayLanguage, type DocumentDetail, type PageInfo, type PageStepsInfo, formatNumber } from '../../../electron/contract';
import { pageImageUrl } from '../client/client';
import { ErrorBanner } from '../common/ErrorBanner';
import { type MessageKey, useI18n } from '../i18n';
import { type ShortcutId, SHORTCUTS, matches } from '../shortcuts/registry';
import { CropFrame } from './CropFrame';
import { type ReviewEdit, usePageReview } from './usePageReview';
import type { PageEdits } from './usePageEdits';
import './page-review.css';

const MIN_CROP_PX = 32;
const MODE_KEYS: Readonly<Record<string, MessageKey>> = { color: 'modeColor', gray: 'modeGray', bw: 'modeBw' };

/** Which of the review's keys a press is (null: none of them). */
const REVIEW_KEYS: readonly ShortcutId[] = ['pages.close', 'pages.undo', 'pages.move', 'pages.browse', 'pages.rotate', 'pages.crop', 'pages.revert', 'pages.delete', 'pages.rescan'];

export interface PageReviewProps {
  readonly pages: readonly PageInfo[];
  readonly pageId: string;
  readonly onSelect: (pageId: string) => void;
  readonly onClose: () => void;
  readonly onDocument: (doc: DocumentDetail) => void;
  /** Starts a scan whose pages go before this 1-based position; absent: not possible now. */
  readonly onRescanHere?: ((seq: number) => void) | undefined;
  /** The scan screen's edit queue (its grid shows the same pending turns); absent: the review's own. */
  readonly edits?: PageEdits | undefined;
}

function automaticSummary(t: ReturnType<typeof useI18n>['t'], lang: DisplayLanguage, s: PageStepsInfo): string {
  const a = s.automatic;
  const parts = [
    a.quarterTurns !== 0 ? t('reviewStepTurned', { degrees: a.quarterTurns * 90 }) : null,
    a.deskewDegrees !== 0 ? t('reviewStepDeskew', { degrees: formatNumber(a.deskewDegrees, lang, 1) }) : null,
    a.crop ? t('reviewStepCropped') : null,
    a.storedMode !== a.capturedMode ? t('reviewStepMode', { mode: t(MODE_KEYS[a.storedMode] ?? 'modeColor') }) : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? t('reviewAutomatic', { steps: parts.join(', ') }) : t('reviewAutomaticNone');
}

export function PageReview({ pages, pageId, onSelect, onClose, onDocument, onRescanHere, edits }: PageReviewProps) {
  const { t, lang } = useI18n();
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const index = pages.findIndex((p) => p.id === pageId);
  const page = index >= 0 ? pages[index]! : null;
  const { steps, busy, pendingTurn, error, clearError, run } = usePageReview(page, onDocument, edits);
  const [cropping, setCropping] = useState(false);
  const [crop, setCrop] = useState<CropBox | null>(null);
  const [cropTooSmall, setCropTooSmall] = useState(false);
  /** The image changed under an open crop: the box drawn on the old one was dropped. */
  const [cropRedraw, setCropRedraw] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [cropRound, setCropRound] = useState(0);

  useEffect(() => {
    box.current?.focus();
  }, []);
  // Another page: its crop starts afresh. This page's image changed (its processing finished, an
  // edit was stored): a box drawn on the old image means nothing now, but the officer asked to
  // crop, so the crop stays open and says why the box went.
  const shownPage = useRef(pageId);
  const croppingNow = useRef(cropping);
  croppingNow.current = cropping;
  useEffect(() => {
    setCrop(null);
    setConfirmDelete(false);
    setCropTooSmall(false);
    if (shownPage.current !== pageId) {
      shownPage.current = pageId;
      setCropping(false);
      setCropRedraw(false);
    } else {
      setCropRedraw(croppingNow.current);
    }
  }, [pageId, page?.sha256]);

  const edit = useCallback(
    async (e: ReviewEdit) => {
      setConfirmDelete(false);
      const next = e.kind === 'delete' ? (pages[index + 1] ?? pages[index - 1] ?? null) : null;
      const done = await run(e);
      if (done && e.kind === 'delete') {
        if (next) onSelect(next.id);
        else onClose();
      }
      box.current?.focus();
    },
    [run, pages, index, onSelect, onClose],
  );

  if (!page) return null;
  const n = page.seq;
  const last = pages.length;

  const startCrop = () => {
    setCropping(true);
    setCrop(null);
    setCropTooSmall(false);
    setCropRedraw(false);
    setCropRound((r) => r + 1);
  };
  const cancelCrop = () => {
    setCropping(false);
    setCrop(null);
    setCropTooSmall(false);
    setCropRedraw(false);
  };
  const applyCrop = () => {
    if (!crop) return;
    if (crop.width < MIN_CROP_PX || crop.height < MIN_CROP_PX) {
      setCropTooSmall(true);
      return;
    }
    setCropping(false);
    void edit({ kind: 'crop', box: crop });
  };
  const remove = () => (confirmDelete ? void edit({ kind: 'delete' }) : setConfirmDelete(true));

  const onKey = (e: React.KeyboardEvent) => {
    const native = e.nativeEvent;
    if (cropping && e.key === 'Enter') {
      e.preventDefault();
      applyCrop();
      return;
    }
    const id = REVIEW_KEYS.find((k) => matches(k, native));
    if (!id) {
      // The app's own keys (help, screens) still work; the scan screen's (letters, Ctrl+S) do not.
      // Enter and Space still press the focused button: that is the browser's default action.
      if (!matches('app.help', native) && !matches('app.screen', native)) e.stopPropagation();
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    // Edits queue (usePageEdits): a key pressed while the page is busy is done after, never dropped.
    // Only a crop waits for a still image: its box is drawn on what is shown.
    if (busy && id === 'pages.crop') return;
    const right = e.key === 'ArrowRight';
    switch (id) {
      case 'pages.close':
        if (cropping) cancelCrop();
        else if (confirmDelete) setConfirmDelete(false);
        else onClose();
        break;
      case 'pages.undo':
        if (steps?.canUndo || busy) void edit({ kind: 'undo' }); // busy: a queued edit will make it undoable
        break;
      case 'pages.move':
        if (right ? n < last : n > 1) void edit({ kind: 'move', toSeq: right ? n + 1 : n - 1 });
        break;
      case 'pages.browse': {
        const other = pages[index + (right ? 1 : -1)];
        if (other) onSelect(other.id);
        break;
      }
      case 'pages.rotate':
        void edit({ kind: 'rotate', quarterTurns: e.key === '[' ? 3 : 1 });
        break;
      case 'pages.crop':
        if (cropping) cancelCrop();
        else startCrop();
        break;
      case 'pages.revert':
        if (busy || (steps && !steps.atCapture)) void edit({ kind: 'revert' });
        break;
      case 'pages.delete':
        remove();
        break;
      case 'pages.rescan':
        if (onRescanHere) onRescanHere(n);
        break;
    }
  };

  const keyOf = (id: ShortcutId) => SHORTCUTS[id].keys;
  return (
    <div className="dialog-backdrop page-review-backdrop">
      <div ref={box} className="page-review" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKey} aria-busy={busy}>
        <header className="page-review-head">
          <button type="button" className="review-btn quiet" disabled={index <= 0} onClick={() => onSelect(pages[index - 1]!.id)} aria-label={t('reviewPrevious')} title={`${t('reviewPrevious')} (←)`}>
            ←
          </button>
          <h2 id={titleId}>{t('reviewTitle', { n, count: last })}</h2>
          <button type="button" className="review-btn quiet" disabled={index >= last - 1} onClick={() => onSelect(pages[index + 1]!.id)} aria-label={t('reviewNext')} title={`${t('reviewNext')} (→)`}>
            →
          </button>
          <span className="page-review-status muted" aria-live="polite">
            {page.blank && <strong className="blank-mark">{t('reviewBlank')} · </strong>}
            {busy ? t('reviewWorking') : steps ? [automaticSummary(t, lang, steps), steps.handInForce.length > 0 ? t('reviewHandSteps', { count: steps.handInForce.length }) : null, steps.atCapture ? t('reviewAtCapture') : null].filter(Boolean).join(' · ') : ''}
          </span>
          <button type="button" className="review-btn quiet" onClick={onClose} aria-keyshortcuts="Escape">
            {t('reviewClose')}
          </button>
        </header>
        {error && <ErrorBanner error={error} onDismiss={clearError} />}
        <div className="page-review-panes">
          <figure className="page-review-pane">
            <figcaption>{steps && !steps.hasOriginal ? t('reviewBeforeSame') : t('reviewBefore')}</figcaption>
            <div className="page-review-image">
              <img src={pageImageUrl(page.id, 'original', page.sha256)} alt={t('reviewBeforeAlt', { n })} draggable={false} />
            </div>
          </figure>
          <figure className="page-review-pane">
            <figcaption>{t('reviewAfter')}</figcaption>
            <div className="page-review-image">
              <div className="page-review-turn" style={pendingTurn !== 0 && !cropping ? { transform: `rotate(${pendingTurn}deg)` } : undefined}>
              <CropFrame
                key={`${page.sha256}-${cropRound}`}
                src={pageImageUrl(page.id, 'image', page.sha256)}
                alt={t('reviewAfterAlt', { n })}
                widthPx={page.widthPx}
                heightPx={page.heightPx}
                cropping={cropping}
                onDragStart={() => {
                  if (!cropping) setCropping(true);
                  setCropTooSmall(false);
                  setCropRedraw(false);
                }}
                onBox={setCrop}
              />
              </div>
            </div>
          </figure>
        </div>
        {cropping && (
          <p className={cropTooSmall || cropRedraw ? 'notice warn' : 'notice'} role="status">
            {cropTooSmall ? t('reviewCropTooSmall') : cropRedraw ? t('reviewCropRedraw') : t('reviewCropHint')}
          </p>
        )}
        <div className="page-review-actions" role="toolbar" aria-label={t('reviewActions')}>
          <button type="button" className="review-btn" onClick={() => void edit({ kind: 'rotate', quarterTurns: 3 })} aria-keyshortcuts="[">
            ⟲ {t('reviewRotateLeft')} <kbd>[</kbd>
          </button>
          <button type="button" className="review-btn" onClick={() => void edit({ kind: 'rotate', quarterTurns: 1 })} aria-keyshortcuts="]">
            ⟳ {t('reviewRotateRight')} <kbd>]</kbd>
          </button>
          {cropping ? (
            <>
              <button type="button" className="review-btn primary" disabled={busy || !crop} onClick={applyCrop} aria-keyshortcuts="Enter">
                {t('reviewCropApply')} <kbd>Enter</kbd>
              </button>
              <button type="button" className="review-btn quiet" onClick={cancelCrop} aria-keyshortcuts="Escape">
                {t('reviewCropCancel')} <kbd>Esc</kbd>
              </button>
            </>
          ) : (
            <button type="button" className="review-btn" disabled={busy} onClick={startCrop} aria-keyshortcuts="C">
              ✂ {t('reviewCrop')} <kbd>{keyOf('pages.crop')}</kbd>
            </button>
          )}
          <button type="button" className="review-btn" disabled={!steps?.canUndo && !busy} onClick={() => void edit({ kind: 'undo' })} aria-keyshortcuts="Control+Z">
            ↶ {t('reviewUndo')} <kbd>{keyOf('pages.undo')}</kbd>
          </button>
          <button type="button" className="review-btn" disabled={!busy && (!steps || steps.atCapture)} onClick={() => void edit({ kind: 'revert' })} aria-keyshortcuts="G">
            {t('reviewRevert')} <kbd>{keyOf('pages.revert')}</kbd>
          </button>
          <span className="page-review-gap" />
          <button type="button" className="review-btn quiet" disabled={n <= 1} onClick={() => void edit({ kind: 'move', toSeq: n - 1 })} aria-keyshortcuts="Alt+ArrowLeft">
            {t('reviewMoveEarlier')} <kbd>Alt+←</kbd>
          </button>
          <button type="button" className="review-btn quiet" disabled={n >= last} onClick={() => void edit({ kind: 'move', toSeq: n + 1 })} aria-keyshortcuts="Alt+ArrowRight">
            {t('reviewMoveLater')} <kbd>Alt+→</kbd>
          </button>
          {onRescanHere && (
            <button type="button" className="review-btn quiet" onClick={() => onRescanHere(n)} aria-keyshortcuts="Q">
              {t('reviewRescanHere')} <kbd>{keyOf('pages.rescan')}</kbd>
            </button>
          )}
          <button type="button" className={confirmDelete ? 'review-btn danger' : 'review-btn quiet'} onClick={remove} aria-keyshortcuts="Delete">
            {confirmDelete ? t('reviewDeleteConfirm', { n }) : t('reviewDelete')} <kbd>{keyOf('pages.delete')}</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
