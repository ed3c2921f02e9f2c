// Who may start an engine run now: one run per core (one core fewer while the counter's own work
// — a scan, the imaging pool — is running, so that recognition never delays it), and no more
// pixels in flight than the memory budget (a run larger than the whole budget runs alone).
import { StationError } from '../errors';

export interface SlotLimits {
  /** Engine runs at once at most (the cores). */
  readonly concurrency: number;
  /** Whether the counter's own work is running: recognition then leaves it a core. */
  readonly busy?: () => boolean;
  /** Pixels that the runs in flight may hold between them. */
  readonly pixelBudget?: number;
}

/** About 10 bytes a pixel in tesseract: 40 Mpx in flight is some 450 MB, where an A0's 140 Mpx
 * recognised whole took 1.5 GB. Four A4 pages at 300 dpi at once, or two bands of an A0. */
export const DEFAULT_PIXEL_BUDGET = 40e6;
/** The bytes a pixel that DEFAULT_PIXEL_BUDGET and the bands (bands.ts) are set for. */
export const NATIVE_BYTES_PER_PIXEL = 10;
/** While the counter is busy, waiting runs look again this often (its work ending wakes no one). */
const BUSY_RECHECK_MS = 250;

export class OcrSlots {
  private active = 0;
  private activePixels = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly limits: SlotLimits,
    private readonly signal?: AbortSignal,
  ) {}

  /** Runs `work` once a run of `pixels` is admitted; rejects with `cancelled` once stopped. */
  readonly run = async <T>(pixels: number, work: () => Promise<T>): Promise<T> => {
    while (!this.admits(pixels)) {
      if (this.signal?.aborted) throw new StationError('cancelled');
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        if (this.limits.busy?.()) setTimeout(resolve, BUSY_RECHECK_MS).unref();
      });
    }
    this.active++;
    this.activePixels += pixels;
    try {
      if (this.signal?.aborted) throw new StationError('cancelled');
      return await work();
    } finally {
      this.active--;
      this.activePixels -= pixels;
      this.wake();
    }
  };

  /** Every waiter looks again (a small run may fit where a large one did not; or we stopped). */
  wake(): void {
    for (const release of this.waiting.splice(0)) release();
  }

  private admits(pixels: number): boolean {
    const cores = this.limits.busy?.() ? Math.max(1, this.limits.concurrency - 1) : this.limits.concurrency;
    if (this.active >= cores) return false;
    return this.active === 0 || this.activePixels + pixels <= (this.limits.pixelBudget ?? DEFAULT_PIXEL_BUDGET);
  }
}
