// A scanned page stored exactly as the worker captured it, as cheaply as the disk allows: the
// spool TIFF streams once through the blob store (hashed, encrypted, fsynced), and the thumbnail
// is made from rows picked out of that same stream — the page is not read a second time.
//
// Measured on the 2-core station (A4 300 dpi colour, 26 MB): SHA-256 15 ms, AES-GCM 12 ms, the
// write 13 ms and the fsync 11 ms; a thumbnail by sharp from the file costs 26–30 ms more (libvips
// reads every strip), against ≈ 3 ms for the rows picked here. The worker's TIFFs (native/common/
// tiff_writer.c) are uncompressed and strip-contiguous, which is what makes the picking possible;
// any other input (1-bit pages, an eSCL JPEG) gets its thumbnail from sharp instead.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import sharp from 'sharp';
import type { ColorMode } from '../../contract';
import { type ImageInput, THUMB_BOX, imageError, openImage } from '../imaging/page-encoder';
import type { BlobStore, StoredBlob } from '../records/blob-store';
import { StationError } from '../errors';

export interface RawCapture {
  readonly image: StoredBlob & { readonly mediaType: string };
  readonly thumb: StoredBlob & { readonly mediaType: string };
  readonly widthPx: number;
  readonly heightPx: number;
}

/** Where the pixels of a plain 8-bit TIFF are. */
interface PlainTiff {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly dataStart: number;
  readonly rowBytes: number;
}

const CHUNK = 1 << 20;

/** What a capture file is, as its row records it (the workers write TIFF; an eSCL scanner may send JPEG or PNG). */
const MEDIA_TYPES: Readonly<Record<string, string>> = { tiff: 'image/tiff', jpeg: 'image/jpeg', png: 'image/png' };

export async function storeRawCapture(file: string, mode: ColorMode, blobs: BlobStore): Promise<RawCapture> {
  const layout = await plainTiff(file).catch(() => null);
  try {
    if (!layout) {
      const meta = await openImage({ file }).metadata();
      const mediaType = MEDIA_TYPES[meta.format ?? ''] ?? 'application/octet-stream';
      const [image, thumb] = await Promise.all([blobs.write(createReadStream(file, { highWaterMark: CHUNK })), blobs.write(await sharpThumb({ file }, mode))]);
      return { image: { ...image, mediaType }, thumb: { ...thumb, mediaType: 'image/jpeg' }, widthPx: meta.width ?? 0, heightPx: meta.height ?? 0 };
    }
    const picker = new RowPicker(layout);
    const image = await blobs.write(picker.tap(chunksOf(file)));
    const thumb = await blobs.write(await picker.thumbnail());
    return { image: { ...image, mediaType: 'image/tiff' }, thumb: { ...thumb, mediaType: 'image/jpeg' }, widthPx: layout.width, heightPx: layout.height };
  } catch (e) {
    throw e instanceof StationError ? e : imageError(e, file);
  }
}

async function sharpThumb(input: ImageInput, mode: ColorMode): Promise<Buffer> {
  return openImage(input)
    .resize({ ...THUMB_BOX, fit: 'inside', withoutEnlargement: true })
    .toColourspace(mode === 'color' ? 'srgb' : 'b-w')
    .jpeg({ quality: 75 })
    .toBuffer();
}

/** The file in chunks read into ONE buffer, reused: the blob store hashes and encrypts each chunk
 * before it asks for the next (blob-store.ts), and 26 fresh megabytes per A4 page made the
 * garbage collector the largest cost of the raw path (≈ 45 ms a page, measured by --cpu-prof). */
async function* chunksOf(file: string): AsyncGenerator<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** The thumbnail's size: the page fitted inside THUMB_BOX. */
function thumbSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, THUMB_BOX.width / width, THUMB_BOX.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Collects every n-th row of the page as the file streams past (twice the thumbnail's rows, so
 * that the vertical shrink still averages a little), then shrinks them to the thumbnail. */
class RowPicker {
  private readonly rows: number[];
  private readonly picked: Buffer;
  private readonly size: { width: number; height: number };

  constructor(private readonly t: PlainTiff) {
    this.size = thumbSize(t.width, t.height);
    const count = Math.min(t.height, this.size.height * 2);
    this.rows = Array.from({ length: count }, (_, i) => Math.min(t.height - 1, Math.floor(((i + 0.5) * t.height) / count)));
    this.picked = Buffer.alloc(count * t.rowBytes);
  }

  async *tap(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const { dataStart, rowBytes } = this.t;
    let pos = 0;
    let next = 0; // the first picked row not yet complete
    for await (const chunk of source) {
      const end = pos + chunk.length;
      for (let k = next; k < this.rows.length; k++) {
        const from = dataStart + this.rows[k]! * rowBytes;
        if (from >= end) break;
        const to = from + rowBytes;
        const a = Math.max(from, pos);
        const b = Math.min(to, end);
        if (b > a) chunk.copy(this.picked, k * rowBytes + (a - from), a - pos, b - pos);
        if (to <= end) next = k + 1;
      }
      pos = end;
      yield chunk;
    }
  }

  thumbnail(): Promise<Buffer> {
    const { width, channels } = this.t;
    return sharp(this.picked, { raw: { width, height: this.rows.length, channels } })
      .resize(this.size.width, this.size.height, { fit: 'fill' })
      .toColourspace(channels === 3 ? 'srgb' : 'b-w')
      .jpeg({ quality: 75 })
      .toBuffer();
  }
}

/** The layout of an uncompressed, 8-bit, chunky, strip-contiguous baseline TIFF (either byte
 * order: scanimage writes big-endian, our workers little-endian); null for
 * anything else (the caller then lets sharp read the file). Reads the header and directory only. */
export async function plainTiff(file: string): Promise<PlainTiff | null> {
  const fh = await open(file, 'r');
  try {
    const read = async (at: number, n: number): Promise<Buffer> => {
      const b = Buffer.alloc(n);
      const { bytesRead } = await fh.read(b, 0, n, at);
      if (bytesRead !== n) throw new Error('short read');
      return b;
    };
    const head = await read(0, 8);
    const order = head.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') return null;
    const le = order === 'II';
    const u16 = (b: Buffer, at: number) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
    const u32 = (b: Buffer, at: number) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
    if (u16(head, 2) !== 42) return null;
    const ifd = u32(head, 4);
    const count = u16(await read(ifd, 2), 0);
    const dir = await read(ifd + 2, count * 12);
    const tags = new Map<number, { type: number; count: number; value: number }>();
    for (let i = 0; i < count; i++) {
      const e = i * 12;
      const type = u16(dir, e + 2);
      const n = u32(dir, e + 4);
      // A value that fits in four bytes is inline; otherwise the field holds its offset.
      const value = type === 3 && n <= 2 ? u16(dir, e + 8) : u32(dir, e + 8);
      tags.set(u16(dir, e), { type, count: n, value });
    }
    const v = (tag: number, otherwise?: number) => tags.get(tag)?.value ?? otherwise;
    const width = v(256);
    const height = v(257);
    const channels = v(277, 1);
    const bps = tags.get(258);
    if (!width || !height || (channels !== 1 && channels !== 3) || v(259, 1) !== 1 || v(284, 1) !== 1) return null;
    if (v(262) !== (channels === 3 ? 2 : 1)) return null; // RGB, or grey with black at zero
    // Bits per sample: one value inline, or one per channel at an offset.
    const bits = !bps ? 1 : bps.count <= 2 ? bps.value : u16(await read(bps.value, 2), 0);
    if (bits !== 8) return null;
    const offsets = tags.get(273);
    if (!offsets) return null;
    const rowBytes = width * channels;
    const rowsPerStrip = Math.min(v(278, height)!, height);
    // Strip offsets: one inline, or a table; the strips must follow one another without gaps.
    const size = offsets.type === 3 ? 2 : 4;
    const table = offsets.count === 1 ? null : await read(offsets.value, offsets.count * size);
    const offsetAt = (i: number) => (table ? (size === 2 ? u16(table, i * 2) : u32(table, i * 4)) : offsets.value);
    const first = offsetAt(0);
    for (let i = 1; i < offsets.count; i++) if (offsetAt(i) !== first + i * rowsPerStrip * rowBytes) return null;
    return { width, height, channels, dataStart: first, rowBytes };
  } finally {
    await fh.close();
  }
}
