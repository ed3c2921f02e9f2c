// Which pages of the grid are selected, as a file manager does it: a click selects one page,
// Ctrl+click adds or removes one, Shift+click takes the range from the last page clicked, the
// arrows move with the selection (Shift extends it, Ctrl moves only the focus), Ctrl+A takes all.
// Pure functions of the page list, so that pages arriving or leaving never leave a ghost selected.
import type { PageInfo } from '../../../electron/contract';

export interface Selection {
  readonly ids: ReadonlySet<string>;
  /** Where a Shift range starts. */
  readonly anchor: string | null;
  /** The page the keyboard is on. */
  readonly focus: string | null;
}

export const NO_SELECTION: Selection = { ids: new Set(), anchor: null, focus: null };

export interface Modifiers {
  readonly ctrl: boolean;
  readonly shift: boolean;
}

function range(pages: readonly PageInfo[], from: string, to: string): string[] {
  const a = pages.findIndex((p) => p.id === from), b = pages.findIndex((p) => p.id === to);
  if (a < 0 || b < 0) return [to];
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return pages.slice(lo, hi + 1).map((p) => p.id);
}

export function clicked(sel: Selection, pages: readonly PageInfo[], id: string, mods: Modifiers): Selection {
  if (mods.shift) {
    const anchor = sel.anchor ?? sel.focus ?? id;
    const ids = new Set(mods.ctrl ? [...sel.ids, ...range(pages, anchor, id)] : range(pages, anchor, id));
    return { ids, anchor, focus: id };
  }
  if (mods.ctrl) {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id, focus: id };
  }
  return { ids: new Set([id]), anchor: id, focus: id };
}

export function allOf(pages: readonly PageInfo[], sel: Selection): Selection {
  return { ids: new Set(pages.map((p) => p.id)), anchor: pages[0]?.id ?? null, focus: sel.focus ?? pages[0]?.id ?? null };
}

/** The focus moved by `delta` pages (clamped): plain selects the page reached, Shift extends the
 * range from the anchor, Ctrl moves the focus alone (Space then toggles the page). */
export function stepped(sel: Selection, pages: readonly PageInfo[], delta: number, mods: Modifiers): Selection {
  if (pages.length === 0) return NO_SELECTION;
  const at = sel.focus ? pages.findIndex((p) => p.id === sel.focus) : -1;
  const next = pages[Math.min(pages.length - 1, Math.max(0, at < 0 ? 0 : at + delta))]!.id;
  if (mods.ctrl && !mods.shift) return { ...sel, focus: next };
  if (mods.shift) return clicked(sel, pages, next, { ctrl: false, shift: true });
  return clicked(sel, pages, next, { ctrl: false, shift: false });
}

/** Without the pages that are gone (deleted, replaced by their processing). */
export function pruned(sel: Selection, pages: readonly PageInfo[]): Selection {
  const present = new Set(pages.map((p) => p.id));
  const ids = [...sel.ids].filter((id) => present.has(id));
  const keep = (id: string | null) => (id !== null && present.has(id) ? id : null);
  if (ids.length === sel.ids.size && keep(sel.anchor) === sel.anchor && keep(sel.focus) === sel.focus) return sel;
  return { ids: new Set(ids), anchor: keep(sel.anchor), focus: keep(sel.focus) ?? ids[0] ?? null };
}

/** The selected ids in page order. */
export function inOrder(sel: Selection, pages: readonly PageInfo[]): string[] {
  return pages.filter((p) => sel.ids.has(p.id)).map((p) => p.id);
}

/** Where a keyboard move of the selection one place earlier (-1) or later (+1) puts it, as the
 * toSeq of pages.batch (before the page now there); null when it cannot move that way. */
export function oneStep(sel: Selection, pages: readonly PageInfo[], direction: -1 | 1): number | null {
  const seqs = pages.filter((p) => sel.ids.has(p.id)).map((p) => p.seq);
  if (seqs.length === 0) return null;
  const first = Math.min(...seqs), last = Math.max(...seqs);
  if (direction < 0) return first > 1 ? first - 1 : null;
  return last < pages.length ? last + 2 : null;
}
