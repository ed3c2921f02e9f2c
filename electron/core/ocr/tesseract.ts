// Vietnamese OCR with Debian's tesseract (tesseract-ocr + tesseract-ocr-vie), run as a child
// process on an image file — only where SOHOA_OCR_ENGINE=native asks for it (engines.ts): the
// station's default is the portable engine (tesseract-wasm.ts), whose TSV is parsed here too.
// Word boxes from its TSV output. Each run uses one thread at the lowest priority (nice 19), so
// that recognition takes only the CPU that scanning, imaging and the UI leave, and runs under
// runTool's deadline and output cap. Several runs at once use the cores.
import { StationError, isStationError } from '../errors';
import type { Word } from '../pdf/text-layer';
import { runTool } from '../tools/run-tool';
import type { OcrEngine, OcrOptions, OcrResult } from './engine';
import { vietnameseWord } from './vietnamese-lookalikes';

export type { OcrOptions, OcrResult } from './engine';

/** The first line of tesseract's TSV (the command writes it; the library's GetTSVText does not). */
export const TSV_HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';

/** Parses tesseract's TSV: level 5 rows are words, with block/paragraph/line numbers. */
export function parseTsv(tsv: string): OcrResult {
  const words: Word[] = [];
  const lines = new Map<number, string[]>();
  const lineBoxes = new Map<number, { y: number; h: number }>();
  let confSum = 0;
  const lineKey = (cols: string[]) => Number(cols[2]) * 1_000_000 + Number(cols[3]) * 1000 + Number(cols[4]);
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length >= 12 && cols[0] === '4') lineBoxes.set(lineKey(cols), { y: Number(cols[7]), h: Number(cols[9]) });
    if (cols.length < 12 || cols[0] !== '5') continue;
    const text = cols.slice(11).join('\t').trim();
    const conf = Number(cols[10]);
    if (!text || conf < 0) continue;
    const line = lineKey(cols);
    const box = lineBoxes.get(line);
    const word = vietnameseWord(text); // NFC, tesseract's look-alikes (Ð for Đ, …) mapped back
    words.push({ text: word, x: Number(cols[6]), y: Number(cols[7]), w: Number(cols[8]), h: Number(cols[9]), line, lineY: box?.y, lineH: box?.h, conf });
    confSum += conf;
    const l = lines.get(line) ?? [];
    l.push(word);
    lines.set(line, l);
  }
  return { text: [...lines.values()].map((l) => l.join(' ')).join('\n'), words, confidence: words.length ? confSum / words.length : 0 };
}

export async function recognise(imagePath: string, opts: OcrOptions): Promise<OcrResult> {
  const args = [imagePath, 'stdout', '-l', opts.languages ?? 'vie', '--dpi', String(Math.round(opts.dpi)), '--psm', '3', 'tsv'];
  let run;
  try {
    run = await runTool('tesseract', args, {
      file: imagePath,
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      niceness: 19,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if (isStationError(e)) {
      // The page is the station's own (a stored image): the document stays, without its text.
      if (e.code === 'tool-timeout' || e.code === 'tool-output-too-large' || e.code === 'tool-memory-limit') throw new StationError('ocr-failed', { detail: e.toWire().message.en }, { cause: e });
      throw e;
    }
    const x = e as NodeJS.ErrnoException;
    throw x.code === 'ENOENT' ? new StationError('ocr-unavailable', { detail: 'tesseract is not installed' }) : new StationError('ocr-failed', { detail: x.message });
  }
  if (run.code !== 0) {
    const missingLanguage = /Failed loading language|Error opening data file/.test(run.stderr);
    throw new StationError(missingLanguage ? 'ocr-unavailable' : 'ocr-failed', {
      detail: missingLanguage ? 'the Vietnamese language data (tesseract-ocr-vie) is missing' : `tesseract ${run.signal ?? `exit ${run.code}`}: ${run.stderr.trim().split('\n').at(-1) ?? ''}`,
    });
  }
  return parseTsv(run.stdout);
}

export const tesseractEngine: OcrEngine = { recognise };
