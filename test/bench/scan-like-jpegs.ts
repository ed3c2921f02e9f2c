// Pages as a colour scan gives them: text on paper with its grain, so the JPEGs have the sizes of
// real 200 dpi scans (a clean synthetic page would be a fifth of that). Shared by the benchmarks.
import { join } from 'node:path';
import sharp from 'sharp';
import { vietnamesePage } from '../fixtures/vietnamese-pages';

/** `dpi`, when given, is also written into the JPEGs (as a scanner does); without it they state none. */
export async function scanLikeJpegs(dir: string, count: number, dpi?: number): Promise<string[]> {
  const jpegs: string[] = [];
  for (let i = 0; i < count; i++) {
    const png = join(dir, `p${i}.png`);
    await vietnamesePage(png, { dpi: dpi ?? 200, mode: 'color' });
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let seed = 11 + i;
    for (let k = 0; k < data.length; k++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      data[k] = Math.max(0, Math.min(255, data[k]! * 0.94 + (seed / 0x7fffffff - 0.5) * 7));
    }
    const jpg = join(dir, `p${i}.jpg`);
    const image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    if (dpi) image.withMetadata({ density: dpi });
    await image.jpeg({ quality: 85, chromaSubsampling: '4:2:0' }).toFile(jpg);
    jpegs.push(jpg);
  }
  return jpegs;
}
