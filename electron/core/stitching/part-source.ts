// A part's pixels as the composition reads them: bands of whole rows straight from the file. A
// scanned part is the worker's plain TIFF (uncompressed, strips one after another), whose rows are
// read where they lie — no decoder, and only the rows a band of the sheet needs. Any other file (an
// imported JPEG or PNG, a compressed TIFF) is first copied once into that form in the work folder:
// a compressed file would be decoded from its start for every band.
import { type FileHandle, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { StationError, errorMessage } from '../errors';
import { plainTiff } from '../capture/raw-capture';
import { MAX_INPUT_PIXELS } from '../imaging/page-encoder';
import type { PartImage } from './types';

export class PartSource {
  private reused: Buffer | null = null;

  private constructor(
    readonly part: PartImage,
    readonly width: number,
    readonly height: number,
    readonly channels: 1 | 3,
    private readonly fh: FileHandle,
    private readonly dataStart: number,
    private readonly copy: string | null,
  ) {}

  /** Opens a part, copying it into a plain TIFF in `workDir` if it is not one. */
  static async open(part: PartImage, workDir: string): Promise<PartSource> {
    let copy: string | null = null;
    try {
      let layout = await plainTiff(part.path).catch(() => null);
      if (!layout) {
        copy = join(workDir, `part-${part.index}-${process.pid}-${Math.random().toString(36).slice(2)}.tif`);
        const meta = await sharp(part.path, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
        const colour = (meta.channels ?? 1) >= 3 && meta.space !== 'b-w';
        await sharp(part.path, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true })
          .autoOrient()
          .flatten({ background: '#ffffff' })
          .toColourspace(colour ? 'srgb' : 'b-w')
          .tiff({ compression: 'none' })
          .toFile(copy);
        layout = await plainTiff(copy);
        if (!layout) throw new Error('the part could not be read as plain rows');
      }
      const fh = await open(copy ?? part.path, 'r');
      return new PartSource(part, layout.width, layout.height, layout.channels, fh, layout.dataStart, copy);
    } catch (e) {
      if (copy) await rm(copy, { force: true });
      throw partUnreadable(part, e);
    }
  }

  /** Rows [top, top + rows) of the whole width, `channels` bytes a pixel — in a buffer this
   * source reuses: valid until its next call (one band at a time; a fresh 15 MB buffer per part and
   * band left the garbage collector hundreds of megabytes behind on an A0 sheet). */
  async rows(top: number, rows: number): Promise<Buffer> {
    const rowBytes = this.width * this.channels;
    if (!this.reused || this.reused.length < rows * rowBytes) this.reused = Buffer.allocUnsafe(rows * rowBytes);
    const buffer = this.reused.subarray(0, rows * rowBytes);
    let done = 0;
    try {
      while (done < buffer.length) {
        const { bytesRead } = await this.fh.read(buffer, done, buffer.length - done, this.dataStart + top * rowBytes + done);
        if (bytesRead === 0) throw new Error('the file ends before its last row');
        done += bytesRead;
      }
    } catch (e) {
      throw partUnreadable(this.part, e);
    }
    return buffer;
  }

  /** Lets go of the band buffer (the part is behind the bands being made). */
  release(): void {
    this.reused = null;
  }

  /** A small grey copy, `width` × `height` pixels (the placement, exposure and seams work on these). */
  async reducedGrey(width: number, height: number): Promise<Uint8Array> {
    try {
      const { data } = await sharp(this.copy ?? this.part.path, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true })
        .resize(width, height, { fit: 'fill' })
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return data;
    } catch (e) {
      throw partUnreadable(this.part, e);
    }
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    if (this.copy) await rm(this.copy, { force: true });
  }
}

export function partUnreadable(part: PartImage, e: unknown): StationError {
  if (e instanceof StationError) return e;
  return new StationError('stitch-part-unreadable', { part: part.index + 1, file: part.path, detail: errorMessage(e) }, { cause: e });
}
