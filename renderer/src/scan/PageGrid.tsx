import { useLayoutEffect, useRef, useState } from 'react';
import { type PageInfo, formatNumber } from '../../../electron/contract';
import { pageImageUrl } from '../client/client';
import { useI18n } from '../i18n';
import { matches } from '../shortcuts/registry';
import { type Selection, allOf, clicked, inOrder, oneStep, stepped } from './pageSelection';
import type { PageEdits } from './usePageEdits';

/** Smallest column and the gap between thumbnails, in CSS px (the grid fills the width). */
const MIN_COLUMN = 132;
const GAP = 12;
/** The page number under each thumbnail. */
const LABEL_HEIGHT = 20;
/** Rows rendered above and below the visible ones, so a fast scroll never shows holes. */
const OVERSCAN_ROWS = 2;
/** Before the first measurement (or where nothing bounds the grid's height) this many are drawn. */
const UNMEASURED_PAGES = 60;

interface Viewport {
  readonly width: number;
  readonly height: number;
  readonly top: number;
}

/** The scan screen's editing of the grid: a selection, and the queued edits it is given to. */
export interface PageGridEditing {
  readonly selection: Selection;
  readonly onSelection: (s: Selection) => void;
  readonly edits: PageEdits;
  /** Asks before deleting (the toolbar's two-step confirmation). */
  readonly onDeleteAsked: () => void;
}

/**
 * Thumbnails of a document's pages, loaded by id from the station (never base64), virtualised:
 * an archive stack has thousands of pages, and only the rows in view (plus a margin) are in the
 * DOM, so scrolling stays smooth and memory flat. The list keeps its semantics for screen
 * readers (aria-setsize / aria-posinset on each item). While pages arrive, a grid scrolled to its
 * end follows the newest page.
 *
 * With `editing` (the scan screen), pages are selected as in a file manager (click, Ctrl/Shift+
 * click, Ctrl+A, the arrows with Shift or Ctrl, Space), opened with a double click or Enter,
 * dragged to a new place (the selection moves together), and turned, moved (Alt+←/→) and deleted
 * by key. Without it (intake), a click opens the page as before.
 */
export function PageGrid({ pages, onOpen, editing }: { pages: readonly PageInfo[]; onOpen?: (pageId: string) => void; editing?: PageGridEditing }) {
  const { t, lang } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<Viewport>({ width: 0, height: 0, top: 0 });
  const followEnd = useRef(true);
  /** Where the grid last scrolled itself to follow a new page (null once the person scrolls). */
  const followedTo = useRef<number | null>(null);
  /** Where a drag would drop the pages: before this index (pages.length: at the end). */
  const [dropAt, setDropAt] = useState<number | null>(null);
  const dragged = useRef<string[] | null>(null);
  /** The keyboard moved the focus: the page's button takes it once drawn. */
  const focusWanted = useRef(false);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ width: el.clientWidth, height: el.clientHeight, top: el.scrollTop });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !followEnd.current) return;
    el.scrollTop = el.scrollHeight;
    followedTo.current = el.scrollTop;
  }, [pages.length]);

  const measured = view.width > 0 && view.height > 0;
  const columns = measured ? Math.max(1, Math.floor((view.width + GAP) / (MIN_COLUMN + GAP))) : 1;
  const columnWidth = measured ? (view.width - GAP * (columns - 1)) / columns : MIN_COLUMN;
  const rowHeight = columnWidth * (297 / 210) + LABEL_HEIGHT + GAP;
  const rows = Math.ceil(pages.length / columns);
  const firstRow = measured ? Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN_ROWS) : 0;
  const endRow = measured ? Math.min(rows, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN_ROWS) : Math.ceil(UNMEASURED_PAGES / columns);
  const shown = pages.slice(firstRow * columns, endRow * columns);
  const selection = editing?.selection;
  const focusId = selection?.focus ?? null;
  // One tab stop in the grid: the keyboard's page, or the first page drawn when it is scrolled away.
  const tabStop = shown.some((p) => p.id === focusId) ? focusId : (shown[0]?.id ?? null);

  // The keyboard's page in view, then focused (it may have been outside the rows drawn).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !focusWanted.current || !focusId) return;
    const index = pages.findIndex((p) => p.id === focusId);
    if (index < 0) return;
    const top = Math.floor(index / columns) * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    const button = el.querySelector<HTMLButtonElement>(`[data-page-id="${focusId}"] button`);
    if (button) {
      focusWanted.current = false;
      button.focus();
    }
  });

  const select = (s: Selection, focus = false) => {
    focusWanted.current = focus;
    editing?.onSelection(s);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!editing || !selection) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const mods = { ctrl, shift: e.shiftKey };
    const native = e.nativeEvent;
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns, Home: -pages.length, End: pages.length };
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (matches('grid.move', native)) {
      const toSeq = oneStep(selection, pages, e.key === 'ArrowLeft' ? -1 : 1);
      if (toSeq !== null) void editing.edits.move(inOrder(selection, pages), toSeq);
      handled();
    } else if (e.key in steps && !e.altKey) {
      select(stepped(selection, pages, steps[e.key]!, mods), true);
      handled();
    } else if (matches('grid.select-all', native)) {
      select(allOf(pages, selection));
      handled();
    } else if (matches('grid.toggle', native) && selection.focus) {
      select(clicked(selection, pages, selection.focus, { ctrl: true, shift: false }));
      handled();
    } else if (matches('grid.rotate', native)) {
      void editing.edits.rotate(inOrder(selection, pages), e.key === '[' ? 3 : 1);
      handled();
    } else if (matches('grid.delete', native) && selection.ids.size > 0) {
      editing.onDeleteAsked();
      handled();
    } else if (matches('grid.clear', native) && selection.ids.size > 0) {
      select({ ids: new Set(), anchor: null, focus: selection.focus });
      handled();
    }
  };

  /** Before which page index a drop at this point of a thumbnail goes (its left or right half). */
  const dropIndex = (e: React.DragEvent, index: number) => {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return e.clientX < box.left + box.width / 2 ? index : index + 1;
  };
  const drop = (at: number) => {
    const ids = dragged.current;
    dragged.current = null;
    setDropAt(null);
    if (!ids || !editing) return;
    // before the page now at index `at` (a moving page does not count: the core skips it)
    void editing.edits.move(ids, at + 1);
  };

  return (
    <div
      ref={scroller}
      className="page-grid-scroll"
      onKeyDown={editing ? onKeyDown : undefined}
      onScroll={(e) => {
        const el = e.currentTarget;
        // The scroll event of our own follow arrives after the frame, when more pages may have
        // made the list taller: judging "at the end" then would stop following a fast feeder.
        // Only a scroll to somewhere else is the person's, and decides.
        const ours = followedTo.current !== null && Math.abs(el.scrollTop - followedTo.current) < 1;
        if (!ours) {
          followedTo.current = null;
          followEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight / 2;
        }
        setView((v) => ({ ...v, top: el.scrollTop }));
      }}
    >
      <ol
        className={editing ? 'page-grid editing' : 'page-grid'}
        aria-label={t('scanPageCount', { count: formatNumber(pages.length, lang) })}
        style={
          measured
            ? { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, paddingTop: firstRow * rowHeight, height: Math.max(0, rows * rowHeight - GAP) }
            : undefined
        }
        onDragOver={editing ? (e) => e.preventDefault() : undefined}
        onDrop={editing ? (e) => (e.preventDefault(), drop(dropAt ?? pages.length)) : undefined}
      >
        {shown.map((p, i) => {
          const index = firstRow * columns + i;
          const selected = selection?.ids.has(p.id) ?? false;
          const turn = editing?.edits.pendingTurns.get(p.id) ?? 0;
          const image = (
            <img
              src={pageImageUrl(p.id, 'thumb', p.sha256)}
              alt={t('pageLabel', { n: p.seq })}
              loading="lazy"
              decoding="async"
              draggable={false}
              style={turn !== 0 ? { transform: `rotate(${turn}deg)` } : undefined}
            />
          );
          const classes = ['page-thumb', selected ? 'selected' : '', p.blank ? 'blank' : '', dropAt === index ? 'drop-before' : '', dropAt === index + 1 && index === pages.length - 1 ? 'drop-after' : ''].filter(Boolean).join(' ');
          return (
            <li
              key={p.id}
              className={classes}
              data-testid="page-thumb"
              data-page-id={p.id}
              aria-setsize={pages.length}
              aria-posinset={index + 1}
              style={measured ? { height: rowHeight - GAP } : undefined}
              draggable={!!editing}
              onDragStart={
                editing && selection
                  ? (e) => {
                      // the selection moves together when the page dragged is in it; else the page alone
                      const ids = selection.ids.has(p.id) ? inOrder(selection, pages) : [p.id];
                      if (!selection.ids.has(p.id)) select(clicked(selection, pages, p.id, { ctrl: false, shift: false }));
                      dragged.current = ids;
                      e.dataTransfer.effectAllowed = 'move';
                      e.dataTransfer.setData('text/plain', ids.join(' '));
                    }
                  : undefined
              }
              onDragOver={
                editing
                  ? (e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      const at = dropIndex(e, index);
                      if (at !== dropAt) setDropAt(at);
                    }
                  : undefined
              }
              onDrop={editing ? (e) => (e.preventDefault(), e.stopPropagation(), drop(dropIndex(e, index))) : undefined}
              onDragEnd={editing ? () => (setDropAt(null), (dragged.current = null)) : undefined}
            >
              {/* Where pages can be reviewed (before/after, rotate, crop…) the thumbnail is a button. */}
              {editing && selection ? (
                <button
                  type="button"
                  className="page-open"
                  aria-pressed={selected}
                  tabIndex={p.id === tabStop ? 0 : -1}
                  onClick={(e) => select(clicked(selection, pages, p.id, { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey }))}
                  onDoubleClick={() => onOpen?.(p.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.ctrlKey && !e.altKey && !e.shiftKey) {
                      e.preventDefault();
                      e.stopPropagation();
                      onOpen?.(p.id);
                    }
                  }}
                  onFocus={() => (selection.focus !== p.id ? editing.onSelection({ ...selection, focus: p.id }) : undefined)}
                  aria-label={t('reviewOpenPage', { n: p.seq })}
                >
                  {image}
                </button>
              ) : onOpen ? (
                <button type="button" className="page-open" onClick={() => onOpen(p.id)} aria-label={t('reviewOpenPage', { n: p.seq })}>
                  {image}
                </button>
              ) : (
                image
              )}
              <span className="page-number">
                {t('pageLabel', { n: p.seq })}
                {p.blank && (
                  <span className="blank-mark" title={t('pageBlankHint')}>
                    {' '}
                    · {t('pageBlank')}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
