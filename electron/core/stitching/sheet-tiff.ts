// The assembled sheet's file: an uncompressed, 8-bit, strip-contiguous TIFF — the very form the scan
// workers write (native/common/tiff_writer.c), so the page enters the capture path as a raw capture
// would (capture/raw-capture.ts reads its rows as they stream; the imaging pipeline reads it in
// strips). The size is known before the first row, so the whole directory goes first and the rows
// are written band by band after it: the sheet is never held whole (A0 at 300 dpi is 420 MB).
import { type FileHandle, open } from 'node:fs/promises';
import { rawTiffHeader } from '../imaging/raw-tiff-header';

/** Writes the sheet's rows in order, band by band. */
export class SheetTiffWriter {
  private rowsWritten = 0;
  private position: number;

  private constructor(
    private readonly fh: FileHandle,
    private readonly rowBytes: number,
    private readonly height: number,
    headerBytes: number,
  ) {
    this.position = headerBytes;
  }

  static async create(file: string, width: number, height: number, channels: 1 | 3, dpi: number): Promise<SheetTiffWriter> {
    const head = rawTiffHeader(width, height, channels, dpi);
    const fh = await open(file, 'w');
    try {
      await fh.write(head, 0, head.length, 0);
    } catch (e) {
      await fh.close();
      throw e;
    }
    return new SheetTiffWriter(fh, width * channels, height, head.length);
  }

  /** `rows` whole rows, continuing where the last band ended. */
  async writeRows(band: Uint8Array, rows: number): Promise<void> {
    if (this.rowsWritten + rows > this.height) throw new RangeError('more rows than the sheet has');
    const bytes = rows * this.rowBytes;
    let done = 0;
    while (done < bytes) {
      const { bytesWritten } = await this.fh.write(band, done, bytes - done, this.position + done);
      done += bytesWritten;
    }
    this.position += bytes;
    this.rowsWritten += rows;
  }

  async close(): Promise<void> {
    try {
      if (this.rowsWritten !== this.height) throw new Error(`the sheet has ${this.rowsWritten} of its ${this.height} rows`);
      await this.fh.sync();
    } finally {
      await this.fh.close();
    }
  }

  /** Closes without the checks (a failed composition; the caller removes the file). */
  async abandon(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}
