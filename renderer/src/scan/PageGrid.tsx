import { useLayoutEffect, useRef, useState } from 'react';
import type { PageInfo } from '../../../electron/contract';
import { pageImageUrl } from '../client/client';
import { useI18n } from '../i18n';

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

/**
 * Thumbnails of a document's pages, loaded by id from the station (never base64), virtualised:
 * an archive stack has thousands of pages, and only the rows in view (plus a margin) are in the
 * DOM, so scrolling stays smooth and memory flat. The list keeps its semantics for screen
 * readers (aria-setsize / aria-posinset on each item). While pages arrive, a grid scrolled to its
 * end follows the newest page.
 */
export function PageGrid({ pages, onOpen }: { pages: readonly PageInfo[]; onOpen?: (pageId: string) => void }) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<Viewport>({ width: 0, height: 0, top: 0 });
  const followEnd = useRef(true);
  /** Where the grid last scrolled itself to follow a new page (null once the person scrolls). */
  const followedTo = useRef<number | null>(null);

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

  return (
    <div
      ref={scroller}
      className="page-grid-scroll"
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
        className="page-grid"
        aria-label={t('pagesScanned', { count: pages.length })}
        style={
          measured
            ? { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, paddingTop: firstRow * rowHeight, height: Math.max(0, rows * rowHeight - GAP) }
            : undefined
        }
      >
        {shown.map((p, i) => (
          <li
            key={p.id}
            className="page-thumb"
            data-testid="page-thumb"
            aria-setsize={pages.length}
            aria-posinset={firstRow * columns + i + 1}
            style={measured ? { height: rowHeight - GAP } : undefined}
          >
            {/* Where pages can be reviewed (before/after, rotate, crop…) the thumbnail is a button: Enter and a click open it. */}
            {onOpen ? (
              <button type="button" className="page-open" onClick={() => onOpen(p.id)} aria-label={t('reviewOpenPage', { n: p.seq })}>
                <img src={pageImageUrl(p.id, 'thumb', p.sha256)} alt={t('pageLabel', { n: p.seq })} loading="lazy" decoding="async" />
              </button>
            ) : (
              <img src={pageImageUrl(p.id, 'thumb', p.sha256)} alt={t('pageLabel', { n: p.seq })} loading="lazy" decoding="async" />
            )}
            <span className="page-number">{t('pageLabel', { n: p.seq })}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
