// Colour presence: pixels whose chroma (max − min of R, G, B) is well above what paper and
// grey ink show. Cheap scanners sample their colour channels a fraction of a millimetre apart, so
// every edge of black text gets a thin pair of fringes of opposite hue (red on one side, blue on
// the other). A pixel counts as colour only when no pixel of another dominant hue is coloured
// within a few pixels across it: a seal, a photo or an ink signature has one hue there, a fringe
// pair has two.

/** Chroma of a coloured pixel: above what tinted paper and scanner noise reach. */
export const COLOUR_CHROMA = 45;
/** Chroma of a fringe's partner, which may be fainter than the fringe. */
const PARTNER_CHROMA = 15;
/** How far across (working px, ≈ 1.3 mm at 100 dpi) a fringe's partner of another hue is looked for. */
const PARTNER_REACH = 5;

/** Coloured pixels of an 8-bit RGB(A) buffer, fringe pairs left out. */
export function countColoured(data: Uint8Array, channels: number, width: number, height: number): number {
  const n = width * height;
  // dominant channel + 1 (1 red, 2 green, 3 blue) where the chroma passes PARTNER_CHROMA, 0 elsewhere; 4 + … where it passes COLOUR_CHROMA
  const hue = new Uint8Array(n);
  let candidates = 0;
  for (let i = 0, p = 0; i < n; i++, p += channels) {
    const r = data[p]!, g = data[p + 1]!, b = data[p + 2]!;
    const max = r > g ? (r > b ? r : b) : g > b ? g : b, min = r < g ? (r < b ? r : b) : g < b ? g : b;
    const chroma = max - min;
    if (chroma <= PARTNER_CHROMA) continue;
    const dominant = max === r ? 1 : max === g ? 2 : 3;
    hue[i] = chroma > COLOUR_CHROMA ? dominant + 4 : dominant;
    if (chroma > COLOUR_CHROMA) candidates++;
  }
  if (candidates === 0) return 0;
  let coloured = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const h = hue[y * width + x]!;
      if (h < 4) continue;
      const own = h - 4;
      let paired = false;
      for (let d = -PARTNER_REACH; d <= PARTNER_REACH && !paired; d++) {
        if (d === 0) continue;
        const xx = x + d, yy = y + d;
        if (xx >= 0 && xx < width) { const o = hue[y * width + xx]! & 3; if (o && o !== own) paired = true; }
        if (yy >= 0 && yy < height) { const o = hue[yy * width + x]! & 3; if (o && o !== own) paired = true; }
      }
      if (!paired) coloured++;
    }
  return coloured;
}
