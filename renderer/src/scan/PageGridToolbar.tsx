// What can be done to the pages selected in the grid: turn them, delete them (asked twice), select
// all or none. The count says how many; the keys are the grid's own (the "?" overlay lists them).
import { type PageInfo, formatNumber } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { type Selection, NO_SELECTION, allOf, inOrder } from './pageSelection';
import type { PageEdits } from './usePageEdits';

export function PageGridToolbar(props: {
  pages: readonly PageInfo[];
  selection: Selection;
  onSelection: (s: Selection) => void;
  edits: PageEdits;
  confirmingDelete: boolean;
  onConfirmingDelete: (asking: boolean) => void;
  /** Nothing may change the pages now (a scan or a save is running). */
  disabled: boolean;
}) {
  const { t, lang } = useI18n();
  const n = (count: number) => formatNumber(count, lang);
  const { pages, selection, edits, disabled } = props;
  const chosen = inOrder(selection, pages);
  const none = chosen.length === 0;
  const blank = pages.filter((p) => p.blank).length;
  const remove = () => {
    if (!props.confirmingDelete) return props.onConfirmingDelete(true);
    props.onConfirmingDelete(false);
    props.onSelection(NO_SELECTION);
    void edits.remove(chosen);
  };
  return (
    <div className="grid-toolbar" role="toolbar" aria-label={t('gridActions')}>
      <span className="grid-count" aria-live="polite">
        {none ? t('gridNoneSelected') : t('gridSelected', { count: n(chosen.length) })}
        {blank > 0 && ' · '}
        {blank > 0 && (
          // the blank pages at once: usually a feeder's empty backs, deleted together
          <button type="button" className="link-button blank-count" onClick={() => props.onSelection({ ids: new Set(pages.filter((p) => p.blank).map((p) => p.id)), anchor: null, focus: pages.find((p) => p.blank)?.id ?? null })}>
            {t('gridBlankCount', { count: n(blank) })}
          </button>
        )}
        {edits.queued > 0 && <span className="muted"> · {t('gridWorking', { count: n(edits.queued) })}</span>}
      </span>
      <button type="button" className="link-button" onClick={() => props.onSelection(chosen.length === pages.length ? NO_SELECTION : allOf(pages, selection))} aria-keyshortcuts="Control+A">
        {chosen.length === pages.length && !none ? t('gridSelectNone') : t('gridSelectAll')}
      </button>
      <span className="grid-toolbar-gap" />
      <button type="button" className="review-btn" disabled={none || disabled} onClick={() => void edits.rotate(chosen, 3)} aria-keyshortcuts="[">
        ⟲ {t('reviewRotateLeft')}
      </button>
      <button type="button" className="review-btn" disabled={none || disabled} onClick={() => void edits.rotate(chosen, 1)} aria-keyshortcuts="]">
        ⟳ {t('reviewRotateRight')}
      </button>
      <button type="button" className={props.confirmingDelete ? 'review-btn danger' : 'review-btn'} disabled={none || disabled} onClick={remove} onBlur={() => props.onConfirmingDelete(false)} aria-keyshortcuts="Delete">
        {props.confirmingDelete ? t('gridDeleteConfirm', { count: n(chosen.length) }) : t('gridDelete')}
      </button>
    </div>
  );
}
