// The record's two small fonts, read back by a TrueType parser we did not write (fontkit): the
// glyphless font of the text layer (two glyphs, every advance 500 as /DW says), and the mark's
// Liberation Serif subset without its hinting (the same glyphs, advances and outlines).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { GLYPHLESS_WIDTH, glyphlessFontProgram } from '../../electron/core/pdf/glyphless-font';
import { readTables, stripHinting } from '../../electron/core/pdf/truetype';
import { REPO } from '../helpers/paths';

/** The file sums to 0xB1B0AFBA, as head.checkSumAdjustment promises. */
function fileChecksum(font: Buffer): number {
  const padded = Buffer.concat([font, Buffer.alloc((4 - (font.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

describe('the glyphless font', () => {
  it('has .notdef and one 500-unit glyph, and a sound checksum', () => {
    const bytes = glyphlessFontProgram();
    const font = fontkit.create(bytes);
    expect(font.numGlyphs).toBe(2);
    expect(font.unitsPerEm).toBe(1000);
    expect(font.getGlyph(1).advanceWidth).toBe(GLYPHLESS_WIDTH);
    expect(font.getGlyph(1).path.bbox).toMatchObject({ minX: 0, minY: 0, maxX: GLYPHLESS_WIDTH, maxY: 1000 });
    expect(fileChecksum(bytes)).toBe(0xb1b0afba);
  });
});

describe('a subset without hinting', () => {
  it('keeps every glyph, advance and outline, and drops the instructions', () => {
    const original = readFileSync(join(REPO, 'assets', 'fonts', 'LiberationSerif-Regular.ttf'));
    const stripped = stripHinting(original);
    expect(Object.keys(readTables(original))).toEqual(expect.arrayContaining(['fpgm', 'prep', 'cvt ']));
    for (const tag of ['fpgm', 'prep', 'cvt ']) expect(readTables(stripped)).not.toHaveProperty([tag]);
    expect(stripped.length).toBeLessThan(original.length * 0.8);
    expect(fileChecksum(stripped)).toBe(0xb1b0afba);
    const [a, b] = [fontkit.create(original), fontkit.create(stripped)];
    expect(b.numGlyphs).toBe(a.numGlyphs);
    // Vietnamese letters, simple and composite glyphs alike.
    for (const c of 'AaĐđƯươẫỹỆệ0,') {
      const gid = a.glyphForCodePoint(c.codePointAt(0)!).id;
      expect(b.getGlyph(gid).advanceWidth, c).toBe(a.getGlyph(gid).advanceWidth);
      expect(b.getGlyph(gid).path.toSVG(), c).toBe(a.getGlyph(gid).path.toSVG());
    }
  });
});
