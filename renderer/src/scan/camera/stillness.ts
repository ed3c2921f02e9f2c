// When to take a page by itself (issue 19: one-hand page turning): the officer turns the page and
// takes the hand away; once the picture has been still for about a second AFTER a change, the page
// is taken — once. Frame difference on small grey frames (64 × 48 is enough to see a hand or a
// page turn, and cheap at 10 frames a second): a pixel "moved" when its grey level changed by more
// than PIXEL_STEP, a frame moved when more than MOVED_SHARE of its pixels did. Camera noise and
// auto-exposure drift stay under both. A still picture is taken only if it differs from the one
// taken last (or seen when the mode was turned on): a hand that passes over without turning the
// page takes nothing twice. Pure: fed frames and times, it answers what to do.

/** Grey levels (0–255) a pixel must change by to count as moved. */
const PIXEL_STEP = 24;
/** Share of pixels that must move between two frames for the picture to be moving. */
const MOVED_SHARE = 0.01;
/** Share of pixels that must differ from the last page taken for the still picture to be a new page. */
const NEW_PAGE_SHARE = 0.015;
/** How long the picture must stay still after a change (ms). */
export const STILL_MS = 1000;
/** A camera sends fewer frames than the picture is looked at: two looks at one frame are "still"
 * between two frames of a moving hand. The state says moving until this long after the last
 * motion, so that the screen does not flicker (the stillness itself is still counted from the
 * first still look). */
const MOVING_HOLD_MS = 400;

export type Stillness = 'moving' | 'settling' | 'taken' | 'take';

function movedShare(a: Uint8Array, b: Uint8Array): number {
  let moved = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (Math.abs(a[i]! - b[i]!) > PIXEL_STEP) moved++;
  return n === 0 ? 0 : moved / n;
}

export class StillnessWatch {
  private previous: Uint8Array | null = null;
  /** The picture last taken (or the first one seen): a still picture like it is not a new page. */
  private reference: Uint8Array | null = null;
  private stillSince: number | null = null;
  private changed = false;
  private movedAt = -Infinity;

  /** A page was just taken by hand (a key): the picture now is the one taken. */
  taken(frame: Uint8Array | null): void {
    if (frame) this.reference = frame;
    this.changed = false;
  }

  /** One small grey frame at time `now` (ms): 'take' exactly once per still new page. */
  feed(frame: Uint8Array, now: number): Stillness {
    const previous = this.previous;
    this.previous = frame;
    if (!previous || !this.reference) {
      this.reference ??= frame;
      this.stillSince = now;
      return 'taken';
    }
    if (movedShare(previous, frame) > MOVED_SHARE) {
      this.stillSince = null;
      this.changed = true;
      this.movedAt = now;
      return 'moving';
    }
    this.stillSince ??= now;
    if (!this.changed) return 'taken';
    if (now - this.stillSince < STILL_MS) return now - this.movedAt < MOVING_HOLD_MS ? 'moving' : 'settling';
    // Still long enough after a change: a new page, or the same one back (the hand only passed).
    this.changed = false;
    if (movedShare(this.reference, frame) <= NEW_PAGE_SHARE) return 'taken';
    this.reference = frame;
    return 'take';
  }
}
