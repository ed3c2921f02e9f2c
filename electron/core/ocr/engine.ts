// What the station asks of a recognition engine, and nothing more: an image file in, its words
// with their boxes (pixels of that file, origin top-left) out. tesseract in WebAssembly answers
// by default (tesseract-wasm.ts), Debian's tesseract when asked for (tesseract.ts; engines.ts
// chooses); the banding (bands.ts) and the background queue (ocr-queue.ts) are the same for both.
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
  /** About how many bytes a run holds per pixel of its image (default 10: Debian's tesseract).
   * The queue sizes its memory budget and its bands by it (ocr-queue.ts). */
  readonly bytesPerPixel?: number;
  /** Ends what the engine keeps running between pages (worker threads). */
  close?(): Promise<void>;
}
