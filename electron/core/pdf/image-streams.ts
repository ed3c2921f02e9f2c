// Page images as PDF image streams, read straight from their files without decoding: a JPEG
// becomes a DCTDecode stream as it is; an 8-bit grey PNG's zlib data (its IDAT chunks) becomes a
// FlateDecode stream with the PNG predictors; a bilevel TIFF written as one CCITT G4 strip
// becomes a CCITTFaxDecode stream (its strip, unchanged). No pixel ever passes through JavaScript, and the
// bytes are copied from disk only while the PDF is written.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { type LoadedBody, deflatedIfSmaller } from './jpeg-flate';

export interface ImageStream {
  readonly width: number;
  readonly height: number;
  readonly colorSpace: 'DeviceRGB' | 'DeviceGray';
  readonly bitsPerComponent: number;
  readonly filter: 'DCTDecode' | 'FlateDecode' | 'CCITTFaxDecode';
  readonly decodeParms?: Readonly<Record<string, number | boolean>>;
  readonly length: number;
  /** The stream's bytes, as [offset, length] ranges of the file. */
  readonly ranges: readonly (readonly [number, number])[];
}

export class ImageFormatError extends Error {}

/** The first bytes of a file. Synchronous on purpose: a few kilobytes read in microseconds,
 * where three asynchronous round trips per page cost more than the page's whole share of work. */
function readHead(path: string, bytes: number): { head: Buffer; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(bytes, size));
    readSync(fd, head, 0, head.length, 0);
    return { head, size };
  } finally {
    closeSync(fd);
  }
}

/** A baseline or progressive JPEG's size and components, from its SOF marker (usually within the
 * first few kilobytes; large EXIF or ICC segments may push it further). */
export async function jpegStream(path: string): Promise<ImageStream> {
  for (const bytes of [16 * 1024, 1024 * 1024]) {
    const found = await findJpegFrame(path, bytes);
    if (found) return found;
  }
  throw new ImageFormatError(`${path}: no JPEG frame header found`);
}

async function findJpegFrame(path: string, bytes: number): Promise<ImageStream | null> {
  const { head, size } = readHead(path, bytes);
  if (head[0] !== 0xff || head[1] !== 0xd8) throw new ImageFormatError(`${path} is not a JPEG`);
  let i = 2;
  while (i + 9 < head.length) {
    if (head[i] !== 0xff) throw new ImageFormatError(`${path}: bad JPEG marker`);
    const marker = head[i + 1]!;
    const segment = head.readUInt16BE(i + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      const components = head[i + 9]!;
      if (components !== 1 && components !== 3) throw new ImageFormatError(`${path}: ${components}-component JPEG`);
      return {
        width: head.readUInt16BE(i + 7),
        height: head.readUInt16BE(i + 5),
        colorSpace: components === 3 ? 'DeviceRGB' : 'DeviceGray',
        bitsPerComponent: head[i + 4]!,
        filter: 'DCTDecode',
        length: size,
        ranges: [[0, size]],
      };
    }
    i += 2 + segment;
  }
  if (head.length === size) throw new ImageFormatError(`${path}: no JPEG frame header found`);
  return null;
}

/** An 8-bit grey or RGB, non-interlaced PNG as a Flate stream (its IDAT data, unchanged). */
export async function pngStream(path: string): Promise<ImageStream> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const header = Buffer.alloc(8 + 25);
    await fh.read(header, 0, header.length, 0);
    if (header.readUInt32BE(0) !== 0x89504e47 || header.toString('latin1', 12, 16) !== 'IHDR') throw new ImageFormatError(`${path} is not a PNG`);
    const width = header.readUInt32BE(16);
    const height = header.readUInt32BE(20);
    const [depth, colorType, , , interlace] = [header[24]!, header[25]!, header[26], header[27], header[28]!];
    if (depth !== 8 || (colorType !== 0 && colorType !== 2) || interlace !== 0)
      throw new ImageFormatError(`${path}: only 8-bit grey or RGB non-interlaced PNGs are embedded directly`);
    const ranges: [number, number][] = [];
    let pos = 8;
    const chunk = Buffer.alloc(8);
    while (pos + 8 <= size) {
      await fh.read(chunk, 0, 8, pos);
      const length = chunk.readUInt32BE(0);
      const type = chunk.toString('latin1', 4, 8);
      if (type === 'IDAT') ranges.push([pos + 8, length]);
      if (type === 'IEND') break;
      pos += 12 + length;
    }
    const colors = colorType === 2 ? 3 : 1;
    return {
      width,
      height,
      colorSpace: colors === 3 ? 'DeviceRGB' : 'DeviceGray',
      bitsPerComponent: 8,
      filter: 'FlateDecode',
      decodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: width },
      length: ranges.reduce((n, [, l]) => n + l, 0),
      ranges,
    };
  } finally {
    await fh.close();
  }
}

export function imageStream(path: string, mediaType: string): Promise<ImageStream> {
  if (mediaType === 'image/tiff') return ccittStream(path);
  return mediaType === 'image/png' ? pngStream(path) : jpegStream(path);
}

const TIFF_TAG = { width: 256, height: 257, bits: 258, compression: 259, photometric: 262, stripOffsets: 273, rowsPerStrip: 278, stripByteCounts: 279 } as const;

/** A bilevel TIFF with one CCITT Group 4 strip (what imaging/bilevel.ts writes): the strip is
 * the PDF stream as it is — /CCITTFaxDecode with K −1. Photometric "min is white" means the
 * coder's white runs are white, which is PDF's default (BlackIs1 false). */
export async function ccittStream(path: string): Promise<ImageStream> {
  const { head, size } = readHead(path, 64 * 1024);
  const order = head.toString('latin1', 0, 2);
  if ((order !== 'II' && order !== 'MM') || head.length < 8) throw new ImageFormatError(`${path} is not a TIFF`);
  const le = order === 'II';
  const u16 = (at: number) => (le ? head.readUInt16LE(at) : head.readUInt16BE(at));
  const u32 = (at: number) => (le ? head.readUInt32LE(at) : head.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > head.length) throw new ImageFormatError(`${path}: the TIFF directory is not near the start`);
  const tags = new Map<number, { count: number; value: number }>();
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + 12 * i;
    if (at + 12 > head.length) throw new ImageFormatError(`${path}: the TIFF directory is cut short`);
    const type = u16(at + 2);
    const count = u32(at + 4);
    tags.set(u16(at), { count, value: type === 3 && count === 1 ? u16(at + 8) : u32(at + 8) });
  }
  const tag = (t: number) => tags.get(t)?.value;
  const width = tag(TIFF_TAG.width) ?? 0;
  const height = tag(TIFF_TAG.height) ?? 0;
  if (tag(TIFF_TAG.compression) !== 4 || (tag(TIFF_TAG.bits) ?? 1) !== 1)
    throw new ImageFormatError(`${path}: only bilevel CCITT Group 4 TIFFs are embedded directly`);
  if (tags.get(TIFF_TAG.stripOffsets)?.count !== 1) throw new ImageFormatError(`${path}: a G4 TIFF must hold one strip`);
  if (tag(TIFF_TAG.photometric) !== 0) throw new ImageFormatError(`${path}: a G4 TIFF must be "min is white"`);
  const offset = tag(TIFF_TAG.stripOffsets)!;
  const length = tag(TIFF_TAG.stripByteCounts) ?? 0;
  if (width <= 0 || height <= 0 || offset + length > size) throw new ImageFormatError(`${path}: the G4 strip lies outside the file`);
  return {
    width,
    height,
    colorSpace: 'DeviceGray',
    bitsPerComponent: 1,
    filter: 'CCITTFaxDecode',
    decodeParms: { K: -1, Columns: width, Rows: height, BlackIs1: false },
    length,
    ranges: [[offset, length]],
  };
}

/** Files up to this size (a page at 200–300 dpi) are read whole, synchronously: a read of a few
 * hundred kilobytes takes well under a millisecond, where four asynchronous round trips per page
 * (open, stat, read, close) left the writer mostly waiting. Larger files (A0 scans) stream. */
export const READ_WHOLE_UP_TO = 2 << 20;

/** A stream that is the whole of a small file: its bytes in one read — a JPEG Flate-compressed
 * on top when that pays (jpeg-flate.ts) — or null to stream it. */
export function wholeFile(path: string, image: Pick<ImageStream, 'ranges' | 'filter'>): (() => Promise<LoadedBody>) | null {
  const { ranges } = image;
  const whole = ranges.length === 1 && ranges[0]![0] === 0 ? ranges[0]![1] : -1;
  if (whole < 0 || whole > READ_WHOLE_UP_TO) return null;
  return async () => {
    const data = readFileSync(path);
    if (data.length !== whole) throw new Error(`${path}: file size changed`);
    return image.filter === 'DCTDecode' ? deflatedIfSmaller(data) : { bytes: data, deflated: false };
  };
}

/** Reads the stream's ranges from the file in large chunks. */
export async function* readRanges(path: string, ranges: ImageStream['ranges']): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const CHUNK = 1 << 20;
    for (const [offset, length] of ranges) {
      for (let done = 0; done < length; ) {
        const n = Math.min(CHUNK, length - done);
        const buf = Buffer.allocUnsafe(n);
        const { bytesRead } = await fh.read(buf, 0, n, offset + done);
        if (bytesRead !== n) throw new Error(`${path}: file shorter than expected`);
        yield buf;
        done += n;
      }
    }
  } finally {
    await fh.close();
  }
}
