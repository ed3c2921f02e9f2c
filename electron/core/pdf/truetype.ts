// TrueType files as the record embeds them: written from their tables (sfnt), and the visible
// mark's Liberation Serif subset stripped of its hinting. Hinting (the fpgm, prep and cvt tables
// and each glyph's instructions) only snaps outlines to a screen's pixel grid at small sizes: it
// was two thirds of the subset's bytes (≈ 9 of 13.7 KB for a mark's 54 glyphs), the outlines are
// unchanged without it, and every PDF renderer draws unhinted TrueType (FreeType and pdf.js
// autohint or anti-alias it).

/** A font's tables in TrueType's file layout (offset table, directory, 4-byte aligned tables). */
export function sfnt(tables: Record<string, Buffer>): Buffer {
  const tags = Object.keys(tables).sort();
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const checksum = (b: Buffer) => {
    const p = pad(b);
    let sum = 0;
    for (let i = 0; i < p.length; i += 4) sum = (sum + p.readUInt32BE(i)) >>> 0;
    return sum;
  };
  const entrySelector = Math.floor(Math.log2(tags.length));
  const searchRange = 2 ** entrySelector * 16;
  const head = Buffer.alloc(12 + 16 * tags.length);
  head.writeUInt32BE(0x00010000, 0);
  head.writeUInt16BE(tags.length, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(entrySelector, 8);
  head.writeUInt16BE(tags.length * 16 - searchRange, 10);
  let offset = head.length;
  tags.forEach((tag, i) => {
    const table = tables[tag]!;
    head.write(tag, 12 + 16 * i, 'latin1');
    head.writeUInt32BE(checksum(table), 16 + 16 * i);
    head.writeUInt32BE(offset, 20 + 16 * i);
    head.writeUInt32BE(table.length, 24 + 16 * i);
    offset += pad(table).length;
  });
  const font = Buffer.concat([head, ...tags.map((t) => pad(tables[t]!))]);
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  const headAt = head.readUInt32BE(20 + 16 * tags.indexOf('head'));
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}


/** The tables of a TrueType file, by tag. */
export function readTables(font: Buffer): Record<string, Buffer> {
  const tables: Record<string, Buffer> = {};
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const offset = font.readUInt32BE(at + 8);
    tables[font.toString('latin1', at, at + 4)] = font.subarray(offset, offset + font.readUInt32BE(at + 12));
  }
  return tables;
}

const HINTING_TABLES = new Set(['fpgm', 'prep', 'cvt ', 'hdmx', 'LTSH', 'VDMX']);

/** A glyph without its instructions (simple: the length and bytes after the contour ends;
 * composite: the WE_HAVE_INSTRUCTIONS flags and the instructions after the last component). */
function glyphWithoutInstructions(g: Buffer): Buffer {
  if (g.length === 0) return g;
  const contours = g.readInt16BE(0);
  if (contours >= 0) {
    const at = 10 + 2 * contours;
    const length = g.readUInt16BE(at);
    return Buffer.concat([g.subarray(0, at), Buffer.alloc(2), g.subarray(at + 2 + length)]);
  }
  const out = Buffer.from(g);
  let at = 10;
  for (;;) {
    const flags = out.readUInt16BE(at);
    out.writeUInt16BE(flags & ~0x0100, at);
    at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
    if (!(flags & 0x0020)) break;
  }
  return out.subarray(0, at);
}

/** The same font without hinting: the same outlines, advances and glyph order. */
export function stripHinting(font: Buffer): Buffer {
  const tables = readTables(font);
  const { head, maxp, loca, glyf } = tables;
  if (!head || !maxp || !loca || !glyf || maxp.readUInt32BE(0) !== 0x00010000) return font;
  const longLoca = head.readInt16BE(50) === 1;
  const glyphs = maxp.readUInt16BE(4);
  const offset = (i: number) => (longLoca ? loca.readUInt32BE(4 * i) : 2 * loca.readUInt16BE(2 * i));
  const parts: Buffer[] = [];
  const newLoca = Buffer.alloc(4 * (glyphs + 1));
  let length = 0;
  for (let i = 0; i < glyphs; i++) {
    newLoca.writeUInt32BE(length, 4 * i);
    const g = glyphWithoutInstructions(glyf.subarray(offset(i), offset(i + 1)));
    const padded = Buffer.concat([g, Buffer.alloc((4 - (g.length % 4)) % 4)]);
    parts.push(padded);
    length += padded.length;
  }
  newLoca.writeUInt32BE(length, 4 * glyphs);
  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50); // long loca offsets
  newHead.writeUInt32BE(0, 8); // checkSumAdjustment, set again by sfnt()
  const newMaxp = Buffer.from(maxp);
  // maxZones 1, then no twilight points, storage, functions, instruction definitions, stack or instructions.
  newMaxp.writeUInt16BE(1, 14);
  for (const at of [16, 18, 20, 22, 24, 26]) newMaxp.writeUInt16BE(0, at);
  const kept = Object.fromEntries(Object.entries(tables).filter(([tag]) => !HINTING_TABLES.has(tag)));
  return sfnt({ ...kept, head: newHead, maxp: newMaxp, loca: newLoca, glyf: Buffer.concat(parts) });
}
