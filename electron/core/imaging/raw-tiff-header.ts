// The head of an uncompressed, 8-bit, strip-contiguous TIFF (little-endian, grey or RGB) whose pixel
// rows follow it — the very form the scan workers write (native/common/tiff_writer.c). Its writers
// know the size before the first row, so the whole directory goes first and the rows are written
// band by band after it, the image never held whole: the assembled large sheet
// (stitching/sheet-tiff.ts) and a PDF page rendered in bands (pdf-engine/portable-worker.ts).
// Returned as many bytes as the rows start at.

/** About 256 KB a strip, as the scan worker does: libvips then reads a band without the whole page. */
const TARGET_STRIP_BYTES = 256 * 1024;
/** Leave room below 4 GiB (TIFF offsets are 32-bit). */
const MAX_FILE_BYTES = 0xf0000000;

export function rawTiffHeader(width: number, height: number, channels: 1 | 3, dpi: number): Buffer {
  const rowBytes = width * channels;
  const rowsPerStrip = Math.max(1, Math.min(height, Math.floor(TARGET_STRIP_BYTES / rowBytes)));
  const strips = Math.ceil(height / rowsPerStrip);
  const IFD = 8;
  const COUNT = 13;
  const afterIfd = IFD + 2 + COUNT * 12 + 4;
  const bps = afterIfd; // 3 shorts (RGB), padded to 8
  const xres = bps + 8;
  const yres = xres + 8;
  const offsetsAt = yres + 8;
  const countsAt = offsetsAt + strips * 4;
  const data = countsAt + strips * 4;
  if (data + rowBytes * height > MAX_FILE_BYTES) throw new RangeError(`a ${width} × ${height} image is beyond a TIFF's 4 GiB`);
  const head = Buffer.alloc(data);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(IFD, 4);
  head.writeUInt16LE(COUNT, IFD);
  const one = strips === 1;
  const entries: [tag: number, type: number, count: number, value: number][] = [
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, channels, channels === 1 ? 8 : bps],
    [259, 3, 1, 1], // no compression
    [262, 3, 1, channels === 1 ? 1 : 2], // min-is-black grey, or RGB
    [273, 4, strips, one ? data : offsetsAt],
    [277, 3, 1, channels],
    [278, 4, 1, rowsPerStrip],
    [279, 4, strips, one ? rowBytes * height : countsAt],
    [282, 5, 1, xres],
    [283, 5, 1, yres],
    [284, 3, 1, 1], // chunky samples
    [296, 3, 1, 2], // inches
  ];
  entries.forEach(([tag, type, count, value], i) => {
    const at = IFD + 2 + i * 12;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(count, at + 4);
    if (type === 3 && count === 1) head.writeUInt16LE(value, at + 8);
    else head.writeUInt32LE(value, at + 8);
  });
  head.writeUInt32LE(0, IFD + 2 + COUNT * 12); // no next directory
  for (let i = 0; i < 3; i++) head.writeUInt16LE(8, bps + i * 2);
  // Resolution as a rational in hundredths of a dot per inch.
  const dpiNum = Math.round(dpi * 100);
  head.writeUInt32LE(dpiNum, xres);
  head.writeUInt32LE(100, xres + 4);
  head.writeUInt32LE(dpiNum, yres);
  head.writeUInt32LE(100, yres + 4);
  for (let s = 0; s < strips; s++) {
    const rows = Math.min(rowsPerStrip, height - s * rowsPerStrip);
    head.writeUInt32LE(data + s * rowsPerStrip * rowBytes, offsetsAt + s * 4);
    head.writeUInt32LE(rows * rowBytes, countsAt + s * 4);
  }
  return head;
}
