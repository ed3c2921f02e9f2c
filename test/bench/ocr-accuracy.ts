// Vietnamese OCR accuracy through the station's real path: a generated page with known text
// (diacritics throughout), imported at 200 dpi as a colour JPEG, recognised by tesseract (vie),
// written into the record's text layer, read back with poppler's pdftotext.
import { join } from 'node:path';
import sharp from 'sharp';
import { VIETNAMESE_LINES, characterAccuracy, vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { pdftotext } from '../helpers/pdf-tools';
import { openTestStation } from '../helpers/station';
import { scaled } from './quick';

export interface OcrFigure {
  readonly variant: string;
  readonly accuracy: number;
  readonly secondsPerPage: number;
}

export async function ocrAccuracy(): Promise<OcrFigure[]> {
  const tmp = tempDir('bench-ocr');
  const t = await openTestStation();
  const figures: OcrFigure[] = [];
  try {
    const variants: { name: string; make: (file: string) => Promise<string> }[] = [
      { name: '12 pt, clean', make: (f) => vietnamesePage(f, { dpi: 200, mode: 'color' }) },
      {
        name: '10 pt, clean',
        make: async (f) => {
          // 10 pt: the same lines at 5/6 the size, rendered at 200 dpi then scaled down by 5/6.
          const big = join(tmp.path, 'big.png');
          const text = await vietnamesePage(big, { dpi: 240, mode: 'color' });
          await sharp(big).resize({ width: 1654, height: 2339, fit: 'fill' }).withMetadata({ density: 200 }).png().toFile(f);
          return text;
        },
      },
      {
        name: '12 pt, scan-like (blur, noise, grey paper)',
        make: async (f) => {
          const clean = join(tmp.path, 'clean.png');
          const text = await vietnamesePage(clean, { dpi: 200, mode: 'color' });
          const { data, info } = await sharp(clean).blur(0.7).removeAlpha().raw().toBuffer({ resolveWithObject: true });
          let seed = 7;
          const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
          for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! * 0.93 + (rand() - 0.5) * 30));
          await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).withMetadata({ density: 200 }).png().toFile(f);
          return text;
        },
      },
    ];
    for (const v of variants.slice(0, scaled(variants.length, 1))) {
      const file = join(tmp.path, `${figures.length}.png`);
      const reference = await v.make(file);
      const started = performance.now();
      const doc = await t.call('documents.import', { paths: [file], ocr: 'wait' });
      const seconds = (performance.now() - started) / 1000;
      const out = join(tmp.path, `${figures.length}.pdf`);
      await t.call('documents.export', { id: doc.id, path: out });
      const text = pdftotext(out).split('\n').filter((l) => !l.startsWith('Bản điện tử chuyển đổi')).join('\n');
      figures.push({ variant: v.name, accuracy: characterAccuracy(reference, text), secondsPerPage: seconds });
    }
    return figures;
  } finally {
    await t.close();
    tmp.cleanup();
  }
}

export const OCR_REFERENCE_CHARACTERS = VIETNAMESE_LINES.join(' ').length;
