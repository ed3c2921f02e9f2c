// Bilevel pages for the PDF: one CCITT Group 4 strip in a TIFF, "min is white", which the record
// writer embeds as it is (/CCITTFaxDecode, K −1: pdf/image-streams.ts). A whole page in one strip,
// so that the PDF stream is the strip itself; libvips still encodes it row by row.
import type sharp from 'sharp';

/** The grey level below which a pixel is ink. */
export const BILEVEL_THRESHOLD = 160;

export function bilevelG4(image: sharp.Sharp, heightPx: number, dpi: number): sharp.Sharp {
  // Rows per strip ≥ the page's height: one strip (a multiple of 16 above, as TIFF writers like).
  const rowsPerStrip = Math.ceil((heightPx + 16) / 16) * 16;
  return image
    .threshold(BILEVEL_THRESHOLD)
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, tile: false, tileHeight: rowsPerStrip, tileWidth: 16, xres: dpi / 25.4, yres: dpi / 25.4 });
}
