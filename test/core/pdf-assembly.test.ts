// Each PDF page is sized from its pixels and resolution: the paper at 100% scale.
import sharp from 'sharp';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assemblePdf, pageSizePt } from '../../electron/core/pdf/assemble';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('pdf');
afterAll(() => tmp.cleanup());

async function jpeg(width: number, height: number): Promise<Uint8Array> {
  return sharp({ create: { width, height, channels: 3, background: '#f4f1e8' } }).jpeg().toBuffer();
}

describe('PDF assembly', () => {
  it.each([
    ['A4 at 150 dpi', 1240, 1753, 150, [595, 842]],
    ['A4 at 200 dpi', 1653, 2338, 200, [595, 842]],
    ['A4 at 300 dpi', 2480, 3507, 300, [595, 842]],
    ['an ID card at 300 dpi', 1011, 637, 300, [243, 153]],
  ] as const)('sizes %s to the paper', async (_name, w, h, dpi, [wpt, hpt]) => {
    const size = pageSizePt({ widthPx: w, heightPx: h, dpi });
    expect(Math.abs(size.width - wpt)).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - hpt)).toBeLessThanOrEqual(1);
    const bytes = await jpeg(w, h);
    const pdf = await assemblePdf([{ sha256: 'x', mediaType: 'image/jpeg', widthPx: w, heightPx: h, dpi }], async () => bytes, { producer: 'test', created: new Date() });
    const file = join(tmp.path, `${w}.pdf`);
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const [pw, ph] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1, 3).map(Number);
    expect(Math.abs(pw! - wpt)).toBeLessThanOrEqual(1);
    expect(Math.abs(ph! - hpt)).toBeLessThanOrEqual(1);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
  });
});
