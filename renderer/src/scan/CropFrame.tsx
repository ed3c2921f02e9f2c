// The "after" image of the page review, with a crop box dragged on it. The box is kept in the
// image's displayed pixels and handed out in the page's own pixels (widthPx × heightPx), which
// the station checks again: inside the page, at least 32 px a side.
import { type PointerEvent, useRef, useState } from 'react';
import type { CropBox } from '../../../electron/contract';

interface Point {
  readonly x: number;
  readonly y: number;
}

export interface CropFrameProps {
  readonly src: string;
  readonly alt: string;
  readonly widthPx: number;
  readonly heightPx: number;
  /** Dragging draws a box (the review is in crop mode, or enters it on the first drag). */
  readonly cropping: boolean;
  readonly onDragStart: () => void;
  /** The box in page pixels, or null when none is drawn. */
  readonly onBox: (box: CropBox | null) => void;
}

export function CropFrame({ src, alt, widthPx, heightPx, cropping, onDragStart, onBox }: CropFrameProps) {
  const img = useRef<HTMLImageElement>(null);
  const [from, setFrom] = useState<Point | null>(null);
  const [to, setTo] = useState<Point | null>(null);
  // Where the drag began, held in a ref as well: a move or the release can arrive before React has
  // drawn the press (a busy counter PC), and must not be read from a render that missed it.
  const dragFrom = useRef<Point | null>(null);

  /** Where the picture is inside the image element (it fills its pane, the picture letterboxed
   * by object-fit: contain), relative to the element. */
  const picture = () => {
    const r = img.current!.getBoundingClientRect();
    const scale = Math.min(r.width / widthPx, r.height / heightPx);
    const width = widthPx * scale;
    const height = heightPx * scale;
    return { r, x: (r.width - width) / 2, y: (r.height - height) / 2, width, height };
  };

  /** A pointer position relative to the element, held inside the picture. */
  const at = (e: PointerEvent): Point => {
    const p = picture();
    return { x: Math.min(Math.max(p.x, e.clientX - p.r.left), p.x + p.width), y: Math.min(Math.max(p.y, e.clientY - p.r.top), p.y + p.height) };
  };

  const toPage = (a: Point, b: Point): CropBox => {
    const p = picture();
    const s = widthPx / p.width;
    const left = Math.round((Math.min(a.x, b.x) - p.x) * s);
    const top = Math.round((Math.min(a.y, b.y) - p.y) * s);
    return {
      left,
      top,
      width: Math.min(widthPx - left, Math.round(Math.abs(b.x - a.x) * s)),
      height: Math.min(heightPx - top, Math.round(Math.abs(b.y - a.y) * s)),
    };
  };

  const shown = cropping && from && to ? { left: Math.min(from.x, to.x), top: Math.min(from.y, to.y), width: Math.abs(to.x - from.x), height: Math.abs(to.y - from.y) } : null;

  return (
    <div
      className={cropping ? 'crop-frame cropping' : 'crop-frame'}
      data-testid="crop-frame"
      onPointerDown={(e) => {
        if (e.button !== 0 || !img.current) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        onDragStart();
        const p = at(e);
        dragFrom.current = p;
        setFrom(p);
        setTo(p);
        onBox(null);
      }}
      onPointerMove={(e) => {
        if (dragFrom.current) setTo(at(e));
      }}
      onPointerUp={(e) => {
        const start = dragFrom.current;
        if (!start) return;
        dragFrom.current = null;
        const end = at(e);
        setTo(end);
        onBox(toPage(start, end));
      }}
      onPointerCancel={() => {
        // The system took the pointer (a touch gesture, a dialog): the box as drawn so far stands.
        const start = dragFrom.current;
        dragFrom.current = null;
        if (start && to) onBox(toPage(start, to));
      }}
    >
      <img ref={img} src={src} alt={alt} draggable={false} />
      {shown && <div className="crop-box" data-testid="crop-box" style={{ left: shown.left, top: shown.top, width: shown.width, height: shown.height }} />}
    </div>
  );
}
