// The parts at the refinement's resolution, for cutting overlap windows from. Reading a window
// straight from the file decodes the part down to the window's last row every time (an A3 part at
// 300 dpi is 17 Mpx of PNG); a pair reads two windows, and a part takes part in several pairs. So
// whole grey copies at the refinement's scale are kept, the most recently used first, within a
// byte budget (an A0 from an A3 glass at 200 dpi: 16 × 7.7 MB); a part larger than the budget is
// read window by window from its file.
import sharp from 'sharp';
import { type GreyImage, type PartFacts, type PartWindow, greyCopy, scaledSize } from './part-copies';
import type { PartImage } from './types';

export class RefineCopies {
  private readonly kept = new Map<number, GreyImage>();
  private bytes = 0;

  constructor(
    private readonly parts: readonly PartImage[],
    private readonly facts: readonly PartFacts[],
    readonly scale: number,
    private readonly budgetBytes = 128 * 1024 * 1024,
  ) {}

  /** Part k's window (in part pixels), at the refinement's scale. */
  async window(k: number, w: PartWindow): Promise<GreyImage> {
    const size = scaledSize(this.facts[k]!, this.scale);
    if (size.width * size.height > this.budgetBytes) return greyCopy(this.parts[k]!, this.facts[k]!, this.scale, w);
    const whole = await this.whole(k);
    // The copy pixels that cover the window (whole pixels of the copy, so the scale is the copy's).
    const x0 = Math.max(0, Math.floor(w.left * whole.scaleX));
    const y0 = Math.max(0, Math.floor(w.top * whole.scaleY));
    const x1 = Math.min(whole.width, Math.ceil((w.left + w.width) * whole.scaleX));
    const y1 = Math.min(whole.height, Math.ceil((w.top + w.height) * whole.scaleY));
    const width = x1 - x0;
    const height = y1 - y0;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) data.set(whole.data.subarray((y0 + y) * whole.width + x0, (y0 + y) * whole.width + x1), y * width);
    return { width, height, data, scaleX: whole.scaleX, scaleY: whole.scaleY, originX: x0 / whole.scaleX, originY: y0 / whole.scaleY };
  }

  /**
   * Part k at `scale` (< this.scale), made from its kept refinement copy when there is one, so
   * that the file is decoded once for both the features and the refinement.
   */
  async reduced(k: number, scale: number): Promise<GreyImage> {
    const size = scaledSize(this.facts[k]!, this.scale);
    if (size.width * size.height > this.budgetBytes) return greyCopy(this.parts[k]!, this.facts[k]!, scale);
    const whole = await this.whole(k);
    const target = scaledSize(this.facts[k]!, scale);
    const { data, info } = await sharp(whole.data, { raw: { width: whole.width, height: whole.height, channels: 1 } })
      .resize(target.width, target.height, { fit: 'fill', kernel: 'lanczos3' })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), scaleX: target.width / this.facts[k]!.widthPx, scaleY: target.height / this.facts[k]!.heightPx, originX: 0, originY: 0 };
  }

  private async whole(k: number): Promise<GreyImage> {
    const hit = this.kept.get(k);
    if (hit) {
      this.kept.delete(k); // most recently used goes last
      this.kept.set(k, hit);
      return hit;
    }
    const copy = await greyCopy(this.parts[k]!, this.facts[k]!, this.scale);
    this.bytes += copy.data.byteLength;
    this.kept.set(k, copy);
    for (const [key, old] of this.kept) {
      if (this.bytes <= this.budgetBytes || key === k) break;
      this.kept.delete(key);
      this.bytes -= old.data.byteLength;
    }
    return copy;
  }
}
