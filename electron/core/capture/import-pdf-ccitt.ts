// A scanned PDF page that is one CCITT Group 4 image (img2pdf of a G4 TIFF, a fax, most
// black-and-white archive scans) is kept as G4: its coded bytes, taken out as they are stored (pdf-engine),
// wrapped in a one-strip TIFF — the form the record writer embeds as it is (pdf/image-streams.ts,
// /CCITTFaxDecode K −1, BlackIs1 false) — with the page's own resolution. Only that exact coding
// is kept; anything else (Group 3, BlackIs1, an inverting /Decode, byte-aligned rows) is
// rasterised by the caller, as before.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uuidv7 } from '../ids';
import { pdfEngine } from '../pdf-engine/engine';

/** A TIFF (little-endian) holding one G4 strip, min-is-white, at `dpi`. */
export function g4Tiff(strip: Buffer, width: number, height: number, dpi: number): Buffer {
  const entries: [tag: number, type: number, value: number][] = [];
  const IFD = 8;
  const COUNT = 12;
  const rationals = IFD + 2 + COUNT * 12 + 4;
  const data = rationals + 16;
  entries.push([256, 4, width], [257, 4, height], [258, 3, 1], [259, 3, 4], [262, 3, 0], [273, 4, data], [277, 3, 1], [278, 4, height], [279, 4, strip.length]);
  entries.push([282, 5, rationals], [283, 5, rationals + 8], [296, 3, 2]);
  const head = Buffer.alloc(data);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(IFD, 4);
  head.writeUInt16LE(COUNT, IFD);
  entries.forEach(([tag, type, value], i) => {
    const at = IFD + 2 + i * 12;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(1, at + 4);
    if (type === 3) head.writeUInt16LE(value, at + 8);
    else head.writeUInt32LE(value, at + 8);
  });
  head.writeUInt32LE(0, IFD + 2 + COUNT * 12); // no next directory
  for (const at of [rationals, rationals + 8]) {
    head.writeUInt32LE(Math.round(dpi), at);
    head.writeUInt32LE(1, at + 4);
  }
  return Buffer.concat([head, strip]);
}

/** The page's G4 image as a TIFF file in `workDir`, or null when it is not plain G4. */
export async function extractG4(file: string, page: number, object: number, width: number, height: number, dpi: number, workDir: string, original: string): Promise<string | null> {
  const image = await pdfEngine().ccitt(file, page, object, workDir, original);
  // Only G4 with "0 is black" (BlackIs1 false), rows not byte-aligned (the record's stream does
  // not declare that), as wide as the image; an inverting /Decode would make the page a negative.
  if (!image || image.k >= 0 || image.blackIs1 || image.byteAlign || image.columns !== width || image.inverted || image.imageMask) return null;
  const tiff = join(workDir, `${uuidv7()}-g${page}.tif`);
  await writeFile(tiff, g4Tiff(image.data, width, height, dpi));
  return tiff;
}
