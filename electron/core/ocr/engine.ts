// What the station asks of a recognition engine, and nothing more: an image file in, its words
// with their boxes (pixels of that file, origin top-left) out. Debian's tesseract answers today
// (tesseract.ts); another engine (tesseract.js, say) only has to implement OcrEngine, and the
// banding (bands.ts) and the background queue (ocr-queue.ts) stay as they are.
import type { Word } from '../pdf/text-layer';

export interface OcrResult {
  readonly text: string;
  readonly words: Word[];
  /** Mean word confidence, 0–100. */
  readonly confidence: number;
}

export interface OcrOptions {
  readonly languages?: string;
  readonly dpi: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface OcrEngine {
  recognise(imagePath: string, opts: OcrOptions): Promise<OcrResult>;
}
